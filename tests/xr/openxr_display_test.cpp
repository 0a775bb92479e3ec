// The OpenXR display in this process against the simulated runtime: what it says it can do,
// each eye's depth swapchain reaching the runtime with the depth info of reverse-Z, and the
// projection layer over the equirect layer. The eyes are drawn by the engine's frame renderer
// with a layer that puts a wall 2 m ahead into depth; the sim's capture shows what it received.
// The offscreen display's capabilities are here too (none), and the controllers reported raw.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "engine/frame_context.h"
#include "engine/frame_renderer.h"
#include "engine/layer.h"
#include "image.h"
#include "xr/offscreen_display.h"
#include "xr/openxr_display.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

constexpr float kWallM = 2.0f;

fs::path testDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path d = fs::path(PS_BINARY_DIR) / "test-out" / "xr_display" / info->name();
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// A wall facing the eye, kWallM ahead along its view axis, in depth only: every pixel gets the
// depth such a surface writes (EyeCamera::depthAt), through the pass's own depth attachment.
class WallDepthLayer final : public engine::Layer {
 public:
  void prepare(engine::FrameRecording&, std::span<const engine::EyePass>) override {}
  void record(engine::FrameRecording& frame, const engine::EyePass& eye) override {
    if (eye.wholeSphere || eye.depthFormat == VK_FORMAT_UNDEFINED) return;
    VkClearAttachment clear{};
    clear.aspectMask = VK_IMAGE_ASPECT_DEPTH_BIT;
    clear.clearValue.depthStencil.depth = eye.camera.depthAt(kWallM);
    VkClearRect rect{};
    rect.rect.extent = eye.extent;
    rect.layerCount = 1;
    vkCmdClearAttachments(frame.commands, 1, &clear, 1, &rect);
  }
};

struct Loop {
  std::unique_ptr<xr::OpenXrDisplay> display;
  // What to do with the frame's depth and overlay; called per frame index.
  std::function<bool(std::uint64_t)> drawDepth = [](std::uint64_t) { return true; };
  std::function<bool(std::uint64_t)> drawOverlay = [](std::uint64_t) { return true; };
  std::vector<xr::DisplayFrame> seen;  // the frames drawn (targets no longer valid)
  std::vector<xr::RawInput> inputs;    // what input() reported after each beginFrame

  void run(std::uint64_t frames) {
    engine::FrameContext context(display->device());
    engine::FrameRenderer renderer(display->device());
    WallDepthLayer wall;
    engine::Layer* layers[] = {&wall};
    bool quitAsked = false;
    for (int pass = 0; pass < 2000; ++pass) {
      if (display->poll().quit) break;
      auto frame = display->beginFrame();
      if (!frame) continue;
      inputs.push_back(display->input());
      if (frame->shouldRender && !frame->eyes.empty()) {
        std::vector<engine::EyeDraw> eyes;
        for (const xr::EyeTarget& e : frame->eyes)
          eyes.push_back({e.eye, engine::EyeCamera(e.view), e.target, e.wholeSphere});
        const bool overlay = drawOverlay(frame->index) && !frame->overlayEyes.empty();
        if (overlay)
          for (const xr::EyeTarget& e : frame->overlayEyes)
            eyes.push_back({e.eye, engine::EyeCamera(e.view), e.target, false, /*overSphere=*/true});
        engine::FrameRecording& rec = context.begin();
        renderer.record(rec, eyes, layers);
        context.submit(frame->sync);
        frame->submitted = true;
        frame->depthDrawn = drawDepth(frame->index);
        frame->overlayDrawn = overlay;
        seen.push_back(*frame);
      }
      display->endFrame(*frame);
      if (!quitAsked && frame->index + 1 >= frames) {
        quitAsked = true;
        display->requestQuit();
      }
    }
    context.waitAll();
  }
};

std::unique_ptr<xr::OpenXrDisplay> openDisplay(const fs::path& capture, const std::string& frames,
                                               std::optional<VkExtent2D> equirect = std::nullopt,
                                               std::vector<std::string> profiles = {}) {
  // Read by the runtime at xrCreateInstance.
  ::setenv("PERFECTSHOT_SIM_CAPTURE_DIR", capture.c_str(), 1);
  ::setenv("PERFECTSHOT_SIM_CAPTURE_FRAMES", frames.c_str(), 1);
  xr::OpenXrDisplayOptions options;
  options.device.validation = true;
  options.equirectLayer = equirect;
  options.interactionProfiles = std::move(profiles);
  auto display = xr::OpenXrDisplay::create(options);
  if (!display) throw std::runtime_error(display.error().message());
  return std::move(display).value();
}

