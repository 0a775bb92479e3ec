#pragma once
// A decoded AVFrame's planes as the FrameView media/ hands out: its pixel format as one media/
// plays, and its colour, where the frame does not say, as the stream's (StreamInfo).
#include <optional>

#include "media/stream_info.h"
#include "pixel_format.h"
#include "scenes/frame_view.h"

struct AVFrame;

namespace ps::media {

struct FrameViewProblem {
  enum class Kind { UnsupportedFormat, BottomUp };
  Kind kind;
  AVPixelFormat format;
};

// The view of f, or what keeps it from being shown. depth: a depth video's grey formats count.
std::optional<FrameView> frameViewOf(const AVFrame& f, const StreamInfo& stream, bool depth,
                                     std::optional<FrameViewProblem>& problem);

}  // namespace ps::media
