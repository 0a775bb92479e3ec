#include "engine/render_still.h"

#include <stdexcept>

#include "engine/device.h"
#include "engine/equirect_renderer.h"
#include "engine/offscreen_target.h"

namespace ps::engine {

Result<RgbaImage> renderStill(const Device& device, const FrameView& frame, const StillRequest& request) {
  if (request.width == 0 || request.height == 0)
    return Error{"render", "the output size is empty", "ask for a width and height of at least 1 pixel"};
  EquirectRenderer renderer(device, RendererOptions{1});
  OffscreenTarget target(device, request.width, request.height, "still");
  FrameTicket ticket;
  try {
    ticket = renderer.beginFrame(frame, request.layout, request.yawOffsetDeg);
  } catch (const std::invalid_argument& e) {
    return Error{"frame", e.what(), "check the frame's size against its stereo layout"};
  }
  renderer.drawView(request.view, request.eye, target.target());
  renderer.recordReadback(target);
  renderer.submit();
  renderer.wait(ticket);
  return target.pixels();
}

}  // namespace ps::engine