nlohmann::json captured(const fs::path& capture, int frame) {
  std::ifstream in(capture / ("frame_" + std::to_string(frame) + ".json"));
  if (!in) throw std::runtime_error("no capture of frame " + std::to_string(frame));
  return nlohmann::json::parse(in);
}

const nlohmann::json* imageOf(const nlohmann::json& doc, const std::string& kind) {
  for (const auto& image : doc["images"])
    if (image["kind"] == kind) return &image;
  return nullptr;
}

// The depth values of a PFM the sim wrote (greyscale, little-endian floats).
std::vector<float> readPfm(const fs::path& path, int& width, int& height) {
  std::ifstream in(path, std::ios::binary);
  std::string magic;
  double scale = 0;
  in >> magic >> width >> height >> scale;
  in.get();
  EXPECT_EQ(magic, "Pf");
  std::vector<float> values(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  in.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(float)));
  EXPECT_TRUE(in.good()) << path;
  return values;
}

// The spec's window depth -> view distance, for the range and distances the runtime was given
// (JSON null: infinity). Reverse-Z with the near plane at infinity: d = farZ / depth.
double distanceOf(const nlohmann::json& depth, double value) {
  const double a = depth["min_depth"], b = depth["max_depth"];
  const double t = (value - a) / (b - a);  // 0 at nearZ, 1 at farZ
  const bool nearInf = depth["near_z_m"].is_null(), farInf = depth["far_z_m"].is_null();
  if (nearInf) return depth["far_z_m"].get<double>() / t;
  const double n = depth["near_z_m"];
  if (farInf) return n / (1 - t);
  const double f = depth["far_z_m"];
  return f * n / (f - t * (f - n));
}

TEST(OpenXrDisplayTest, CapabilitiesOfTheHeadset) {
  const fs::path dir = testDir();
  auto display = openDisplay(dir / "capture", "");
  const xr::DisplayCapabilities can = display->capabilities();
  EXPECT_TRUE(can.worldPanels);
  EXPECT_TRUE(can.haptics);
  EXPECT_TRUE(can.headTracked);
  EXPECT_TRUE(can.depthSubmission) << "the simulated runtime offers XR_KHR_composition_layer_depth";
  EXPECT_FALSE(can.equirectLayer) << "not asked for";
  EXPECT_FALSE(can.pointer);
  EXPECT_FALSE(can.mouseLook);
  EXPECT_FALSE(can.keyboard) << "no mirror window";

  display.reset();  // the loader allows one instance at a time
  auto sphere = openDisplay(dir / "capture", "", VkExtent2D{256, 128});
  EXPECT_TRUE(sphere->capabilities().equirectLayer);
}

