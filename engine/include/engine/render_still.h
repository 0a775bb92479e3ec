#pragma once
// One view of one frame to an image: what `perfectshot render` and simple callers need.
// Builds a renderer for the call, so use EquirectRenderer for anything repeated.
#include <cstdint>

#include "engine/rgba_image.h"
#include "engine/view.h"
#include "scenes/frame_view.h"
#include "scenes/layout.h"
#include "scenes/result.h"

namespace ps::engine {

class Device;

struct StillRequest {
  FrameLayout layout;
  View view;
  Eye eye = Eye::Left;
  std::uint32_t width = 0;  // output size in pixels
  std::uint32_t height = 0;
  float yawOffsetDeg = 0;
};

// An Error when the request or the frame is unusable (size 0, frame that does not fit the layout).
Result<RgbaImage> renderStill(const Device& device, const FrameView& frame, const StillRequest& request);

}  // namespace ps::engine
