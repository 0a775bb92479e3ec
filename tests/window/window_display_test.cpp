// The window display under Xvfb (the test runs inside xvfb-run): scripted input turns the
// view, resizes and minimising keep the loop going, what the screenshot reads back is what the
// engine draws offscreen for the same view, and nothing draws a validation message.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <memory>
#include <optional>
#include <vector>

#include "engine/equirect_layer.h"
#include "engine/frame_context.h"
#include "engine/frame_renderer.h"
#include "engine/render_still.h"
#include "image.h"
#include "synthetic_plate.h"
#include "xr/window_display.h"

namespace ps::test {
namespace {

// A checkerboard plate at the size these tests use.
struct Plate : SyntheticPlate {
  Plate() : SyntheticPlate(1024, 512, 32) {}
};

struct Shot {
  engine::RgbaImage image;
  xr::ScreenshotInfo info;
};

struct RunResult {
  int frames = 0;
  int drawn = 0;  // frames the harness submitted
  int idlePasses = 0;  // beginFrame gave no frame
  std::vector<bool> visibility;
  std::map<std::string, Shot> shots;
  std::vector<glm::vec2> pointerPresses;  // presses the app's claims took (RawInput::mouse.pressedOnUi)
};

// The player loop of display.h, with a still picture instead of a player: the frame's eyes and
// the display's recordAfterDraw in one command buffer, submitted once with the frame's sync.
class Harness {
 public:
  Harness(const std::string& script, xr::WindowSize size, std::set<std::uint64_t> undrawnFrames = {},
          xr::InputClaims claims = {})
      : undrawn_(std::move(undrawnFrames)) {
    auto parsed = xr::InputScript::parse(script, "test script");
    if (!parsed) throw std::runtime_error(parsed.error().message());
    xr::WindowDisplayOptions options;
    options.size = size;
    options.look = xr::HeadLook{0, 0, 70};
    options.script = std::move(parsed).value();
    options.device.validation = true;
    options.claims = std::move(claims);
    options.onScreenshot = [this](const std::filesystem::path& file, const engine::RgbaImage& image,
                                  const xr::ScreenshotInfo& info) -> Status {
      result_.shots[file.string()] = Shot{image, info};
      return ok();
    };
    auto display = xr::WindowDisplay::create(std::move(options));
    if (!display) throw std::runtime_error(display.error().message());
    display_ = std::move(display).value();
    context_ = std::make_shared<engine::FrameContext>(display_->device(), 2, "window test");
    renderer_ = std::make_unique<engine::FrameRenderer>(display_->device());
    background_ = std::make_unique<engine::EquirectLayer>(*context_);
    background_->setPicture(plate_.view, FrameLayout{});
  }
  ~Harness() {  // before the display and its device; the renderer's depth images once unused
    context_->waitAll();
    background_.reset();
    renderer_.reset();
    context_.reset();
  }

  RunResult run(int maxPasses = 400) {
    for (int pass = 0; pass < maxPasses; ++pass) {
      const xr::DisplayEvents events = display_->poll();
      if (events.quit) break;
      if (events.visible) result_.visibility.push_back(*events.visible);
      auto frame = display_->beginFrame();
      if (!frame) {
        ++result_.idlePasses;
        continue;
      }
      if (const xr::RawInput in = display_->input(); in.mouse.pressedOnUi)
        result_.pointerPresses.push_back(*in.mouse.pressedOnUi);
      if (undrawn_.count(frame->index) == 0) {
        std::vector<engine::EyeDraw> eyes;
        for (const xr::EyeTarget& eye : frame->eyes)
          eyes.push_back(engine::EyeDraw{eye.eye, engine::EyeCamera(eye.view), eye.target, eye.wholeSphere});
        engine::FrameRecording& recording = context_->begin();
        const std::vector<engine::Layer*> layers{background_.get()};
        renderer_->record(recording, eyes, layers);
        if (frame->recordAfterDraw) frame->recordAfterDraw(recording.commands);
        context_->submit(frame->sync);
        frame->drawnOnGpu = [weak = std::weak_ptr<engine::FrameContext>(context_),
                             serial = context_->lastSubmitted()](bool block) {
          const auto context = weak.lock();
          if (!context) return true;
          if (block) context->wait(serial);
          return context->completedSerial() >= serial;
        };
        frame->submitted = true;
        ++result_.drawn;
      }
      display_->endFrame(*frame);
      ++result_.frames;
    }
    return result_;
  }

