#include "engine/equirect_renderer.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/equirect_layer.h"
#include "engine/eye_camera.h"
#include "engine/frame_context.h"
#include "engine/frame_renderer.h"
#include "engine/offscreen_target.h"

namespace ps::engine {

namespace {

// The format the equirect pass draws through when it is the only layer: the encoded twin where
// the target offers one (see RenderTarget::encodedView), else the target's own.
VkFormat drawFormat(const RenderTarget& target) {
  return target.encodedView != VK_NULL_HANDLE ? target.encodedFormat : target.format;
}

}  // namespace

// A frame context with its one layer: beginFrame begins the context's frame, drawView and
// drawEquirect add eyes, submit records them all (FrameRenderer) and submits once.
struct EquirectRenderer::Impl {
  Impl(const Device& device, const RendererOptions& options)
      : context(device, std::max<std::uint32_t>(2, options.framesInFlight), "equirect renderer"),
        renderer(device),
        layer(context, checkedPictures(options.framesInFlight)) {}
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  // The frame renderer's depth images go with it: its frames must be over.
  ~Impl() { context.waitAll(); }

  static std::uint32_t checkedPictures(std::uint32_t framesInFlight) {
    if (framesInFlight < 1 || framesInFlight > 3) throw std::invalid_argument("framesInFlight must be 1, 2 or 3");
    return framesInFlight;
  }

  FrameRecording& current(const char* what) {
    if (!context.recording()) throw std::logic_error(std::string(what) + " needs beginFrame first");
    return *recording;
  }

  FrameTicket begin() {
    recording = &context.begin();
    return FrameTicket{recording->serial};
  }

  FrameContext context;  // first: destroyed last, after what the others hand its disposer
  FrameRenderer renderer;
  EquirectLayer layer;
  FrameRecording* recording = nullptr;
  std::vector<EyeDraw> eyes;                    // of the frame being recorded
  // Copies out after its eyes: handles, not the target (a target may be moved before the submit).
  struct Readback {
    VkImage image;
    VkExtent2D extent;
    VkBuffer buffer;
  };
  std::vector<Readback> readbacks;
};

EquirectRenderer::EquirectRenderer(const Device& device, const RendererOptions& options)
    : impl_(std::make_unique<Impl>(device, options)) {}
EquirectRenderer::EquirectRenderer(EquirectRenderer&&) noexcept = default;
EquirectRenderer& EquirectRenderer::operator=(EquirectRenderer&&) noexcept = default;
EquirectRenderer::~EquirectRenderer() = default;

void EquirectRenderer::prepareTarget(const RenderTarget& target, Projection projection) {
  impl_->layer.preparePipelines(drawFormat(target), impl_->renderer.depthFormat(), projection);
}

FrameTicket EquirectRenderer::beginFrame(const FrameView& frame, const FrameLayout& layout, float yawOffsetDeg) {
  return beginFrame(frame, layout, yawOffsetDeg, nullptr);
}

FrameTicket EquirectRenderer::beginFrame(const FrameView& frame, const FrameLayout& layout, float yawOffsetDeg,
                                         std::shared_ptr<const void> bytesOwner) {
  Impl& s = *impl_;
  if (s.context.recording()) throw std::logic_error("beginFrame called twice without submit");
  s.layer.setPicture(frame, layout, yawOffsetDeg, std::move(bytesOwner));
  return s.begin();
}

FrameTicket EquirectRenderer::reuseLastFrame() {
  Impl& s = *impl_;
  if (s.context.recording()) throw std::logic_error("reuseLastFrame called twice without submit");
  if (!s.layer.hasPicture()) throw std::logic_error("reuseLastFrame needs a frame uploaded by beginFrame first");
  return s.begin();
}

bool EquirectRenderer::hasFrame() const { return impl_->layer.hasPicture(); }

void EquirectRenderer::drawView(const View& view, Eye eye, const RenderTarget& target) {
  impl_->current("drawView");
  impl_->eyes.push_back(EyeDraw{eye, EyeCamera(view), target, false});
}

void EquirectRenderer::drawEquirect(Eye eye, const RenderTarget& target) {
  impl_->current("drawEquirect");
  impl_->eyes.push_back(EyeDraw{eye, EyeCamera{}, target, true});
}

void EquirectRenderer::recordReadback(const OffscreenTarget& target) {
  impl_->current("recordReadback");
  const RenderTarget t = target.target();
  impl_->readbacks.push_back({t.image, t.extent, target.readbackBuffer()});
}

void EquirectRenderer::submit(const SubmitSync& sync) {
  Impl& s = *impl_;
  FrameRecording& frame = s.current("submit");
  if (sync.wait.size() != sync.waitStages.size())
    throw std::invalid_argument("SubmitSync needs one wait stage per wait semaphore");
  const std::vector<EyeDraw> eyes = std::move(s.eyes);
  const std::vector<Impl::Readback> readbacks = std::move(s.readbacks);
  s.eyes.clear();
  s.readbacks.clear();
  Layer* const layers[] = {&s.layer};
  s.renderer.record(frame, eyes, layers);
  for (const Impl::Readback& r : readbacks) recordImageReadback(frame.commands, r.image, r.extent, r.buffer);
  s.recording = nullptr;
  s.context.submit(sync);
}

void EquirectRenderer::wait(FrameTicket ticket) {
  Impl& s = *impl_;
  if (s.recording != nullptr && s.recording->serial == ticket.serial)
    throw std::logic_error("wait on a frame that was not submitted");
  s.context.wait(ticket.serial);
}

}  // namespace ps::engine
