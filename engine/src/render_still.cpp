#include "engine/render_still.h"

#include <memory>
#include <stdexcept>

#include "engine/device.h"
#include "engine/equirect_renderer.h"
#include "engine/image_limits.h"
#include "engine/offscreen_target.h"

namespace ps::engine {

Result<std::unique_ptr<OffscreenTarget>> makeStillTarget(const Device& device, std::uint32_t width,
                                                         std::uint32_t height) {
  try {
    return std::make_unique<OffscreenTarget>(device, width, height, "still");
  } catch (const ImageTooLarge& e) {
    return Error{"output size", e.what(), "ask for a smaller output"};
  }
}

Error frameError(const std::invalid_argument& e) {
  if (dynamic_cast<const ImageTooLarge*>(&e) != nullptr) return Error{"frame", e.what(), ""};
  return Error{"frame", e.what(), "check the frame's size against its stereo layout"};
}

Result<RgbaImage> renderStill(const Device& device, const FrameView& frame, const StillRequest& request) {
  if (request.width == 0 || request.height == 0)
    return Error{"render", "the output size is empty", "ask for a width and height of at least 1 pixel"};
  EquirectRenderer renderer(device, RendererOptions{1});
  auto target = makeStillTarget(device, request.width, request.height);
  if (!target) return target.error();
  FrameTicket ticket;
  try {
    ticket = renderer.beginFrame(frame, request.layout, request.yawOffsetDeg);
  } catch (const std::invalid_argument& e) {
    return frameError(e);
  }
  renderer.drawView(request.view, request.eye, (*target)->target());
  renderer.recordReadback(**target);
  renderer.submit();
  renderer.wait(ticket);
  return (*target)->pixels();
}

}  // namespace ps::engine
