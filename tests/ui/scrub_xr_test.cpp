// Scrubbing through the simulated headset (xr/sim) with the real OpenXR loader, the core
// validation layer and the Vulkan validation layer: the right controller's aim ray is put
// on the timeline panel's bar, the trigger grabs, the ray drags along the bar and lets go.
// The player must land on the exact frame under the ray: read back from the pixels three
// ways — the frame stamp of the decoded frame (logged by the player), the eye image the
// headset received (matched against renders of the neighbouring frames) and the panel's
// quad layer (the played part's length). The drag preview's thumbnail shows while dragging.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/device.h"
#include "engine/render_still.h"
#include "image.h"
#include "media/video_source.h"
#include "demo_without_sets.h"
#include "process.h"
#include "ui/panel_layout.h"
#include "ui/panel_placement.h"
#include "ui/scrubber_panel.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const std::string kPlate = PS_SOURCE_DIR "/scenes/demo/plate.mp4";
constexpr double kFps = 30;         // scenes/demo: 30 fps, in 0, out 10
constexpr double kDuration = 10;
constexpr int kLastFrame = 299;

fs::path testDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path d = fs::path(PS_BINARY_DIR) / "test-out" / "ui_scrub_xr" / info->name();
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// The sim's pose keys: yaw turns left about +Y, then pitch looks up (xr/sim/README.md).
std::string aimAt(const glm::vec3& from, const glm::vec3& to) {
  const glm::vec3 d = glm::normalize(to - from);
  const double yaw = std::atan2(-d.x, -d.z) * 180 / M_PI;
  const double pitch = std::atan2(d.y, std::hypot(d.x, d.z)) * 180 / M_PI;
  std::ostringstream s;
  s.precision(10);
  s << R"("aim": { "position": [)" << from.x << ", " << from.y << ", " << from.z << "], \"yaw_deg\": " << yaw
    << ", \"pitch_deg\": " << pitch << " }";
  return s.str();
}

// The point of the panel's bar at a bar fraction, where the player will have put the panel:
// 1.5 m ahead of and 0.6 m below the head's start (the sim's default head, (0, 1.6, 0), -Z).
glm::vec3 barPoint(double fraction) {
  const ui::PanelLayout layout = ui::worldPanelLayout();
  const ui::PanelPlacement panel = ui::PanelPlacement::below({0, 1.6f, 0}, 0, layout.canvasHeight() / layout.width);
  const float barMiddle = layout.previewHeight + (layout.barTop + layout.barBottom) / 2;
  return panel.pointAt({layout.pixelAt(fraction) / layout.width, barMiddle / layout.canvasHeight()});
}

// The middle of a frame's stretch of the bar: the ray lands there, away from the frame's edges.
double fractionOfFrame(int frame) { return (frame + 0.5) / (kFps * kDuration); }

struct Match {
  int frame = -1;
  double psnr = 0;
};

// The plate frame among [first, last] whose render at the captured eye's pose matches best.
Match identify(const fs::path& capture, int simFrame, int first, int last) {
  std::ifstream in(capture / ("frame_" + std::to_string(simFrame) + ".json"));
  if (!in.good()) {
    ADD_FAILURE() << "no capture of sim frame " << simFrame;
    return {};
  }
  const auto json = nlohmann::json::parse(in);
  auto device = engine::Device::create();
  if (!device) {
    ADD_FAILURE() << device.error().message();
    return {};
  }
  auto source = media::VideoSource::open(kPlate);
  if (!source) {
    ADD_FAILURE() << source.error().message();
    return {};
  }
  for (const auto& image : json["images"]) {
    if (image["kind"] != "left") continue;
    const Image actual = loadImage((capture / image["file"].get<std::string>()).string());
    engine::StillRequest request;
    const auto& q = image["pose_in_stage"]["orientation"];
    request.view.orientation = glm::quat(q[3].get<float>(), q[0].get<float>(), q[1].get<float>(), q[2].get<float>());
    const auto& f = image["fov_rad"];
    request.view.fov = {f["left"].get<float>(), f["right"].get<float>(), f["up"].get<float>(), f["down"].get<float>()};
    request.eye = Eye::Left;
    request.width = static_cast<std::uint32_t>(actual.width);
    request.height = static_cast<std::uint32_t>(actual.height);
    Match best;
    for (int i = 0; i <= last; ++i) {
      auto next = source->next();
      if (!next || !next->has_value()) break;
      if (i < first) continue;
      auto still = engine::renderStill(*device, (*next)->view(), request);
      if (!still) {
        ADD_FAILURE() << still.error().message();
        return {};
      }
      Image rgb{static_cast<int>(still->width), static_cast<int>(still->height), 3, {}};
      for (std::size_t px = 0; px < still->pixels.size(); px += 4)
        rgb.pixels.insert(rgb.pixels.end(), still->pixels.begin() + static_cast<std::ptrdiff_t>(px),
                          still->pixels.begin() + static_cast<std::ptrdiff_t>(px) + 3);
      const double p = psnr(actual, rgb);
      if (p > best.psnr) best = {i, p};
    }
    return best;
  }
  ADD_FAILURE() << "no left eye in sim frame " << simFrame;
  return {};
}

