#include "show/log_limiter.h"

#include <spdlog/spdlog.h>

#include <utility>

namespace ps::show {

LogLimiter::LogLimiter(std::string what, std::chrono::seconds interval, std::function<Clock::time_point()> now)
    : what_(std::move(what)), interval_(interval), now_(std::move(now)) {}

bool LogLimiter::warn(const std::string& detail) {
  std::uint64_t leftOut = 0;
  {
    std::lock_guard lock(mutex_);
    ++seen_;
    const Clock::time_point t = now_();
    if (any_ && t - last_ < interval_) {
      ++leftOut_;
      return false;
    }
    any_ = true;
    last_ = t;
    leftOut = std::exchange(leftOut_, 0);
  }
  if (leftOut > 0)
    spdlog::warn("{}: {} ({} more like it since the last report)", what_, detail, leftOut);
  else
    spdlog::warn("{}: {}", what_, detail);
  return true;
}

std::uint64_t LogLimiter::seen() const {
  std::lock_guard lock(mutex_);
  return seen_;
}

}  // namespace ps::show
