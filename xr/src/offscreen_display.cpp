#include "xr/offscreen_display.h"

#include <chrono>
#include <stdexcept>
#include <utility>

#include "engine/offscreen_target.h"

namespace ps::xr {

namespace {

double steadySeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

struct OffscreenDisplay::Impl {
  OffscreenDisplayOptions options;
  engine::Device device;
  std::vector<engine::OffscreenTarget> targets;
  std::vector<engine::RgbaImage> pixels;
  std::optional<std::uint64_t> pixelsIndex;
  RawInput queued;
  std::uint64_t next = 0;
  bool quit = false;

  Impl(const OffscreenDisplayOptions& o, engine::Device d) : options(o), device(std::move(d)) {
    for (int e = 0; e < options.eyes; ++e)
      targets.emplace_back(device, options.width, options.height, e == 0 ? "offscreen left eye" : "offscreen right eye");
  }
};

OffscreenDisplay::OffscreenDisplay(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OffscreenDisplay::~OffscreenDisplay() = default;

Result<std::unique_ptr<OffscreenDisplay>> OffscreenDisplay::create(const OffscreenDisplayOptions& options) {
  if (options.eyes != 1 && options.eyes != 2) throw std::invalid_argument("OffscreenDisplay: eyes must be 1 or 2");
  auto device = engine::Device::create(options.device);
  if (!device) return device.error();
  return std::unique_ptr<OffscreenDisplay>(new OffscreenDisplay(std::make_unique<Impl>(options, std::move(*device))));
}

const engine::Device& OffscreenDisplay::device() const { return impl_->device; }

DisplayEvents OffscreenDisplay::poll() {
  DisplayEvents ev;
  ev.quit = impl_->quit;
  return ev;
}

std::optional<DisplayFrame> OffscreenDisplay::beginFrame() {
  Impl& s = *impl_;
  DisplayFrame frame;
  frame.index = s.next++;
  frame.period = s.options.step;
  frame.predictedDisplayTime =
      s.options.step > 0 ? s.options.startTime + static_cast<double>(frame.index) * s.options.step : steadySeconds();
  const engine::View view = s.options.view ? s.options.view(frame.index, frame.predictedDisplayTime)
                                           : engine::viewFromV360({0, 0, 0, 100, 62});
  for (std::size_t e = 0; e < s.targets.size(); ++e)
    frame.eyes.push_back({e == 0 ? Eye::Left : Eye::Right, view, s.targets[e].target()});
  if (s.options.readBack && s.options.readBack(frame.index)) {
    // The copy goes into the frame's own command buffer, after the eyes are drawn: no submit
    // of the display's own.
    frame.recordAfterDraw = [&s](VkCommandBuffer commands) {
      for (const auto& t : s.targets) t.recordReadback(commands);
    };
  }
  return frame;
}

void OffscreenDisplay::endFrame(DisplayFrame& frame) {
  Impl& s = *impl_;
  if (!frame.submitted || !frame.recordAfterDraw) return;
  if (!frame.drawnOnGpu)
    throw std::logic_error("OffscreenDisplay: a frame read back was submitted without its recordAfterDraw and drawnOnGpu");
  frame.drawnOnGpu(true);
  s.pixels.clear();
  for (const auto& t : s.targets) s.pixels.push_back(t.pixels());
  s.pixelsIndex = frame.index;
}

RawInput OffscreenDisplay::input() { return std::exchange(impl_->queued, RawInput{}); }

void OffscreenDisplay::requestQuit() { impl_->quit = true; }

void OffscreenDisplay::queueInput(const RawInput& in) {
  RawInput& q = impl_->queued;
  appendEdges(q, in);
  q.held = in.held;
  q.mouse.pointer = in.mouse.pointer;
  q.mouse.uiDown = in.mouse.uiDown;
  for (std::size_t h = 0; h < q.hands.size(); ++h) {
    ControllerInput& to = q.hands[h];
    const ControllerInput& from = in.hands[h];
    for (auto [level, given] : {std::pair{&to.trigger, &from.trigger}, std::pair{&to.squeeze, &from.squeeze},
                                std::pair{&to.thumbstickClick, &from.thumbstickClick}, std::pair{&to.menu, &from.menu},
                                std::pair{&to.primary, &from.primary}, std::pair{&to.secondary, &from.secondary}})
      level->held = given->held;
    to.triggerValue = from.triggerValue;
    to.thumbstick = from.thumbstick;
    to.aim = from.aim;
  }
}

const std::vector<engine::RgbaImage>& OffscreenDisplay::pixels() const { return impl_->pixels; }
std::optional<std::uint64_t> OffscreenDisplay::pixelsIndex() const { return impl_->pixelsIndex; }

}  // namespace ps::xr
