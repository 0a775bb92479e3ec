#pragma once
// Frame pacing on a fixed refresh grid. The clock is a parameter so tests can step
// time instead of sleeping. All times are XrTime: nanoseconds on CLOCK_MONOTONIC.
#include <cstdint>

namespace ps::sim {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t nowNs() const = 0;
  virtual void sleepUntilNs(std::int64_t t) const = 0;
};

// std::chrono::steady_clock, which is CLOCK_MONOTONIC on Linux like XrTime here.
class SteadyClock final : public Clock {
 public:
  std::int64_t nowNs() const override;
  void sleepUntilNs(std::int64_t t) const override;
};

// The vsync grid starts at the first call; each frame gets the next grid slot not
// yet handed out, so an app that falls behind skips slots rather than queueing.
// In lockstep the grid ignores the clock: every frame is exactly one period after
// the last and nobody sleeps, so what an app shows at frame n does not depend on how
// loaded the machine is (tests); display times then run behind the real clock.
class FramePacer {
 public:
  explicit FramePacer(std::int64_t periodNs, bool lockstep = false) : period_(periodNs), lockstep_(lockstep) {}

  struct Slot {
    std::int64_t wakeNs;     // when xrWaitFrame returns
    std::int64_t displayNs;  // predictedDisplayTime: one period after the wake
  };
  Slot next(std::int64_t nowNs);
  std::int64_t periodNs() const { return period_; }
  bool lockstep() const { return lockstep_; }

 private:
  std::int64_t period_;
  bool lockstep_;
  std::int64_t origin_ = 0;
  std::int64_t lastSlot_ = -1;
};

}  // namespace ps::sim
