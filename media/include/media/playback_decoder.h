#pragma once
// Decoding ahead for playback: a VideoSource on its own thread filling a
// bounded queue of decoded frames, with seeks that are queued and merged.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <variant>

#include "media/decoded_frame.h"
#include "media/stream_info.h"
#include "media/video_source.h"
#include "scenes/result.h"

namespace ps::media {

struct PlaybackOptions {
  // Decoded frames held at most; the memory bound of playback
  // (capacity x one decoded picture, plus what the decoder itself holds).
  std::size_t queueCapacity = 8;
};

// What a pop gives.
struct Popped {
  enum class Kind {
    Frame,        // frame holds the next frame in display order
    Empty,        // nothing yet (tryPop), or the timeout passed (pop)
    EndOfStream,  // every frame up to the end was popped; a seek starts again
    Error,        // error says what failed; decoding stops until the next seek
  };
  Kind kind = Kind::Empty;
  std::optional<DecodedFrame> frame;
  std::optional<Error> error;
};

class PlaybackDecoder {
 public:
  // Starts decoding from where source stands (its first frame when fresh).
  explicit PlaybackDecoder(VideoSource source, PlaybackOptions options = {});
  // Stops and joins the decode thread.
  ~PlaybackDecoder();
  PlaybackDecoder(const PlaybackDecoder&) = delete;
  PlaybackDecoder& operator=(const PlaybackDecoder&) = delete;

  const StreamInfo& info() const { return info_; }

  // Asks for playback to continue from the frame shown at t (seconds from the
  // first frame). Returns at once; any thread. Frames decoded before the call
  // are never popped after it, and when several requests come before the
  // decode thread gets to them only the latest is done. The next frame popped
  // is the exact target frame.
  void seek(double seconds);

  // Consumer side (one consumer thread). Never blocks.
  Popped tryPop();
  // Waits up to timeout for something to pop.
  Popped pop(std::chrono::milliseconds timeout);

  // Frames waiting in the queue now.
  std::size_t queued() const;

  // Seek work so far: requests made (seek() calls) and targets actually
  // decoded (the rest were merged away). Any thread.
  struct SeekCounts {
    std::uint64_t requested = 0;
    std::uint64_t decoded = 0;
  };
  SeekCounts seekCounts() const;

 private:
  struct EndOfStream {};
  using Item = std::variant<DecodedFrame, EndOfStream, Error>;

  void run();
  bool push(Item item, std::uint64_t generation);
  Popped take();  // the queue's front; mutex_ held

  VideoSource source_;  // used by the decode thread only
  const StreamInfo info_;
  const PlaybackOptions options_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;  // queue, seek request or stop changed
  std::deque<Item> queue_;
  std::size_t frames_ = 0;        // frames (not markers) in queue_
  std::uint64_t generation_ = 0;  // bumped by each seek; older frames are dropped
  std::optional<double> seekTo_;  // seconds; the latest request not yet taken
  SeekCounts seekCounts_;
  bool stop_ = false;
  std::thread thread_;  // last: starts after everything above exists
};

}  // namespace ps::media
