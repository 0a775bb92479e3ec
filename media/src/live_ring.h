#pragma once
// The live timeline's store: the feed's video packets, and its sound's where it is read, remuxed
// as they arrive (no re-encoding) into NUT segments in a folder, each starting at a keyframe, the oldest deleted once the
// rest span the time kept. A recording() lists the closed segments in an ffconcat file with
// each one's in point and duration, so one VideoSource opens the whole span and seeks in it
// frame-exact; its time 0 is the first segment's start.
//
// Timestamps are the feed's seconds (live_feed.h: from its first frame, across reconnects), in the
// stream's own ticks: NUT keeps any time base, and the stream's bytes as they came (no conversion
// for the reader to undo). A new connection, or a packet the writer could not keep up
// with, ends the segment; the next one starts at the next keyframe. A connection whose stream
// differs (size, codec) from the kept segments' starts the ring again: one list cannot mix them.
//
// The receive thread only queues a reference to each packet; a thread of the ring's own writes
// them, so a slow disk never holds up the picture. A write that fails (the disk full) turns the
// ring off, said once; the feed plays on.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include "media/live_feed.h"
#include "scenes/result.h"

namespace ps::media {

class LiveRing {
 public:
  // Creates the folder where it is missing; refuses one that holds anything.
  static Result<std::unique_ptr<LiveRing>> create(const LiveRingOptions& options, std::string url);
  // Ends the writer and deletes every file the ring wrote (and the folder, if it made it).
  ~LiveRing();
  LiveRing(const LiveRing&) = delete;
  LiveRing& operator=(const LiveRing&) = delete;

  // From the receive thread: a packet of `stream` from connection `connection` (a number that
  // changes with each connection), joined (from its first keyframe on). feedOffset: added to the
  // packet's ticks (stream time base), they are feed time. decoder: the connection's, which has
  // the picture's size where a probe cut short left the stream without it (a join mid-GOP).
  // sound: the connection's audio stream whose packets come through pushSound; null: none.
  void push(const AVStream& stream, const AVCodecContext& decoder, const AVPacket& packet, std::int64_t feedOffset,
            int connection, const AVStream* sound);
  // A packet of the connection's sound (push's `sound`); feedOffset in its own ticks. Kept in the
  // segment being written (none before the connection's first picture is).
  void pushSound(const AVPacket& packet, std::int64_t feedOffset, int connection);

  // Lists the closed segments in a new ffconcat file; empty while none is closed or the ring is off.
  std::optional<LiveRecording> recording();
  // The span of the closed segments (feed seconds); empty while none is.
  std::optional<LiveSpan> kept();

  struct State;

 private:
  explicit LiveRing(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

}  // namespace ps::media
