#pragma once
// Where `play` keeps a live feed for its timeline (media::LiveRingOptions): the folder given, or
// a fresh one of its own in the temporary folder, removed when the player ends.
#include <filesystem>
#include <optional>
#include <string>

#include "media/live_feed.h"
#include "scenes/result.h"

namespace ps::tools {

class LiveBuffer {
 public:
  // minutes: the span kept (> 0); dir: empty for a temporary folder of its own.
  static Result<LiveBuffer> make(double minutes, const std::string& dir);
  LiveBuffer(LiveBuffer&& other) noexcept;
  LiveBuffer& operator=(LiveBuffer&&) = delete;
  LiveBuffer(const LiveBuffer&) = delete;
  LiveBuffer& operator=(const LiveBuffer&) = delete;
  ~LiveBuffer();

  const media::LiveRingOptions& ring() const { return ring_; }

 private:
  LiveBuffer(media::LiveRingOptions ring, bool ownsFolder) : ring_(std::move(ring)), ownsFolder_(ownsFolder) {}
  media::LiveRingOptions ring_;
  bool ownsFolder_ = false;
};

}  // namespace ps::cli
