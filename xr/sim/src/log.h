#pragma once
// The runtime's own logger: spdlog to stderr, named "perfectshot-sim", kept out of
// spdlog's registry so it never collides with the application's loggers.
// Level from PERFECTSHOT_SIM_LOG_LEVEL (trace, debug, info, warn, error; default info).
#include <spdlog/logger.h>

namespace ps::sim {
spdlog::logger& log();
}
