#include "player/frame_statistics.h"

#include <chrono>
#include <cmath>
#include <cstdint>

#include "player/player_loop.h"
#include "player/thread_cpu_clock.h"

namespace ps::player {

namespace {

double steadySeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

double FrameStatistics::cpuNow() { return threadCpuSeconds(); }

void FrameStatistics::begin(const xr::DisplayFrame& frame) {
  spanStart_ = steadySeconds();
  cpuStart_ = threadCpuSeconds();
  submitCpu_ = 0;
  ++stats_.frames;
  if (previousDisplayTime_ && frame.period > 0 &&
      frame.predictedDisplayTime - *previousDisplayTime_ > 1.5 * frame.period)
    stats_.missed += static_cast<std::uint64_t>(
        std::lround((frame.predictedDisplayTime - *previousDisplayTime_) / frame.period) - 1);
  previousDisplayTime_ = frame.predictedDisplayTime;
}

void FrameStatistics::end(const xr::DisplayFrame& frame) {
  const double spanEnd = steadySeconds();
  const double cpu = threadCpuSeconds() - cpuStart_;
  stats_.cpuSeconds.add(cpu);
  stats_.spanSeconds.add(spanEnd - spanStart_);
  stats_.submitCpuSeconds.add(submitCpu_);
  stats_.cpuWithoutSubmitSeconds.add(cpu - submitCpu_);
  if (frame.period > 0 && spanEnd > frame.predictedDisplayTime) ++stats_.late;
}

}  // namespace ps::player
