#pragma once
// One view of one frame to an image: what `perfectshot render` and simple callers need.
// Builds a renderer for the call, so use EquirectRenderer for anything repeated.
#include <cstdint>
#include <memory>
#include <stdexcept>

#include "engine/rgba_image.h"
#include "engine/view.h"
#include "scenes/frame_view.h"
#include "scenes/layout.h"
#include "scenes/result.h"

namespace ps::engine {

class Device;
class OffscreenTarget;

struct StillRequest {
  FrameLayout layout;
  View view;
  Eye eye = Eye::Left;
  std::uint32_t width = 0;  // output size in pixels
  std::uint32_t height = 0;
  float yawOffsetDeg = 0;
};

// An Error when the request or the frame is unusable (size 0 or larger than the device's images,
// a frame that does not fit the layout). A frame larger than the device's images is shown at a
// lower mip level (engine/picture_fit.h), not refused. Errors about the frame have the where
// "frame": the caller, which knows the file, puts its name there.
Result<RgbaImage> renderStill(const Device& device, const FrameView& frame, const StillRequest& request);

// The still's target, or an Error (where "output size") when the device cannot make one that large.
Result<std::unique_ptr<OffscreenTarget>> makeStillTarget(const Device& device, std::uint32_t width,
                                                         std::uint32_t height);
// What EquirectRenderer::beginFrame's std::invalid_argument means to the user, where "frame".
Error frameError(const std::invalid_argument& e);

}  // namespace ps::engine
