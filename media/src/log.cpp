#include "log.h"

#include <memory>

namespace ps::media {

spdlog::logger& log() {
  // A clone, not a registered logger: registering a name would clash with any
  // other component (or test) that registers "media" itself.
  static const std::shared_ptr<spdlog::logger> logger = [] {
    auto l = spdlog::default_logger()->clone("media");
    l->set_level(spdlog::default_logger()->level());
    return l;
  }();
  return *logger;
}

}  // namespace ps::media
