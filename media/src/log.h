#pragma once
// The media module's logger ("media"), sharing the default logger's sinks.
#include <spdlog/spdlog.h>

namespace ps::media {

spdlog::logger& log();

}  // namespace ps::media