// The controllers as they are, per hand: buttons with their presses as edges, the trigger's
// value, the thumbstick, the aim; nothing said about what they mean.
TEST(OpenXrDisplayTest, ControllersAreReportedPerHandAsTheyAre) {
  const fs::path dir = testDir();
  const fs::path script = dir / "script.json";
  std::ofstream(script) << R"({ "display": { "width": 64, "height": 64, "lockstep": true },
    "controllers": {
      "right": [ { "frame": 0, "aim": { "position": [0.2, 1.4, -0.4] } },
                 { "frame": 3, "b": true, "trigger": 0.8, "thumbstick": [0.5, -0.25] },
                 { "frame": 6, "b": false, "trigger": 0.0, "thumbstick": [0, 0] } ],
      "left": [ { "frame": 4, "menu": true }, { "frame": 5, "menu": false } ] } })";
  ::setenv("PERFECTSHOT_SIM_SCRIPT", script.c_str(), 1);
  Loop loop;
  loop.display = openDisplay(dir / "capture", "", std::nullopt, {"oculus/touch_controller"});
  ::unsetenv("PERFECTSHOT_SIM_SCRIPT");
  loop.run(10);
  int bPresses = 0, bHeld = 0, menuPresses = 0, otherPresses = 0;
  bool triggerSeen = false, stickSeen = false, aimSeen = false;
  for (const xr::RawInput& in : loop.inputs) {
    const xr::ControllerInput& right = in.hand(xr::Hand::Right);
    const xr::ControllerInput& left = in.hand(xr::Hand::Left);
    bPresses += right.secondary.pressed ? 1 : 0;
    bHeld += right.secondary.held ? 1 : 0;
    menuPresses += left.menu.pressed ? 1 : 0;
    otherPresses += (right.primary.pressed || left.primary.pressed || left.secondary.pressed || right.menu.pressed ||
                     left.trigger.pressed || right.squeeze.pressed)
                        ? 1
                        : 0;
    if (right.trigger.held) {
      triggerSeen = true;
      EXPECT_NEAR(right.triggerValue, 0.8f, 1e-5f);
    }
    if (right.thumbstick.x != 0) {
      stickSeen = true;
      EXPECT_NEAR(right.thumbstick.x, 0.5f, 1e-5f);
      EXPECT_NEAR(right.thumbstick.y, -0.25f, 1e-5f);
    }
    if (right.aim) {
      aimSeen = true;
      EXPECT_NEAR(right.aim->position.x, 0.2f, 1e-4f);
    }
    EXPECT_TRUE(in.keys.empty()) << "no mirror window";
  }
  EXPECT_EQ(bPresses, 1) << "a press is an edge";
  EXPECT_GE(bHeld, 2) << "held over the frames it is down";
  EXPECT_EQ(menuPresses, 1);
  EXPECT_EQ(otherPresses, 0);
  EXPECT_TRUE(triggerSeen);
  EXPECT_TRUE(stickSeen);
  EXPECT_TRUE(aimSeen);
}

TEST(OffscreenDisplayTest, CapabilitiesAreNone) {
  // Scripted views and input: the loop must not count on a pointer, panels, depth or haptics.
  auto display = xr::OffscreenDisplay::create({});
  ASSERT_TRUE(display) << display.error().message();
  const xr::DisplayCapabilities can = (*display)->capabilities();
  EXPECT_FALSE(can.worldPanels || can.depthSubmission || can.equirectLayer || can.pointer || can.keyboard ||
               can.haptics || can.headTracked || can.mouseLook);
}

TEST(OffscreenDisplayTest, QueuedInputKeepsEveryPressAndTheLatestLevels) {
  auto display = xr::OffscreenDisplay::create({});
  ASSERT_TRUE(display) << display.error().message();
  xr::RawInput first, second;
  first.keys = {{xr::Key::Space}};
  first.hand(xr::Hand::Right).trigger = {true, true};
  first.hand(xr::Hand::Right).thumbstick = {1, 0};
  second.keys = {{xr::Key::N}};
  second.hand(xr::Hand::Right).thumbstick = {-0.5f, 0};
  (*display)->queueInput(first);
  (*display)->queueInput(second);
  const xr::RawInput in = (*display)->input();
  ASSERT_EQ(in.keys.size(), 2u);
  EXPECT_EQ(in.keys[0].key, xr::Key::Space);
  EXPECT_EQ(in.keys[1].key, xr::Key::N);
  EXPECT_TRUE(in.hand(xr::Hand::Right).trigger.pressed) << "the first poll's press is kept";
  EXPECT_FALSE(in.hand(xr::Hand::Right).trigger.held) << "released by the latest";
  EXPECT_FLOAT_EQ(in.hand(xr::Hand::Right).thumbstick.x, -0.5f);
  const xr::RawInput next = (*display)->input();
  EXPECT_TRUE(next.keys.empty());
  EXPECT_FALSE(next.hand(xr::Hand::Right).trigger.pressed);
}

