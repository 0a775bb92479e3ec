#include "media/playback_decoder.h"

#include "log.h"

namespace ps::media {

PlaybackDecoder::PlaybackDecoder(VideoSource source, PlaybackOptions options)
    : source_(std::move(source)), info_(source_.info()), options_(options), thread_([this] { run(); }) {}

PlaybackDecoder::~PlaybackDecoder() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void PlaybackDecoder::seek(double seconds) {
  {
    std::lock_guard lock(mutex_);
    ++generation_;
    ++seekCounts_.requested;
    seekTo_ = seconds;
    queue_.clear();
    frames_ = 0;
  }
  changed_.notify_all();
}

std::size_t PlaybackDecoder::queued() const {
  std::lock_guard lock(mutex_);
  return frames_;
}

PlaybackDecoder::SeekCounts PlaybackDecoder::seekCounts() const {
  std::lock_guard lock(mutex_);
  return seekCounts_;
}

Popped PlaybackDecoder::take() {
  Popped p;
  if (queue_.empty()) return p;
  Item item = std::move(queue_.front());
  queue_.pop_front();
  if (auto* f = std::get_if<DecodedFrame>(&item)) {
    --frames_;
    p.kind = Popped::Kind::Frame;
    p.frame = std::move(*f);
  } else if (auto* e = std::get_if<Error>(&item)) {
    p.kind = Popped::Kind::Error;
    p.error = std::move(*e);
  } else {
    p.kind = Popped::Kind::EndOfStream;
  }
  return p;
}

Popped PlaybackDecoder::tryPop() {
  Popped p;
  {
    std::lock_guard lock(mutex_);
    p = take();
  }
  if (p.kind == Popped::Kind::Frame) changed_.notify_all();  // room for the decoder
  return p;
}

Popped PlaybackDecoder::pop(std::chrono::milliseconds timeout) {
  Popped p;
  {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [this] { return !queue_.empty(); });
    p = take();
  }
  if (p.kind == Popped::Kind::Frame) changed_.notify_all();
  return p;
}

// Waits for room, then queues item unless a seek came since it was decoded.
bool PlaybackDecoder::push(Item item, std::uint64_t generation) {
  const bool isFrame = std::holds_alternative<DecodedFrame>(item);
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] {
      return stop_ || generation != generation_ || !isFrame || frames_ < options_.queueCapacity;
    });
    if (stop_ || generation != generation_) return false;
    queue_.push_back(std::move(item));
    if (isFrame) ++frames_;
  }
  changed_.notify_all();
  return true;
}

void PlaybackDecoder::run() {
  std::uint64_t generation = 0;
  bool idle = false;  // at the end or after an error: nothing to do until a seek
  for (;;) {
    std::optional<double> target;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stop_ || seekTo_.has_value() || !idle; });
      if (stop_) return;
      if (seekTo_) {
        target = seekTo_;
        seekTo_.reset();
        ++seekCounts_.decoded;
        generation = generation_;
        idle = false;
      }
    }
    if (target) {
      // Requests that arrive meanwhile make this frame stale; push drops it.
      Result<DecodedFrame> f = source_.frameAt(*target);
      if (!f) {
        idle = push(f.error(), generation);
      } else {
        push(std::move(f).value(), generation);
      }
      continue;
    }
    Result<std::optional<DecodedFrame>> f = source_.next();
    if (!f) {
      idle = push(f.error(), generation);
    } else if (!f.value()) {
      idle = push(EndOfStream{}, generation);
    } else {
      push(std::move(*f.value()), generation);
    }
  }
}

}  // namespace ps::media
