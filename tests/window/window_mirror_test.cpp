// The headset's mirror window (xr/window_mirror.h) under Xvfb, without a headset: an eye image
// the engine drew on a device the mirror did not make is copied into the window; the
// screenshot shows it scaled to the window's height and centred, resizes and minimising are
// handled, a device can be swapped underneath (a runtime's reconnect), `quit` closes the
// window, and no step draws a validation message.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "engine/equirect_renderer.h"
#include "engine/frame_context.h"
#include "engine/offscreen_target.h"
#include "engine/render_still.h"
#include "image.h"
#include "synthetic_plate.h"
#include "xr/window_mirror.h"

namespace ps::test {
namespace {

// A checkerboard plate at the size these tests use.
struct Plate : SyntheticPlate {
  Plate() : SyntheticPlate(512, 256, 16) {}
};

constexpr std::uint32_t kEye = 200;
const engine::View kEyeView = engine::viewFromV360({20, 5, 0, 90, 90});

std::unique_ptr<engine::Device> deviceFor(const xr::WindowMirror& mirror) {
  engine::DeviceOptions options;
  options.validation = true;
  options.instanceExtensions = mirror.instanceExtensions();
  options.deviceExtensions = xr::WindowMirror::deviceExtensions();
  auto device = engine::Device::create(options);
  if (!device) throw std::runtime_error(device.error().message());
  return std::make_unique<engine::Device>(std::move(device).value());
}

// The eye an OpenXR display would hand over: drawn by the engine into an image of its own.
std::unique_ptr<engine::OffscreenTarget> drawEye(const engine::Device& device, const Plate& plate) {
  auto eye = std::make_unique<engine::OffscreenTarget>(device, kEye, kEye, "mirrored eye");
  engine::EquirectRenderer renderer(device);
  const engine::FrameTicket ticket = renderer.beginFrame(plate.view, FrameLayout{});
  renderer.drawView(kEyeView, Eye::Left, eye->target());
  renderer.submit();
  renderer.wait(ticket);
  return eye;
}

// One headset frame as the player loop makes it: the mirror's copy in the frame's one command
// buffer, submitted once with the mirror's sync. False when the mirror showed nothing.
bool mirrorFrame(xr::WindowMirror& mirror, const std::shared_ptr<engine::FrameContext>& context,
                 const xr::MirrorSource& source, std::uint64_t frame) {
  auto copy = mirror.beginFrame(source, frame);
  if (!copy) return false;
  engine::FrameRecording& recording = context->begin();
  copy->record(recording.commands);
  context->submit(copy->sync);
  return mirror.endFrame([weak = std::weak_ptr<engine::FrameContext>(context),
                          serial = context->lastSubmitted()](bool block) {
    const auto c = weak.lock();
    if (!c) return true;
    if (block) c->wait(serial);
    return c->completedSerial() >= serial;
  });
}

std::shared_ptr<engine::FrameContext> frameContext(const engine::Device& device) {
  return std::make_shared<engine::FrameContext>(device, 2, "mirror test");
}

Image rgb(const engine::RgbaImage& image) {
  return Image{static_cast<int>(image.width), static_cast<int>(image.height), 4, image.pixels};
}

Image crop(const Image& image, int x0, int width) {
  Image out{width, image.height, image.channels, {}};
  for (int y = 0; y < image.height; ++y) {
    const auto row = image.pixels.begin() + (static_cast<std::ptrdiff_t>(y) * image.width + x0) * image.channels;
    out.pixels.insert(out.pixels.end(), row, row + static_cast<std::ptrdiff_t>(width) * image.channels);
  }
  return out;
}

std::uint8_t brightest(const Image& image) {
  std::uint8_t most = 0;
  for (std::size_t i = 0; i < image.pixels.size(); i += 4)
    most = std::max({most, image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]});
  return most;
}

std::unique_ptr<xr::WindowMirror> openMirror(const std::string& script, xr::WindowSize size,
                                             std::map<std::string, std::pair<engine::RgbaImage, std::uint64_t>>& shots) {
  auto parsed = xr::InputScript::parse(script, "test script");
  if (!parsed) throw std::runtime_error(parsed.error().message());
  xr::WindowMirrorOptions options;
  options.size = size;
  options.script = std::move(parsed).value();
  options.onScreenshot = [&shots](const std::filesystem::path& file, const engine::RgbaImage& image,
                                  const xr::ScreenshotInfo& info) -> Status {
    shots[file.string()] = {image, info.frameIndex};
    return ok();
  };
  auto mirror = xr::WindowMirror::open(std::move(options));
  if (!mirror) throw std::runtime_error(mirror.error().message());
  return std::move(mirror).value();
}

TEST(WindowMirrorTest, ShowsTheEyeScaledToTheWindowThroughResizeAndMinimise) {
  std::map<std::string, std::pair<engine::RgbaImage, std::uint64_t>> shots;
  auto mirror = openMirror("1 screenshot wide.png\n"
                           "3 resize 300 300\n"
                           "5 screenshot square.png\n"
                           "7 minimize\n"
                           "10 restore\n"
                           "12 screenshot restored.png\n"
                           "14 quit\n",
                           {400, 200}, shots);
  const Plate plate;
  auto device = deviceFor(*mirror);
  ASSERT_TRUE(mirror->attach(*device).ok());
  auto eye = drawEye(*device, plate);
  const xr::MirrorSource source{eye->target().image, {kEye, kEye}, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL};
  auto context = frameContext(*device);

  std::vector<bool> shown;
  bool closed = false;
  for (std::uint64_t frame = 0; frame < 20 && !closed; ++frame) {
    closed = !mirror->poll();
    if (!closed) shown.push_back(mirrorFrame(*mirror, context, source, frame));
  }
  EXPECT_TRUE(closed) << "the script's quit closes the mirror";
  // Minimised from tick 7 to 9: nothing copied then. (Other frames may be skipped too, when the
  // copy two frames back is still running: the mirror never waits.)
  ASSERT_GE(shown.size(), 12u);
  EXPECT_FALSE(shown[7] || shown[8] || shown[9]);
  EXPECT_GE(std::count(shown.begin(), shown.end(), true), 6);

  engine::StillRequest request;
  request.view = kEyeView;
  request.width = request.height = kEye;
  auto still = engine::renderStill(*device, plate.view, request);
  ASSERT_TRUE(still.ok()) << still.error().message();
  const Image expected = rgb(*still);

  ASSERT_EQ(shots.count("wide.png"), 1u);
  const Image wide = rgb(shots.at("wide.png").first);
  ASSERT_EQ(wide.width, 400);
  ASSERT_EQ(wide.height, 200);
  EXPECT_GE(shots.at("wide.png").second, 1u) << "named by the frame it showed";
  EXPECT_LT(shots.at("wide.png").second, 3u);
  // Same height as the eye: copied texel for texel into the middle, black bars either side.
  const double middle = psnr(crop(wide, 100, 200), expected);
  EXPECT_GE(middle, 45.0);
  if (middle < 45.0) saveComparison("window_mirror_wide", crop(wide, 100, 200), expected);
  EXPECT_EQ(brightest(crop(wide, 0, 100)), 0);
  EXPECT_EQ(brightest(crop(wide, 300, 100)), 0);

  ASSERT_EQ(shots.count("square.png"), 1u);
  const Image square = rgb(shots.at("square.png").first);
  ASSERT_EQ(square.width, 300);
  ASSERT_EQ(square.height, 300);
  // Scaled up 1.5x with linear filtering: the engine's render at that size is close, not equal.
  request.width = request.height = 300;
  auto big = engine::renderStill(*device, plate.view, request);
  ASSERT_TRUE(big.ok());
  const double scaled = psnr(square, rgb(*big));
  RecordProperty("psnr_scaled", std::to_string(scaled));
  EXPECT_GE(scaled, 20.0);
  if (scaled < 20.0) saveComparison("window_mirror_square", square, rgb(*big));
  ASSERT_EQ(shots.count("restored.png"), 1u);
  EXPECT_EQ(psnr(rgb(shots.at("restored.png").first), square), std::numeric_limits<double>::infinity());

  // Every frame shown was one submit, the loop's: none of the mirror's own.
  EXPECT_EQ(context->submitCount(), static_cast<std::uint64_t>(std::count(shown.begin(), shown.end(), true)));
  EXPECT_EQ(mirror->ownSubmits(), 0u);
  mirror.reset();  // waits for its frames before the eye goes
  context.reset();
  eye.reset();
  EXPECT_EQ(device->validationMessageCount(), 0u);
}

TEST(WindowMirrorTest, MovesToANewDeviceAndKeepsItsWindow) {
  std::map<std::string, std::pair<engine::RgbaImage, std::uint64_t>> shots;
  auto mirror = openMirror("4 screenshot after.png\n", {kEye, kEye}, shots);
  const Plate plate;
  auto first = deviceFor(*mirror);
  ASSERT_TRUE(mirror->attach(*first).ok());
  {
    auto eye = drawEye(*first, plate);
    const xr::MirrorSource source{eye->target().image, {kEye, kEye}, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL};
    auto context = frameContext(*first);
    for (std::uint64_t frame = 0; frame < 2; ++frame) {
      ASSERT_TRUE(mirror->poll());
      (void)mirrorFrame(*mirror, context, source, frame);
    }
    EXPECT_GE(mirror->presented(), 1u);
    // The runtime was lost: everything on the old device goes, the window stays.
    mirror->detach();
    EXPECT_FALSE(mirror->attached());
    EXPECT_FALSE(mirror->beginFrame(source, 2)) << "nothing to show on while detached";
  }
  EXPECT_EQ(first->validationMessageCount(), 0u);
  first.reset();

  auto second = deviceFor(*mirror);
  ASSERT_TRUE(mirror->attach(*second).ok());
  auto eye = drawEye(*second, plate);
  const xr::MirrorSource source{eye->target().image, {kEye, kEye}, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL};
  auto context = frameContext(*second);
  const std::uint64_t before = mirror->presented();
  for (std::uint64_t frame = 3; frame < 8; ++frame) {
    ASSERT_TRUE(mirror->poll());
    (void)mirrorFrame(*mirror, context, source, frame);
  }
  EXPECT_GE(mirror->presented(), before + 2);
  ASSERT_EQ(shots.count("after.png"), 1u);
  engine::StillRequest request;
  request.view = kEyeView;
  request.width = request.height = kEye;
  auto still = engine::renderStill(*second, plate.view, request);
  ASSERT_TRUE(still.ok());
  EXPECT_GE(psnr(rgb(shots.at("after.png").first), rgb(*still)), 45.0);
  mirror.reset();
  context.reset();
  eye.reset();
  EXPECT_EQ(second->validationMessageCount(), 0u);
}

TEST(WindowMirrorTest, AFrameBegunAndNotSubmittedShowsBlackWithOneSubmitOfItsOwn) {
  std::map<std::string, std::pair<engine::RgbaImage, std::uint64_t>> shots;
  // A screenshot waits for the next frame that shows something.
  auto mirror = openMirror("1 screenshot skipped.png\n"
                           "6 screenshot drawn.png\n",
                           {kEye, kEye}, shots);
  const Plate plate;
  auto device = deviceFor(*mirror);
  ASSERT_TRUE(mirror->attach(*device).ok());
  auto eye = drawEye(*device, plate);
  const xr::MirrorSource source{eye->target().image, {kEye, kEye}, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL};
  auto context = frameContext(*device);
  bool skipped = false;
  for (std::uint64_t frame = 0; frame < 12; ++frame) {
    ASSERT_TRUE(mirror->poll());
    if (frame == 0 || skipped) {
      (void)mirrorFrame(*mirror, context, source, frame);
      continue;
    }
    // The loop had nothing to draw: the window image it acquired is presented all the same.
    if (!mirror->beginFrame(source, frame)) continue;  // no window image free: not begun
    skipped = true;
    EXPECT_FALSE(mirror->endFrame(nullptr)) << "the eye was not shown";
  }
  ASSERT_TRUE(skipped);
  EXPECT_EQ(mirror->ownSubmits(), 1u);
  EXPECT_EQ(context->submitCount(), mirror->presented());
  ASSERT_EQ(shots.count("skipped.png"), 1u);
  EXPECT_EQ(brightest(rgb(shots.at("skipped.png").first)), 0);
  ASSERT_EQ(shots.count("drawn.png"), 1u);
  EXPECT_GT(brightest(rgb(shots.at("drawn.png").first)), 100);
  mirror.reset();
  context.reset();
  eye.reset();
  EXPECT_EQ(device->validationMessageCount(), 0u);
}

}  // namespace
}  // namespace ps::test
