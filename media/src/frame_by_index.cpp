#include "frame_by_index.h"

namespace ps::media {

Result<DecodedFrame> FrameByIndex::read(std::int64_t index, bool& sequential) {
  const StreamInfo& info = source_.info();
  sequential = at_ && *at_ + 1 == index;
  Result<DecodedFrame> frame = Error{"", "", ""};
  if (sequential) {
    auto next = source_.next();
    if (!next) frame = next.error();
    else if (!next.value()) frame = Error{info.url, "the video ends before frame " + std::to_string(index), ""};
    else frame = std::move(*next.value());
  } else {
    frame = source_.frameAt((static_cast<double>(index) + 0.5) / info.frameRate.toDouble());
  }
  if (!frame) {
    at_.reset();
    return frame.error();
  }
  at_ = frame->index;
  if (frame->index != index)
    return Error{info.url + "@frame " + std::to_string(index),
                 "frame " + std::to_string(index) + " asked, the video gives frame " + std::to_string(frame->index) +
                     " (it is shorter?)",
                 ""};
  return frame;
}

}  // namespace ps::media
