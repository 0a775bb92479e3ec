#pragma once
// Scrubbing from a shot's all-intra proxy (the media entry's "proxy", made by
// `perfectshot prep`): every proxy frame is a keyframe, so landing exactly on the
// frame shown at any time costs one frame's decode, wherever the previous one was.
// The proxy has the plate's frames and times at a lower resolution, so its frame at
// t is the plate's frame at t (same index; same frame stamp, read with stampScale()).
//
// Use: the scrubber's thumbnail and live-drag picture. Land on the plate itself
// (VideoSource/Player) when the drag ends. One thread at a time, like VideoSource.
#include <string>

#include "media/decoded_frame.h"
#include "media/stream_info.h"
#include "media/video_source.h"
#include "scenes/result.h"
#include "scenes/shot.h"

namespace ps::media {

class ProxyScrubber {
 public:
  // The proxy of `plate` (a media entry of a loaded shot). An Error when the entry has
  // no proxy, it does not open, or it is not all-intra (a seek would decode a GOP).
  static Result<ProxyScrubber> open(const scenes::MediaRef& plate);
  // The same for a proxy file given directly; plateWidth (pixels) sets stampScale(), 0: unknown.
  static Result<ProxyScrubber> open(const std::string& proxyUrl, int plateWidth = 0);

  const StreamInfo& info() const { return source_.info(); }

  // The proxy frame whose display interval contains t (seconds from the first frame),
  // clamped to the stream, exactly as VideoSource::frameAt: index and stamp equal the
  // plate's frame at t. Costs one frame's decode (a seek and one packet).
  Result<DecodedFrame> frameAt(double seconds) { return source_.frameAt(seconds); }

  // Proxy pixels per plate pixel (e.g. 0.5), for readFrameStamp; 1 when unknown.
  double stampScale() const { return stampScale_; }

 private:
  ProxyScrubber(VideoSource source, double stampScale) : source_(std::move(source)), stampScale_(stampScale) {}
  VideoSource source_;
  double stampScale_ = 1.0;
};

}  // namespace ps::media
