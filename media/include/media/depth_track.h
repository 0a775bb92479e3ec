#pragma once
// The depth video of a "separate" RGB-D capture, following its colour frame by frame: frame i
// of the depth is the depth of colour frame i, whatever the transport does (play, seek, step
// either way), because the colour frame shown says which index to give. Decoding is exact by
// index (the same reader as a mesh sequence's texture atlas): the next frame while playing on,
// an exact seek otherwise, and the frame given last again for free.
//
// Opening refuses a depth video that cannot belong to the colour: another frame count (when
// both containers say), frame rate or size, each message naming both. Every frame given is
// checked against what the shot declares (checkDepthPicture).
// Decodes on the caller's thread. One thread at a time.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "media/rgbd_frames.h"
#include "media/stream_info.h"
#include "media/video_source.h"
#include "scenes/result.h"

namespace ps::media {

class FrameByIndex;

class DepthTrack {
 public:
  // `colour` is the colour video's stream, as opened.
  static Result<std::unique_ptr<DepthTrack>> open(const std::string& url, const StreamInfo& colour,
                                                  const DepthDeclared& declared, DecodeOptions options = {});
  ~DepthTrack();
  DepthTrack(const DepthTrack&) = delete;
  DepthTrack& operator=(const DepthTrack&) = delete;

  const StreamInfo& info() const;

  // The depth of colour frame `index` (the colour's DecodedFrame::index). Valid until the
  // next call.
  Result<const DecodedFrame*> frame(std::int64_t index);
  // Frames reached by a seek rather than the next frame, for tests and benchmarks.
  std::uint64_t seeks() const { return seeks_; }

 private:
  DepthTrack(VideoSource source, const DepthDeclared& declared);

  VideoSource source_;
  DepthDeclared declared_;
  std::unique_ptr<FrameByIndex> reader_;
  std::optional<DecodedFrame> current_;
  std::uint64_t seeks_ = 0;
};

// The mismatch between a depth video and its colour (frame count when both say, frame rate,
// size), as a sentence naming both; empty when they agree.
std::optional<std::string> depthMismatch(const StreamInfo& depth, const StreamInfo& colour);

}  // namespace ps::media