TEST(OpenXrDisplayTest, EachEyesDepthReachesTheRuntimeAsTheWallsDistance) {
  const fs::path dir = testDir();
  Loop loop;
  loop.display = openDisplay(dir / "capture", "3,4");
  loop.drawDepth = [](std::uint64_t index) { return index != 4; };  // frame 4: depth not drawn
  loop.run(6);
  ASSERT_FALSE(loop.seen.empty());
  for (const xr::EyeTarget& eye : loop.seen.front().eyes) {
    EXPECT_NE(eye.target.depthImage, VK_NULL_HANDLE);
    EXPECT_EQ(eye.target.depthFormat, VK_FORMAT_D32_SFLOAT) << "the sim offers D32 float";
    EXPECT_EQ(eye.target.depthLayoutAfter, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL);
  }
  EXPECT_GE(loop.display->stats().framesWithDepth, 1u);
  EXPECT_EQ(loop.display->stats().validationMessages, 0u);

  const nlohmann::json frame3 = captured(dir / "capture", 3);
  for (const std::string eye : {"left", "right"}) {
    const nlohmann::json* image = imageOf(frame3, eye);
    ASSERT_NE(image, nullptr) << frame3.dump();
    ASSERT_TRUE(image->contains("depth")) << image->dump();
    const nlohmann::json& depth = (*image)["depth"];
    EXPECT_EQ(depth["min_depth"], 0.0);
    EXPECT_EQ(depth["max_depth"], 1.0);
    EXPECT_TRUE(depth["near_z_m"].is_null()) << "reverse-Z: depth 0 lies at infinity";
    EXPECT_NEAR(depth["far_z_m"].get<double>(), engine::EyeCamera::kDefaultNearM, 1e-6);
    EXPECT_EQ(depth["rect"]["width"], (*image)["rect"]["width"]);
    EXPECT_EQ(depth["rect"]["height"], (*image)["rect"]["height"]);
    int width = 0, height = 0;
    const std::vector<float> values = readPfm(dir / "capture" / depth["file"].get<std::string>(), width, height);
    ASSERT_EQ(width, depth["rect"]["width"].get<int>());
    ASSERT_EQ(height, depth["rect"]["height"].get<int>());
    // Every pixel sees the wall: the distance the runtime reads back is the wall's.
    for (float v : {values.front(), values[values.size() / 2], values.back()})
      EXPECT_NEAR(distanceOf(depth, v), kWallM, 1e-3) << eye << " depth value " << v;
  }
  // A frame whose depth the loop did not draw hands the runtime none.
  const nlohmann::json frame4 = captured(dir / "capture", 4);
  for (const std::string eye : {"left", "right"}) {
    const nlohmann::json* image = imageOf(frame4, eye);
    ASSERT_NE(image, nullptr) << frame4.dump();
    EXPECT_FALSE(image->contains("depth")) << image->dump();
  }
}

TEST(OpenXrDisplayTest, AProjectionLayerGoesOverTheEquirectLayerWhenDrawn) {
  const fs::path dir = testDir();
  Loop loop;
  loop.display = openDisplay(dir / "capture", "3,4", VkExtent2D{256, 128});
  loop.drawOverlay = [](std::uint64_t index) { return index != 4; };  // frame 4: the sphere alone
  loop.run(6);
  ASSERT_FALSE(loop.seen.empty());
  const xr::DisplayFrame& first = loop.seen.front();
  ASSERT_EQ(first.eyes.size(), 1u);
  EXPECT_TRUE(first.eyes[0].wholeSphere);
  ASSERT_EQ(first.overlayEyes.size(), 2u);
  for (const xr::EyeTarget& eye : first.overlayEyes) EXPECT_NE(eye.target.depthImage, VK_NULL_HANDLE);
  EXPECT_GE(loop.display->stats().framesOverSphere, 1u);
  EXPECT_EQ(loop.display->stats().validationMessages, 0u);

  const nlohmann::json frame3 = captured(dir / "capture", 3);
  ASSERT_EQ(frame3["images"].size(), 3u) << frame3.dump();
  EXPECT_EQ(frame3["images"][0]["kind"], "equirect") << "the sphere below";
  EXPECT_NE(imageOf(frame3, "left"), nullptr);
  EXPECT_NE(imageOf(frame3, "right"), nullptr);
  EXPECT_TRUE(imageOf(frame3, "left")->contains("depth"));
  // Nothing was drawn in front of the sphere: the layer over it is transparent.
  for (const std::string eye : {"left", "right"}) {
    const Image over = loadImage((dir / "capture" / (*imageOf(frame3, eye))["file"].get<std::string>()).string(), 4);
    ASSERT_GT(over.width, 0) << eye;
    EXPECT_EQ(over.pixels[3], 0) << eye << ": alpha of the top-left pixel";
    EXPECT_EQ(over.pixels[over.pixels.size() / 2 + 3], 0) << eye << ": alpha in the middle";
  }
  const nlohmann::json frame4 = captured(dir / "capture", 4);
  ASSERT_EQ(frame4["images"].size(), 1u) << frame4.dump();
  EXPECT_EQ(frame4["images"][0]["kind"], "equirect");
}

}  // namespace
}  // namespace ps::test
