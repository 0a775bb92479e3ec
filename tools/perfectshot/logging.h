#pragma once
#include <string>

namespace ps::tools {

// Sets up spdlog for the process: messages to stderr, at the given level
// ("trace", "debug", "info", "warn", "error", "off").
void setupLogging(const std::string& level);

}  // namespace ps::tools
