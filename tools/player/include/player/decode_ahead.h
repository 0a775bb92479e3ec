#pragma once
// Decoding by frame index on a thread of its own, ahead of the display frame that shows it:
// what an RGB-D plate frame needs beside the plate's own decoded frame (a separate depth video's
// frame, the background layer's pictures). The player loop asks for the next frame's (want)
// while it shows this one's, and takes them ready (get), so it never decodes them itself. A
// frame not asked for ahead (a seek, a step) is decoded first when asked; what is given is
// always the index asked for, never a neighbour, so depth never lags or leads its colour.
// Memory: the last `keep` frames' extras, a few wants.
// Any thread; the decode function runs on the worker only.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "scenes/result.h"

namespace ps::player {

template <typename Extras>
class DecodeAhead {
 public:
  using Decoded = Result<std::shared_ptr<const Extras>>;
  using Decode = std::function<Decoded(std::int64_t index)>;

  explicit DecodeAhead(Decode decode, std::size_t keep = 4)
      : decode_(std::move(decode)), keep_(keep), thread_([this] { run(); }) {}
  ~DecodeAhead() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  DecodeAhead(const DecodeAhead&) = delete;
  DecodeAhead& operator=(const DecodeAhead&) = delete;

  // Decode `index` when the worker is free (after what get() waits for).
  void want(std::int64_t index) {
    {
      std::lock_guard lock(mutex_);
      if (findLocked(index) || std::find(wants_.begin(), wants_.end(), index) != wants_.end()) return;
      wants_.push_back(index);
      while (wants_.size() > keep_) wants_.pop_front();
    }
    changed_.notify_all();
  }

  // The extras of `index`, waiting up to `wait` (asking for them first if not asked); empty
  // while they are not decoded yet.
  std::optional<Decoded> get(std::int64_t index, std::chrono::milliseconds wait) {
    std::unique_lock lock(mutex_);
    if (const Decoded* d = findLocked(index)) return *d;
    if (std::find(wants_.begin(), wants_.end(), index) == wants_.end()) wants_.push_front(index);
    else if (wants_.front() != index) {
      wants_.erase(std::find(wants_.begin(), wants_.end(), index));
      wants_.push_front(index);
    }
    changed_.notify_all();
    changed_.wait_for(lock, wait, [&] { return findLocked(index) != nullptr; });
    if (const Decoded* d = findLocked(index)) return *d;
    return std::nullopt;
  }

  // Frames decoded so far (for tests).
  std::uint64_t decoded() const {
    std::lock_guard lock(mutex_);
    return decodedCount_;
  }

 private:
  const Decoded* findLocked(std::int64_t index) const {
    for (const auto& [i, d] : done_)
      if (i == index) return &d;
    return nullptr;
  }

  void run() {
    std::unique_lock lock(mutex_);
    for (;;) {
      changed_.wait(lock, [&] { return stop_ || !wants_.empty(); });
      if (stop_) return;
      const std::int64_t index = wants_.front();
      wants_.pop_front();
      if (findLocked(index)) continue;
      lock.unlock();
      Decoded d = decode_(index);
      lock.lock();
      done_.emplace_back(index, std::move(d));
      while (done_.size() > keep_) done_.pop_front();
      ++decodedCount_;
      changed_.notify_all();
    }
  }

  const Decode decode_;
  const std::size_t keep_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::int64_t> wants_;  // front first
  std::deque<std::pair<std::int64_t, Decoded>> done_;  // oldest first
  std::uint64_t decodedCount_ = 0;
  bool stop_ = false;
  std::thread thread_;  // last: starts after everything above exists
};

}  // namespace ps::player