  xr::WindowDisplay& display() { return *display_; }
  const Plate& plate() const { return plate_; }
  std::uint64_t submits() const { return context_->submitCount(); }

 private:
  Plate plate_;
  std::set<std::uint64_t> undrawn_;
  RunResult result_;
  std::unique_ptr<xr::WindowDisplay> display_;
  // Shared: the display's drawnOnGpu answers hold weak references, as the loop's do.
  std::shared_ptr<engine::FrameContext> context_;
  std::unique_ptr<engine::FrameRenderer> renderer_;
  std::unique_ptr<engine::EquirectLayer> background_;
};

Image toImage(const engine::RgbaImage& rgba) {
  return Image{static_cast<int>(rgba.width), static_cast<int>(rgba.height), 4, rgba.pixels};
}

Image renderOffscreen(Harness& h, const engine::V360Camera& camera, std::uint32_t width, std::uint32_t height) {
  engine::StillRequest request;
  request.view = engine::viewFromV360(camera);
  request.width = width;
  request.height = height;
  auto still = engine::renderStill(h.display().device(), h.plate().view, request);
  if (!still) throw std::runtime_error(still.error().message());
  return toImage(*still);
}

TEST(WindowDisplayTest, ScriptedDragAndWheelTurnTheViewTheScreenshotShows) {
  Harness h("2 drag 320 200 420 150\n"  // right 100 px, up 50 px
            "3 scroll 1\n"
            "6 screenshot turned.png\n"
            "8 quit\n",
            {640, 400});
  const RunResult r = h.run();
  ASSERT_EQ(r.shots.count("turned.png"), 1u);
  const Shot& shot = r.shots.at("turned.png");
  // 70 deg over 400 px: the picture follows the cursor, so the head turns left and down.
  EXPECT_NEAR(shot.info.camera.yawDeg, -17.5f, 1e-3f);
  EXPECT_NEAR(shot.info.camera.pitchDeg, -8.75f, 1e-3f);
  EXPECT_NEAR(shot.info.camera.vFovDeg, 63.0f, 1e-3f);
  EXPECT_NEAR(shot.info.camera.hFovDeg, (xr::HeadLook{0, 0, 63}.hFovDeg(640.0f / 400.0f)), 1e-3f);
  ASSERT_EQ(shot.image.width, 640u);
  ASSERT_EQ(shot.image.height, 400u);

  const Image actual = toImage(shot.image);
  const Image expected = renderOffscreen(h, shot.info.camera, 640, 400);
  const double same = psnr(actual, expected);
  EXPECT_GE(same, 45.0);
  if (same < 45.0) saveComparison("window_turned", actual, expected);
  // And not what the unturned view shows, or the comparison above proves nothing.
  const Image unturned = renderOffscreen(h, engine::V360Camera{0, 0, 0, shot.info.camera.hFovDeg, 63}, 640, 400);
  EXPECT_LT(psnr(actual, unturned), 20.0);
  EXPECT_EQ(h.display().device().validationMessageCount(), 0u);
}

TEST(WindowDisplayTest, APressTheAppClaimsDoesNotTurnTheView) {
  // The app's UI takes presses in the bottom 100 px (as the timeline's band does).
  int asked = 0;
  xr::InputClaims claims;
  claims.press = [&asked](glm::vec2 p) {
    ++asked;
    return p.y >= 300.0f;
  };
  Harness h("2 drag 320 350 420 350\n"  // on the UI: no turn
            "4 screenshot still.png\n"
            "5 drag 320 200 420 200\n"  // on the view: turns 17.5 deg
            "7 screenshot turned.png\n"
            "9 quit\n",
            {640, 400}, {}, std::move(claims));
  const RunResult r = h.run();
  EXPECT_GE(asked, 2);
  ASSERT_EQ(r.shots.count("still.png"), 1u);
  ASSERT_EQ(r.shots.count("turned.png"), 1u);
  EXPECT_NEAR(r.shots.at("still.png").info.camera.yawDeg, 0.0f, 1e-3f);
  EXPECT_NEAR(r.shots.at("turned.png").info.camera.yawDeg, -17.5f, 1e-3f);
  ASSERT_EQ(r.pointerPresses.size(), 1u);
  EXPECT_NEAR(r.pointerPresses[0].y, 350.0f, 1e-3f);
}

TEST(WindowDisplayTest, CapabilitiesAreAPointerKeysAndMouseLook) {
  Harness h("1 quit\n", {320, 200});
  const xr::DisplayCapabilities can = h.display().capabilities();
  EXPECT_TRUE(can.pointer);
  EXPECT_TRUE(can.keyboard);
  EXPECT_TRUE(can.mouseLook);
  EXPECT_FALSE(can.worldPanels);
  EXPECT_FALSE(can.depthSubmission);
  EXPECT_FALSE(can.equirectLayer);
  EXPECT_FALSE(can.haptics);
  EXPECT_FALSE(can.headTracked);
}

TEST(WindowDisplayTest, ResizeAndMinimiseRecreateTheSwapchainAndTheLoopGoesOn) {
  Harness h("3 resize 500 300\n"
            "12 minimize\n"
            "22 restore\n"
            "30 screenshot after.png\n"
            "34 quit\n",
            {640, 400});
  const RunResult r = h.run();
  ASSERT_EQ(r.shots.count("after.png"), 1u);
  EXPECT_EQ(r.shots.at("after.png").image.width, 500u);
  EXPECT_EQ(r.shots.at("after.png").image.height, 300u);
  EXPECT_EQ(h.display().extent().width, 500u);
  // Ten passes minimised drew nothing; the loop carried on after the restore.
  EXPECT_GE(r.idlePasses, 10);
  EXPECT_GE(r.frames, 20);
  EXPECT_EQ(r.visibility, (std::vector<bool>{true, false, true}));
  EXPECT_EQ(h.display().device().validationMessageCount(), 0u);
}

TEST(WindowDisplayTest, AFrameEndedWithoutDrawingShowsBlack) {
  Harness h("4 screenshot undrawn.png\n"
            "5 screenshot drawn.png\n"
            "7 quit\n",
            {320, 200}, {4});
  const RunResult r = h.run();
  ASSERT_EQ(r.shots.count("undrawn.png"), 1u);
  ASSERT_EQ(r.shots.count("drawn.png"), 1u);
  auto brightest = [](const engine::RgbaImage& image) {
    std::uint8_t most = 0;
    for (std::size_t i = 0; i < image.pixels.size(); i += 4)
      most = std::max({most, image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]});
    return most;
  };
  EXPECT_EQ(brightest(r.shots.at("undrawn.png").image), 0);
  EXPECT_GT(brightest(r.shots.at("drawn.png").image), 100);
  EXPECT_EQ(h.display().device().validationMessageCount(), 0u);
}

TEST(WindowDisplayTest, EveryFrameIsOneSubmitTheLoopsOrForAFrameItSkippedTheDisplays) {
  // Frames 2, 3 and 6 are ended without the loop's submit (one of them with a screenshot):
  // the display clears and presents them with one submit of its own; every other frame is the
  // loop's one submit, the screenshot's copy included, and nothing of the display's.
  Harness h("3 screenshot skipped.png\n"
            "5 screenshot drawn.png\n"
            "9 quit\n",
            {320, 200}, {2, 3, 6});
  const RunResult r = h.run();
  ASSERT_GE(r.frames, 9);
  EXPECT_EQ(r.drawn, r.frames - 3);
  EXPECT_EQ(h.submits(), static_cast<std::uint64_t>(r.drawn));
  EXPECT_EQ(h.display().ownSubmits(), 3u);
  EXPECT_EQ(h.submits() + h.display().ownSubmits(), static_cast<std::uint64_t>(r.frames));
  EXPECT_EQ(r.shots.count("skipped.png"), 1u);
  EXPECT_EQ(r.shots.count("drawn.png"), 1u);
  EXPECT_EQ(h.display().device().validationMessageCount(), 0u);
}

}  // namespace
}  // namespace ps::test
