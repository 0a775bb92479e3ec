#include "logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace ps::tools {

void setupLogging(const std::string& level) {
  // stderr, so a command's own output on stdout (probe, bench) stays machine-readable.
  auto logger = spdlog::stderr_color_mt("perfectshot");
  logger->set_pattern("[%H:%M:%S.%e] [%^%l%$] %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(level));
}

}  // namespace ps::tools
