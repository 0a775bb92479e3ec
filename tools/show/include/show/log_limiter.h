#pragma once
// Logs a kind of bad input (malformed OSC, bad HTTP) at most once per interval, saying how many
// like it were left out since: a flood from the network cannot fill the log. The clock is
// injected so a test can move time. Thread-safe.
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

namespace ps::show {

class LogLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit LogLimiter(std::string what, std::chrono::seconds interval = std::chrono::seconds(60),
                      std::function<Clock::time_point()> now = Clock::now);

  // Logs a warning "<what>: <detail>" when the interval has passed since the last one logged,
  // with the number left out since; true when logged.
  bool warn(const std::string& detail);
  std::uint64_t seen() const;  // all reported, logged or not

 private:
  std::string what_;
  std::chrono::seconds interval_;
  std::function<Clock::time_point()> now_;
  mutable std::mutex mutex_;
  bool any_ = false;
  Clock::time_point last_{};
  std::uint64_t leftOut_ = 0;
  std::uint64_t seen_ = 0;
};

}  // namespace ps::show
