#pragma once
// Frees GPU resources once the GPU is done with them, without waiting for it: a resource
// replaced or dropped while frames that use it may still be executing is handed over with the
// serial of the last frame that used it, and destroyed when that frame's fence has signalled
// (FrameContext calls collect() as it learns of finished frames). No vkDeviceWaitIdle.
// Thread: the owner's.
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <utility>

namespace ps::engine {

class Disposer {
 public:
  Disposer() = default;
  Disposer(const Disposer&) = delete;
  Disposer& operator=(const Disposer&) = delete;
  // Destroys what is still held: the owner must have waited for its frames first.
  ~Disposer() = default;

  // Keeps `resource` (any movable owner: GpuBuffer, GpuImage, a struct of them) alive until
  // the frame with serial `lastUse` has finished.
  template <typename T>
  void dispose(std::uint64_t lastUse, T&& resource) {
    auto held = std::make_shared<std::decay_t<T>>(std::forward<T>(resource));
    pending_.push_back(Entry{lastUse, [held]() mutable { held.reset(); }});
  }
  // Runs `release` once the frame `lastUse` has finished (for handles without an owner type).
  void disposeWith(std::uint64_t lastUse, std::function<void()> release) {
    pending_.push_back(Entry{lastUse, std::move(release)});
  }

  // Frees everything whose frame is at or below `completedSerial`. Returns how many were freed.
  std::size_t collect(std::uint64_t completedSerial);
  // Frees everything (after the owner has waited for all its frames).
  void releaseAll();
  std::size_t pending() const { return pending_.size(); }

 private:
  struct Entry {
    std::uint64_t lastUse;
    std::function<void()> release;
  };
  std::deque<Entry> pending_;
};

}  // namespace ps::engine
