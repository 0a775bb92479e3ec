#include "ffmpeg_interrupt.h"

extern "C" {
#include <libavformat/avio.h>
}

namespace ps::media {

namespace {

std::int64_t nowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

AVIOInterruptCB FfmpegInterrupt::callback() { return AVIOInterruptCB{&FfmpegInterrupt::check, this}; }

void FfmpegInterrupt::arm(std::chrono::steady_clock::duration limit) {
  deadlineNs_.store(nowNs() + std::chrono::duration_cast<std::chrono::nanoseconds>(limit).count(),
                    std::memory_order_relaxed);
}

int FfmpegInterrupt::check(void* self) {
  auto* me = static_cast<FfmpegInterrupt*>(self);
  if (me->stop_.load(std::memory_order_relaxed)) return 1;
  if (const std::function<bool()>* quit = me->quit_.load(); quit != nullptr && (*quit)()) return 1;
  if (nowNs() < me->deadlineNs_.load(std::memory_order_relaxed)) return 0;
  me->deadlinePassed_.store(true, std::memory_order_relaxed);
  return 1;
}

}  // namespace ps::media
