#pragma once
// Where "now" comes from. Whatever paces playback takes one as a parameter, so
// tests step time instead of sleeping, and two players can run in one process.
// Times are seconds (double) on the source's own monotonic timeline: only the
// difference between two readings of the same source means anything.
#include <atomic>

namespace ps::media {

class TimeSource {
 public:
  virtual ~TimeSource() = default;
  // Seconds on this source's timeline; never decreases. Any thread.
  virtual double now() const = 0;
};

// Production: std::chrono::steady_clock, in seconds since an arbitrary epoch.
class SteadyTimeSource final : public TimeSource {
 public:
  double now() const override;
};

// Tests and offline rendering: time moves only when told to.
class SteppedTimeSource final : public TimeSource {
 public:
  explicit SteppedTimeSource(double startSeconds = 0.0) : now_(startSeconds) {}
  double now() const override { return now_.load(); }
  void set(double seconds) { now_.store(seconds); }  // seconds; must not go back
  void advance(double seconds) { now_.store(now_.load() + seconds); }

 private:
  std::atomic<double> now_;  // seconds
};

}  // namespace ps::media
