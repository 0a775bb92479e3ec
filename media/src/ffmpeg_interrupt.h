#pragma once
// FFmpeg's AVIOInterruptCB for a live input: every blocking call (open, probe, read) on a
// context that carries it gives up with AVERROR_EXIT when the owner asks to stop (quit) or when
// the call's deadline passes (a sender gone silent), instead of blocking for good in a socket
// read. Set the deadline before each call.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>

struct AVIOInterruptCB;

namespace ps::media {

class FfmpegInterrupt {
 public:
  explicit FfmpegInterrupt(const std::atomic<bool>& stop) : stop_(stop) {}
  FfmpegInterrupt(const FfmpegInterrupt&) = delete;
  FfmpegInterrupt& operator=(const FfmpegInterrupt&) = delete;

  // For AVFormatContext::interrupt_callback; refers to this object.
  AVIOInterruptCB callback();

  // The calls from now on give up `limit` from now.
  void arm(std::chrono::steady_clock::duration limit);
  // Also gives up when *quit says so (a caller's quit request, asked from whichever thread FFmpeg
  // checks on); null: only stop and the deadline. *quit must outlive this object.
  void setQuit(const std::function<bool()>* quit) { quit_.store(quit); }
  // Forgets that a deadline passed: a new connection starts.
  void clearDeadlinePassed() { deadlinePassed_.store(false, std::memory_order_relaxed); }
  // Whether a deadline passed since clearDeadlinePassed (a call given up for it, not for quit;
  // FFmpeg's own threads, such as UDP's receive buffer, end on it and report it later).
  bool deadlinePassed() const { return deadlinePassed_.load(std::memory_order_relaxed); }

 private:
  static int check(void* self);

  const std::atomic<bool>& stop_;
  std::atomic<const std::function<bool()>*> quit_{nullptr};
  std::atomic<std::int64_t> deadlineNs_{0};
  std::atomic<bool> deadlinePassed_{false};
};

}  // namespace ps::media