// The panel's quad-layer image in a capture, as the sim's frame_<n>.json lists it.
Image capturedQuad(const fs::path& capture, int simFrame) {
  std::ifstream in(capture / ("frame_" + std::to_string(simFrame) + ".json"));
  if (!in.good()) throw std::runtime_error("no capture of sim frame " + std::to_string(simFrame));
  const auto json = nlohmann::json::parse(in);  // named: the loop below refers into it
  for (const auto& image : json["images"])
    if (image["kind"] == "quad") return loadImage((capture / image["file"].get<std::string>()).string());
  throw std::runtime_error("no quad layer in sim frame " + std::to_string(simFrame));
}

// Mean brightness of the preview room above the strip (transparent black when no drag).
double previewBrightness(const Image& quad) {
  const ui::PanelLayout layout = ui::worldPanelLayout();
  double sum = 0;
  const int rows = static_cast<int>(layout.previewHeight);
  for (int y = 0; y < rows; ++y)
    for (int x = 0; x < quad.width * 3; ++x) sum += quad.pixels[static_cast<std::size_t>(y * quad.width * 3 + x)];
  return sum / (rows * quad.width * 3);
}

// The rightmost pixel of the played colour on a row inside the bar of a captured quad.
int playedEnd(const Image& quad) {
  const ui::PanelLayout layout = ui::worldPanelLayout();
  const int y = static_cast<int>(layout.previewHeight + layout.barBottom - 3);
  int end = -1;
  for (int x = 0; x < quad.width; ++x) {
    const std::size_t i = (static_cast<std::size_t>(y) * quad.width + x) * 3;
    if (std::abs(quad.pixels[i] - ui::kPlayedRgb[0]) <= 8 && std::abs(quad.pixels[i + 1] - ui::kPlayedRgb[1]) <= 8 &&
        std::abs(quad.pixels[i + 2] - ui::kPlayedRgb[2]) <= 8)
      end = x;
  }
  return end;
}

TEST(ScrubXr, TriggerOnTheBarDragAndReleaseLandsOnTheExactFrame) {
  const fs::path dir = testDir();
  const int grabFrame = 40, target = 123;
  const glm::vec3 hand{0.2f, 1.2f, -0.3f};
  // Aim at frame 40's place, press at sim frame 10, drag to the target's place by frame 40
  // (the sim interpolates the aim), let go at 45. Playing before: the grab pauses.
  std::ostringstream script;
  script << R"({ "display": { "width": 256, "height": 256 },
    "capture": { "frames": [30, 44, 80] },
    "controllers": { "right": [
      { "frame": 0, )" << aimAt(hand, barPoint(fractionOfFrame(grabFrame))) << R"( },
      { "frame": 10, "select": true, )" << aimAt(hand, barPoint(fractionOfFrame(grabFrame))) << R"( },
      { "frame": 40, )" << aimAt(hand, barPoint(fractionOfFrame(target))) << R"( },
      { "frame": 45, "select": false } ] },
    "events": [ { "frame": 90, "type": "exit_requested" } ] })";
  std::ofstream(dir / "script.json") << script.str();
  const std::string cmd = "PERFECTSHOT_SIM_SCRIPT=" + (dir / "script.json").string() +
                          " PERFECTSHOT_SIM_CAPTURE_DIR=" + (dir / "capture").string() +
                          " XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation PERFECTSHOT_VALIDATION=1 " +
                          kPerfectshot + " play " + demoWithoutSets() + " --display xr --no-audio --no-overlay 2>&1";
  const ProcessResult r = runShell(cmd);
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("validation"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("timeline: panel as a quad layer"), std::string::npos) << r.output;

  // The player: released on the target, shown it, and the decoded frame's stamp says so.
  EXPECT_NE(r.output.find("timeline: scrub released on frame " + std::to_string(target) + " (00:00:04:03)"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("timeline: landed on frame " + std::to_string(target) + " (stamp " + std::to_string(target) +
                          ")"),
            std::string::npos)
      << r.output;

  // What the headset showed after the release: that frame, still (the scrub leaves it paused).
  const Match shown = identify(dir / "capture", 80, target - 4, target + 4);
  EXPECT_EQ(shown.frame, target);
  EXPECT_GE(shown.psnr, 40);

  // The panel: the played part reaches the target's place; mid-drag it followed the hand.
  const ui::PanelLayout layout = ui::worldPanelLayout();
  const Image landed = capturedQuad(dir / "capture", 80);
  ASSERT_EQ(landed.width, static_cast<int>(layout.width));
  ASSERT_EQ(landed.height, static_cast<int>(layout.canvasHeight()));
  EXPECT_NEAR(playedEnd(landed), layout.pixelAt((target + 0.5) / (kLastFrame + 1)), 4.0);
  const Image midDrag = capturedQuad(dir / "capture", 30);
  const int mid = playedEnd(midDrag);
  EXPECT_GT(mid, layout.pixelAt(fractionOfFrame(grabFrame)) + 10) << "the playhead moved with the ray";
  EXPECT_LT(mid, layout.pixelAt(fractionOfFrame(target)) - 10) << "and had not reached the target yet";
  // The thumbnail above the cursor while dragging (the keyframe decoded on the worker by
  // then: 34 rendered frames after the grab), gone after the release.
  EXPECT_GT(previewBrightness(capturedQuad(dir / "capture", 44)), 20.0);
  EXPECT_LT(previewBrightness(landed), 1.0);
}

}  // namespace
}  // namespace ps::test
