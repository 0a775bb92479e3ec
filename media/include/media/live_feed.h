#pragma once
// A live input (live_input.h) received on its own thread in low-latency mode: a small probe, no
// demuxer buffering, slice threads only and the decoder's low-delay flag, so a frame is handed out
// as soon as it decodes; the consumer takes the newest and older ones are dropped, never queued.
// HLS is the exception: it hands out a whole segment at once, so its packets wait for their time
// (the stream's pace from the first one's arrival) before decoding.
//
// - Joining mid-GOP: packets before the first keyframe are dropped, and FFmpeg's complaints about
//   them (while the connection is probed and until that keyframe decodes) go to the debug log.
// - Every blocking FFmpeg call carries an interrupt callback (ffmpeg_interrupt.h): destroying the
//   feed ends it at once, whatever the sender is doing, and a read that gets nothing for
//   readTimeout ends the connection.
// - A connection that ends (the sender stopped, a timeout, a broken stream) is opened again with
//   back-off (firstBackoff doubling up to mostBackoff); the last picture stays the newest meanwhile.
//   A stall is the consumer's to see: status().lastFrameAt stops moving.
//
// Sound (LiveOptions::sound): the connection's best audio stream is decoded beside the picture,
// on the same feed time, and handed out as it decodes (takeSound); a feed without one is silent.
//
// Frame times: `seconds` counts from the feed's first frame, across reconnects (a new connection
// starts where the receive clock stands); `index` counts the frames decoded.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/decoded_frame.h"
#include "media/live_input.h"
#include "media/stream_info.h"
#include "media/time_source.h"
#include "scenes/layout.h"
#include "scenes/result.h"

namespace ps::media {

// The live timeline: the feed kept on disk as it arrives, to scrub back over (live_ring.h).
struct LiveRingOptions {
  std::filesystem::path dir;     // created where missing; must hold nothing else
  double keepSeconds = 300;      // the span kept; older segments are deleted
  double segmentSeconds = 1.0;   // a segment ends at the first keyframe after this long
  // A segment outlives the span by this much before it is deleted: a reader opens the files of
  // its list as it reaches them, and one gone the instant after it was listed would fail it.
  double graceSeconds = 10.0;
};

// Feed seconds from start to end.
struct LiveSpan {
  double start = 0;
  double end = 0;
};

// What the ring keeps, as one file to open (VideoSource reads ffconcat lists): its time 0 is the
// feed's startSeconds, and it ends at endSeconds. Its segments may be deleted as the ring moves
// on (a reader that has one open keeps reading it).
struct LiveRecording {
  std::filesystem::path list;
  double startSeconds = 0;
  double endSeconds = 0;
};

// The live sound: stereo 32-bit float at this rate, whatever the stream's.
inline constexpr int kLiveSoundRate = 48000;

struct LiveSoundBlock {
  double seconds = 0;          // feed seconds of its first sample frame (the pictures' time)
  std::vector<float> samples;  // interleaved L R
};

struct LiveOptions {
  // Nothing read for this long: the connection is lost (HLS: at least 15 s, its segments come
  // seconds apart).
  std::chrono::milliseconds readTimeout{1000};
  std::chrono::milliseconds connectTimeout{3000};  // one attempt to open and probe (not a listener's)
  std::chrono::milliseconds firstBackoff{250};
  std::chrono::milliseconds mostBackoff{2000};
  int decodeThreads = 0;  // slice threads; 0: one per core
  // RTSP and RTMP: be the server the sender pushes to (a camera that streams out), rather than
  // the client of one. SRT says it in its URL (mode=listener); UDP always listens.
  bool listen = false;
  // The layout where the stream does not carry one (live streams rarely do); absent: guessed
  // from the aspect ratio.
  std::optional<FrameLayout> layout;
  // Keep the feed on disk (the live timeline); absent: nothing is kept.
  std::optional<LiveRingOptions> ring;
  // Decode the feed's sound for takeSound(); false: its audio stream is not even read.
  bool sound = false;
};

struct LiveFrame {
  DecodedFrame frame;
  double receivedAt = 0;  // TimeSource seconds when it came out of the decoder
};

struct LiveStatus {
  bool connected = false;              // a connection is open
  std::optional<double> lastFrameAt;   // TimeSource seconds of the newest frame decoded
  std::optional<double> newestSeconds; // feed seconds (LiveFrame's frame.seconds) of that frame
  std::uint64_t framesDecoded = 0;
  std::uint64_t framesDropped = 0;     // replaced by a newer one before they were taken
  std::uint64_t framesDamaged = 0;     // decoded with errors concealed (data lost on the way)
  std::uint64_t reconnects = 0;        // connections opened again after one ended
  std::string lastLoss;                // why the latest connection ended; empty: none has
  std::string sound;                   // the latest connection's sound, e.g. "aac 48000 Hz stereo"; empty: none
};

class LiveFeed {
 public:
  // Connects, waiting until the first picture is decoded: for a stream not yet sent, tries again
  // with back-off while keepWaiting() says so (asked between tries and by FFmpeg's blocking
  // calls: quit). Errors name the input: nothing decodable, no video stream, or given up.
  static Result<std::unique_ptr<LiveFeed>> open(const LiveInput& input, const LiveOptions& options,
                                                const TimeSource& clock, const std::function<bool()>& keepWaiting);
  // Stops the receiving thread at once (its blocking call is interrupted) and joins it.
  ~LiveFeed();
  LiveFeed(const LiveFeed&) = delete;
  LiveFeed& operator=(const LiveFeed&) = delete;

  // Of the first connection and its first picture: size, codec, layout. durationSeconds is 0 (a
  // live stream has none).
  const StreamInfo& info() const;
  const LiveInput& input() const;

  // The newest frame decoded since the last take; empty when none is new. Any one thread.
  std::optional<LiveFrame> takeNewest();
  // The sound decoded since the last take, oldest first (LiveOptions::sound); at most the last
  // two seconds of it are held for a consumer that does not take it. Any one thread.
  std::vector<LiveSoundBlock> takeSound();
  LiveStatus status() const;
  // What the ring has kept so far (LiveOptions::ring), in a list file of its own; empty when no
  // ring was asked for, none of it is closed yet, or the ring stopped (a disk error, logged).
  std::optional<LiveRecording> recording();
  // Whether a ring keeps the feed (LiveOptions::ring), and the span it can show (its closed
  // segments; empty while none is).
  bool keepsRecording() const;
  std::optional<LiveSpan> kept();

  struct State;

 private:
  explicit LiveFeed(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

}  // namespace ps::media
