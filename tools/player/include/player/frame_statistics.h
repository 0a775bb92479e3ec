#pragma once
// The player loop's per-frame measurements, into its PlayerLoopStats (player_loop.h): the loop
// thread's CPU time from beginFrame's return to endFrame's call (thread_cpu_clock.h), so a
// wait on the renderer's fences (the GPU frames behind) does not count; the wall time of the
// same span apart; the part of the CPU time inside the renderer's submit; late frames (work
// ended after the predicted display time) and missed display slots (paced displays).
// Thread: the player loop's.
#include <optional>

#include "xr/display.h"

namespace ps::player {

struct PlayerLoopStats;

class FrameStatistics {
 public:
  // stats must outlive this.
  explicit FrameStatistics(PlayerLoopStats& stats) : stats_(stats) {}

  // After beginFrame returned `frame`: counts it, the display slots skipped since the last
  // one, and starts its clocks.
  void begin(const xr::DisplayFrame& frame);
  // Runs `submit` (the frame's vkQueueSubmit) and counts its CPU time apart.
  template <typename Submit>
  void timeSubmit(Submit&& submit) {
    const double start = cpuNow();
    submit();
    submitCpu_ += cpuNow() - start;
  }
  // Just before endFrame: the frame's CPU and wall times, and whether it was late.
  void end(const xr::DisplayFrame& frame);
  // The display slots until the next frame were not ours to miss (hidden, a runtime lost).
  void forgetDisplayTime() { previousDisplayTime_.reset(); }

 private:
  static double cpuNow();

  PlayerLoopStats& stats_;
  std::optional<double> previousDisplayTime_;
  double spanStart_ = 0;  // steady seconds
  double cpuStart_ = 0;   // thread CPU seconds
  double submitCpu_ = 0;  // thread CPU seconds inside submit this frame
};

}  // namespace ps::player
