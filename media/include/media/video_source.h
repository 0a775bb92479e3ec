#pragma once
// A video file or URL, demuxed and decoded on the caller's thread: probe it,
// read frames in display order, and land exactly on the frame shown at a time.
// One thread at a time; PlaybackDecoder runs one on its own thread.
#include <memory>
#include <optional>
#include <string>

#include "media/decoded_frame.h"
#include "media/hardware_decode.h"
#include "media/stream_info.h"
#include "scenes/layout.h"
#include "scenes/result.h"

namespace ps::media {

struct DecodeOptions {
  // Decoder threads (frame + slice threading); 0 = one per core.
  int threads = 0;
  // False: slice threads only. Frame threads hold back the first frame after a
  // seek until `threads` packets are in; an all-intra proxy wants it after one.
  bool frameThreads = true;
  // Strict: a damaged frame is an error naming the file and frame (what the CLI
  // wants). Otherwise (playback) it is logged once and decoding carries on with
  // the next decodable frame.
  bool strict = false;
  // The shot manifest's layout, used where the container has no metadata.
  // Its sources should say Manifest.
  std::optional<FrameLayout> manifestLayout;
  // A depth video (an rgbd medium's): grey and 12-bit 4:2:0 pictures are handed out too. Never
  // for a picture to show: a grey plate is refused with a sentence saying why.
  bool depth = false;
  // The colour matrix where the stream tags none, said already (a live feed's recording: the one
  // its live picture was shown with). Absent: assumed from the size, and said in the log.
  std::optional<ColorMatrix> untaggedMatrix = std::nullopt;
  // Decoding on the GPU (frames handed out in GPU memory, see hardware_decode.h); which path is
  // taken is in StreamInfo::decodePath, for the caller to say.
  HardwareDecode hardware = HardwareDecode::Off;
};

// What the caller does after frameAt: shows that one frame (a still, a scrub, a thumbnail), or
// plays on from it with next().
enum class SeekIntent {
  // Decoding stops where it stands, ready for next(): the decoder's reordering and threading
  // delays mean a few frames past the target are decoded before it comes out.
  Continue,
  // Once the target's own packet is in, the decoder is drained at once, so nothing past the
  // target is decoded: the frame comes sooner. A next() after it costs a seek of its own.
  // Only for short GOPs (a keyframe at least every 60 frames): with long ones the decoder's
  // position is worth more to the next request than the few frames a drain saves, and the
  // call behaves as Continue.
  Still,
};

class VideoSource {
 public:
  // Opens and probes the best video stream of url. Errors name the file and
  // what is wrong with it: missing, not media, truncated, no video stream,
  // unsupported pixel format.
  static Result<VideoSource> open(const std::string& url, const DecodeOptions& options = {});

  VideoSource(VideoSource&&) noexcept;
  VideoSource& operator=(VideoSource&&) noexcept;
  VideoSource(const VideoSource&) = delete;
  VideoSource& operator=(const VideoSource&) = delete;
  ~VideoSource();

  const StreamInfo& info() const;

  // The next frame in display order; std::nullopt at the end of the stream.
  // After frameAt(t) it continues with the frame after the one returned.
  Result<std::optional<DecodedFrame>> next();

  // The frame whose display interval [pts, pts + duration) contains t (seconds
  // from the first frame), clamped to the stream: t < 0 gives the first frame,
  // t past the end the last. Seeks to the keyframe at or before t and decodes
  // forward, so it is exact with B-frames and open GOPs; it seeks only when the
  // target is behind the decoder or a keyframe lies between them.
  Result<DecodedFrame> frameAt(double seconds, SeekIntent intent = SeekIntent::Continue);

 private:
  struct State;
  explicit VideoSource(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

}  // namespace ps::media
