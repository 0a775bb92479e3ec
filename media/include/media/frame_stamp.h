#pragma once
// The frame stamp: the frame number written into the pixels by the media
// generators (tools/media/stamp.sh), so tests and benchmarks can tell which
// frame they got without trusting timestamps.
#include <optional>

#include "scenes/frame_view.h"

namespace ps::media {

// Reads the stamp whose strip starts at row originY (0, or the top of the right
// eye in a top-bottom frame). Empty when the strip does not fit in the frame or
// is not a clean black/white pattern (a frame without a stamp, or a damaged one).
// scale: pixels of this frame per pixel of the stamped original (0.5 for a copy
// scaled to half the width, such as a scrub proxy); originY is in this frame's pixels.
std::optional<int> readFrameStamp(const FrameView& frame, int originY = 0, double scale = 1.0);

}  // namespace ps::media
