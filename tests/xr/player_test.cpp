// `perfectshot play --display xr` against the simulated headset, through the real loader with
// the OpenXR core validation layer and the Vulkan validation layer on: what each eye received
// (the sim's capture) is compared with the engine's render of the same pose and fov, and the
// video frame shown is identified by the best match among the plate's first frames.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numbers>
#include <nlohmann/json.hpp>

#include "engine/device.h"
#include "engine/render_still.h"
#include "image.h"
#include "media/video_source.h"
#include "demo_without_sets.h"
#include "pfm.h"
#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const std::string kPlate = PS_SOURCE_DIR "/scenes/demo/plate.mp4";
constexpr int kCandidates = 60;  // video frames searched for the one shown

fs::path testDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path d = fs::path(PS_BINARY_DIR) / "test-out" / "xr_player" / info->name();
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// Runs play with the script; the sim, both validation layers and the capture folder set.
// Without `overlay` nothing is drawn over the picture, so the eyes compare with renders.
ProcessResult play(const fs::path& dir, const std::string& script, std::vector<std::string> extra = {},
                   bool overlay = false, const std::string& shot = demoWithoutSets()) {
  std::ofstream(dir / "script.json") << script;
  std::string cmd = "PERFECTSHOT_SIM_SCRIPT=" + (dir / "script.json").string() + " PERFECTSHOT_SIM_CAPTURE_DIR=" +
                    (dir / "capture").string() + " XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation" +
                    " PERFECTSHOT_VALIDATION=1 " + kPerfectshot + " --log-level info play " + shot + " --display xr";
  if (!overlay) cmd += " --no-overlay";
  for (const auto& e : extra) cmd += " " + e;
  return runShell(cmd + " 2>&1");
}

void expectCleanRun(const ProcessResult& r) {
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("validation"), std::string::npos) << r.output;
  // The demo plate has no soundtrack: expected, so not an error.
  EXPECT_EQ(r.output.find("[error]"), std::string::npos) << r.output;
}

// The plate's first frames, decoded once for all tests.
class Plate {
 public:
  static Plate& get() {
    static Plate plate;
    return plate;
  }
  const engine::Device& device() const { return *device_; }
  const std::vector<media::DecodedFrame>& frames() const { return frames_; }

 private:
  Plate() {
    auto device = engine::Device::create();
    if (!device) throw std::runtime_error(device.error().message());
    device_ = std::make_unique<engine::Device>(std::move(*device));
    auto source = media::VideoSource::open(kPlate);
    if (!source) throw std::runtime_error(source.error().message());
    while (frames_.size() < kCandidates) {
      auto next = source->next();
      if (!next || !next->has_value()) break;
      frames_.push_back(std::move(**next));
    }
  }
  std::unique_ptr<engine::Device> device_;
  std::vector<media::DecodedFrame> frames_;
};

struct Match {
  int frame = -1;       // video frame index of the best render
  double psnr = 0;      // dB
};

// Renders the eye's captured pose and fov for each candidate frame; the best match.
Match identify(const fs::path& capture, int simFrame, const std::string& eye) {
  std::ifstream in(capture / ("frame_" + std::to_string(simFrame) + ".json"));
  EXPECT_TRUE(in.good()) << capture << " frame " << simFrame;
  if (!in.good()) return {};
  const auto json = nlohmann::json::parse(in);
  for (const auto& image : json["images"]) {
    if (image["kind"] != eye) continue;
    const Image actual = loadImage((capture / image["file"].get<std::string>()).string());
    engine::StillRequest request;
    const auto& q = image["pose_in_stage"]["orientation"];
    request.view.orientation = glm::quat(q[3].get<float>(), q[0].get<float>(), q[1].get<float>(), q[2].get<float>());
    const auto& f = image["fov_rad"];
    request.view.fov = {f["left"].get<float>(), f["right"].get<float>(), f["up"].get<float>(), f["down"].get<float>()};
    request.eye = eye == "left" ? Eye::Left : Eye::Right;
    request.width = static_cast<std::uint32_t>(actual.width);
    request.height = static_cast<std::uint32_t>(actual.height);
    Match best;
    const Plate& plate = Plate::get();
    for (std::size_t i = 0; i < plate.frames().size(); ++i) {
      auto still = engine::renderStill(plate.device(), plate.frames()[i].view(), request);
      EXPECT_TRUE(still.ok());
      if (!still) return {};
      Image expected{static_cast<int>(still->width), static_cast<int>(still->height), 4, still->pixels};
      const double p = psnr(Image{actual.width, actual.height, 3, actual.pixels}, [&] {
        Image rgb{expected.width, expected.height, 3, {}};
        for (std::size_t px = 0; px < expected.pixels.size(); px += 4)
          rgb.pixels.insert(rgb.pixels.end(), expected.pixels.begin() + static_cast<std::ptrdiff_t>(px),
                            expected.pixels.begin() + static_cast<std::ptrdiff_t>(px) + 3);
        return rgb;
      }());
      if (p > best.psnr) best = {static_cast<int>(i), p};
    }
    return best;
  }
  ADD_FAILURE() << "no " << eye << " eye in frame " << simFrame;
  return {};
}

// Lockstep: what the player shows at sim frame n is the same however loaded the machine is.
const char* const kDisplay = R"("display": { "width": 256, "height": 256, "lockstep": true })";

TEST(XrPlayer, EachEyeMatchesTheRenderOfItsPoseAndFov) {
  const fs::path dir = testDir();
  // Paused by the trigger right away, then a head turn with pitch: the views must follow the head.
  auto r = play(dir, std::string("{") + kDisplay + R"(,
    "capture": { "frames": [25] },
    "head": [ { "frame": 0, "position": [0, 1.6, 0] }, { "frame": 20, "yaw_deg": 60, "pitch_deg": 20, "roll_deg": 5 } ],
    "controllers": { "right": [ { "frame": 2, "select": true }, { "frame": 4, "select": false } ] },
    "events": [ { "frame": 30, "type": "exit_requested" } ] })");
  expectCleanRun(r);
  const Match left = identify(dir / "capture", 25, "left");
  const Match right = identify(dir / "capture", 25, "right");
  EXPECT_GE(left.psnr, 40) << "left eye";
  EXPECT_GE(right.psnr, 40) << "right eye";
  EXPECT_EQ(left.frame, right.frame);
}

TEST(XrPlayer, TriggerPausesAndResumesThumbstickSteps) {
  const fs::path dir = testDir();
  auto r = play(dir, std::string("{") + kDisplay + R"(,
    "capture": { "frames": [10, 20, 30, 70] },
    "controllers": { "right": [
      { "frame": 2, "trigger": 1.0 }, { "frame": 4, "trigger": 0.0 },
      { "frame": 22, "thumbstick": [0, 1] }, { "frame": 25, "thumbstick": [0, 0] },
      { "frame": 32, "trigger": 1.0 }, { "frame": 34, "trigger": 0.0 } ] },
    "events": [ { "frame": 75, "type": "exit_requested" } ] })",
                {"--controllers", "oculus/touch_controller"});
  expectCleanRun(r);
  const Match paused = identify(dir / "capture", 10, "left");
  const Match stillPaused = identify(dir / "capture", 20, "left");
  const Match stepped = identify(dir / "capture", 30, "left");
  EXPECT_GE(paused.psnr, 40);
  EXPECT_EQ(paused.frame, stillPaused.frame) << "the trigger paused playback";
  EXPECT_EQ(stepped.frame, stillPaused.frame + 1) << "thumbstick up steps one frame";
  const Image a = loadImage((dir / "capture" / "frame_30_left.png").string());
  const Image b = loadImage((dir / "capture" / "frame_70_left.png").string());
  EXPECT_LT(psnr(a, b), 40) << "the trigger resumed playback";
}

TEST(XrPlayer, HeadsetOffPausesAndOnResumes) {
  const fs::path dir = testDir();
  auto r = play(dir, std::string("{") + kDisplay + R"(,
    "capture": { "frames": [9, 41, 80] },
    "events": [ { "frame": 10, "type": "headset_off" }, { "frame": 40, "type": "headset_on" },
                { "frame": 85, "type": "exit_requested" } ] })");
  expectCleanRun(r);
  EXPECT_NE(r.output.find("hidden: playback paused"), std::string::npos) << r.output;
  const Match before = identify(dir / "capture", 9, "left");
  const Match after = identify(dir / "capture", 41, "left");
  EXPECT_GE(before.psnr, 40);
  EXPECT_GE(after.psnr, 40);
  // 30 frames at 90 Hz off the head would be 10 video frames had playback run on.
  EXPECT_LE(after.frame - before.frame, 3);
  EXPECT_GE(after.frame, before.frame);
  const Image a = loadImage((dir / "capture" / "frame_41_left.png").string());
  const Image b = loadImage((dir / "capture" / "frame_80_left.png").string());
  EXPECT_LT(psnr(a, b), 40) << "playback resumed when the headset went back on";
}

TEST(XrPlayer, RuntimeLossIsSurvivedAtTheSameShotTime) {
  const fs::path dir = testDir();
  // A new instance reads the script afresh (and would be lost again at frame 20): --frames
  // ends the run early in the second session, whose frame 0 overwrites the first session's.
  auto r = play(dir, std::string("{") + kDisplay + R"(,
    "capture": { "frames": [0, 19] },
    "events": [ { "frame": 20, "type": "runtime_lost" } ] })",
                {"--frames", "25"});
  expectCleanRun(r);
  EXPECT_NE(r.output.find("openxr: reconnected"), std::string::npos) << r.output;
  const Match beforeLoss = identify(dir / "capture", 19, "left");
  const Match afterReconnect = identify(dir / "capture", 0, "left");
  EXPECT_GE(beforeLoss.psnr, 40);
  EXPECT_GE(afterReconnect.psnr, 40);
  // Paused while the runtime was away: the reconnect (back-off, new instance and Vulkan
  // device) alone takes longer than several video frames.
  EXPECT_GE(afterReconnect.frame, beforeLoss.frame);
  EXPECT_LE(afterReconnect.frame - beforeLoss.frame, 2);
}

// The runtime away for 1.5 s (xrCreateInstance refused until then): playback must resume at
// the shot time it was lost at, not 1.5 s (45 video frames) later, and the display slots of
// the outage are not missed frames. Session 1 captures its frame 19 (the last before the loss
// at 20); session 2, reading the script afresh, overwrites frame 3 (two display frames after
// play resumes, less than a video frame) and is ended by --frames before its own loss.
TEST(XrPlayer, RuntimeAwayForOnePointFiveSecondsResumesWithinOneFrame) {
  const fs::path dir = testDir();
  auto r = play(dir, std::string("{") + kDisplay + R"(,
    "capture": { "frames": [3, 19] },
    "events": [ { "frame": 20, "type": "runtime_lost", "outage_s": 1.5 } ] })",
                {"--frames", "26"});
  expectCleanRun(r);
  EXPECT_NE(r.output.find("openxr: reconnect failed"), std::string::npos) << "the outage was not scripted\n" << r.output;
  EXPECT_NE(r.output.find("openxr: reconnected"), std::string::npos) << r.output;
  const Match beforeLoss = identify(dir / "capture", 19, "left");
  const Match afterReconnect = identify(dir / "capture", 3, "left");
  EXPECT_GE(beforeLoss.psnr, 40);
  EXPECT_GE(afterReconnect.psnr, 40);
  EXPECT_GE(afterReconnect.frame, beforeLoss.frame);
  EXPECT_LE(afterReconnect.frame - beforeLoss.frame, 1) << "resumed later in the shot";
  // "play: ... N late, M missed": lockstep frames are exactly one period apart, so only the
  // outage could make any missed.
  const std::size_t at = r.output.find(" missed");
  ASSERT_NE(at, std::string::npos) << r.output;
  const std::size_t from = r.output.rfind(", ", at);
  ASSERT_NE(from, std::string::npos);
  EXPECT_EQ(r.output.substr(from + 2, at - from - 2), "0") << r.output;
}

TEST(XrPlayer, SigintEndsTheSessionCleanly) {
  const fs::path dir = testDir();
  std::ofstream(dir / "script.json") << "{}";
  // The process must be running its session when the signal comes: wait for the first frames.
  // (A shell starts background jobs with SIGINT ignored; the player takes it back.)
  const std::string cmd = "PERFECTSHOT_SIM_LOG_LEVEL=info PERFECTSHOT_SIM_SCRIPT=" + (dir / "script.json").string() +
                          " XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation PERFECTSHOT_VALIDATION=1 " +
                          kPerfectshot + " play " + demoWithoutSets() + " --display xr > " +
                          (dir / "log.txt").string() + " 2>&1 & pid=$!; " +
                          "for i in $(seq 100); do grep -q 'shown: playback' " + (dir / "log.txt").string() +
                          " && break; sleep 0.1; done; kill -INT $pid; wait $pid; echo exit=$?; cat " +
                          (dir / "log.txt").string();
  auto r = runShell(cmd);
  EXPECT_NE(r.output.find("exit=0"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("SIGINT received"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("last_state=XR_SESSION_STATE_EXITING"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
}

// The test's own YUV -> RGB of an 8-bit 4:2:0 BT.709 limited-range frame (the plate's), chroma
// centre-sited and interpolated bilinearly, wrapping in x as a 360 picture does: the oracle for
// the equirect layer's image, independent of the engine's shader.
Image rgbOf(const FrameView& f) {
  EXPECT_EQ(f.format, PixelFormat::Yuv420P);
  EXPECT_EQ(f.matrix, ColorMatrix::Bt709);
  EXPECT_EQ(f.range, ColorRange::Limited);
  const int w = static_cast<int>(f.width), h = static_cast<int>(f.height), cw = w / 2, ch = h / 2;
  auto sample = [&](int plane, int x, int y) {
    return static_cast<double>(std::to_integer<int>(f.planes[plane].data[static_cast<std::size_t>(y) * f.planes[plane].stride +
                                                                            static_cast<std::size_t>(x)]));
  };
  auto chroma = [&](int plane, int x, int y) {
    const double cx = (x + 0.5) / 2 - 0.5, cy = std::clamp((y + 0.5) / 2 - 0.5, 0.0, ch - 1.0);
    const int x0 = static_cast<int>(std::floor(cx)), y0 = static_cast<int>(cy), y1 = std::min(y0 + 1, ch - 1);
    const double fx = cx - x0, fy = cy - y0;
    const int xa = (x0 + cw) % cw, xb = (x0 + 1) % cw;
    return (1 - fy) * ((1 - fx) * sample(plane, xa, y0) + fx * sample(plane, xb, y0)) +
           fy * ((1 - fx) * sample(plane, xa, y1) + fx * sample(plane, xb, y1));
  };
  Image out{w, h, 3, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h * 3)};
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const double luma = (sample(0, x, y) - 16) / 219, cb = (chroma(1, x, y) - 128) / 224,
                   cr = (chroma(2, x, y) - 128) / 224;
      const double rgb[3] = {luma + 1.5748 * cr, luma - 0.1873 * cb - 0.4681 * cr, luma + 1.8556 * cb};
      for (int c = 0; c < 3; ++c)
        out.pixels[(static_cast<std::size_t>(y) * w + x) * 3 + c] =
            static_cast<std::uint8_t>(std::lround(255 * std::clamp(rgb[c], 0.0, 1.0)));
    }
  return out;
}

TEST(XrPlayer, EquirectLayerCarriesTheVideoFrame) {
  const fs::path dir = testDir();
  // Paused by the trigger right away; a head turn must not move the layer (it is in stage space).
  auto r = play(dir, std::string("{") + kDisplay + R"(,
    "capture": { "frames": [25] },
    "head": [ { "frame": 0, "position": [0, 1.6, 0] }, { "frame": 20, "yaw_deg": 60, "pitch_deg": 20 } ],
    "controllers": { "right": [ { "frame": 2, "select": true }, { "frame": 4, "select": false } ] },
    "events": [ { "frame": 30, "type": "exit_requested" } ] })",
                {"--equirect-layer", "--no-timeline"});  // the one layer: no timeline quad
  expectCleanRun(r);
  std::ifstream in(dir / "capture" / "frame_25.json");
  ASSERT_TRUE(in.good()) << r.output;
  const auto json = nlohmann::json::parse(in);
  ASSERT_EQ(json["images"].size(), 1u) << json.dump() << "\n" << r.output;
  const auto& layer = json["images"][0];
  EXPECT_EQ(layer["kind"], "equirect") << "the projection layer must give way to the equirect layer";
  EXPECT_NEAR(layer["equirect"]["central_horizontal_angle_rad"].get<double>(), 2 * std::numbers::pi, 1e-5);
  EXPECT_NEAR(layer["equirect"]["upper_vertical_angle_rad"].get<double>(), std::numbers::pi / 2, 1e-5);
  EXPECT_NEAR(layer["equirect"]["lower_vertical_angle_rad"].get<double>(), -std::numbers::pi / 2, 1e-5);
  EXPECT_NEAR(layer["pose_in_layer_space"]["orientation"][3].get<double>(), 1.0, 1e-6) << "centre straight ahead";

  const Image actual = loadImage((dir / "capture" / layer["file"].get<std::string>()).string());
  const Plate& plate = Plate::get();
  ASSERT_FALSE(plate.frames().empty());
  ASSERT_EQ(actual.width, static_cast<int>(plate.frames()[0].view().width)) << "sampled texel for texel";
  ASSERT_EQ(actual.height, static_cast<int>(plate.frames()[0].view().height));
  double best = 0;
  int bestFrame = -1;
  // Paused at frame 2 of the display: one of the first video frames.
  for (std::size_t i = 0; i < 6 && i < plate.frames().size(); ++i) {
    const double p = psnr(actual, rgbOf(plate.frames()[i].view()));
    if (p > best) {
      best = p;
      bestFrame = static_cast<int>(i);
    }
  }
  EXPECT_GE(best, 38) << "frame " << bestFrame;
  if (best < 38) saveComparison((dir / "equirect").string(), actual, rgbOf(plate.frames()[static_cast<std::size_t>(std::max(bestFrame, 0))].view()));
}

TEST(XrPlayer, EquirectLayerFlagKeepsProjectionForStereo) {
  const fs::path dir = testDir();
  auto r = play(dir, std::string("{") + kDisplay + R"(,
    "capture": { "frames": [5] }, "events": [ { "frame": 8, "type": "exit_requested" } ] })",
                {"--equirect-layer", "--media", "plate-stereo", "--no-audio"});
  expectCleanRun(r);
  EXPECT_NE(r.output.find("--equirect-layer needs a mono 360 video"), std::string::npos) << r.output;
  EXPECT_TRUE(fs::exists(dir / "capture" / "frame_5_left.png"));
  EXPECT_FALSE(fs::exists(dir / "capture" / "frame_5_equirect0.png"));
}

// The demo's "front" marker (production, yaw 0, 3 m, t 0..4 s) in the headset: each eye draws
// its pin where that eye sees the point 3 m ahead of where the head started (the sim's default
// IPD 63 mm, fov 45 degrees each side on 256 pixels); the controller's ray and trigger on it
// open it, and that press is not play/pause. The controller points up until just before the
// press, so that its ray and cursor are neither over the pin nor in the bottom rows when the
// eyes are captured.
TEST(XrPlayer, MarkersShowInEachEyeAndTheTriggerOnOneOpensIt) {
  const fs::path dir = testDir();
  auto r = play(dir, std::string("{") + kDisplay + R"(,
    "capture": { "frames": [60, 78] },
    "controllers": { "right": [
      { "frame": 0, "aim": { "position": [0.0, 1.6, 0.0], "pitch_deg": 40 } },
      { "frame": 64, "aim": { "position": [0.0, 1.6, 0.0], "pitch_deg": 40 } },
      { "frame": 65, "aim": { "position": [0.0, 1.6, 0.0], "yaw_deg": 0, "pitch_deg": 0 } },
      { "frame": 70, "select": true }, { "frame": 72, "select": false } ] },
    "events": [ { "frame": 80, "type": "exit_requested" } ] })",
                {"--no-audio"}, /*overlay=*/true);
  expectCleanRun(r);
  EXPECT_NE(r.output.find("markers: opened \"front\""), std::string::npos) << r.output;
  // Still playing after the press: the bottom rows (the plate's frame counter) moved on.
  const auto bottom = [&](int frame) {
    Image im = loadImage((dir / "capture" / ("frame_" + std::to_string(frame) + "_left.png")).string());
    im.pixels.erase(im.pixels.begin(), im.pixels.begin() + static_cast<std::ptrdiff_t>(200 * im.width * im.channels));
    im.height -= 200;
    return im;
  };
  EXPECT_LT(psnr(bottom(60), bottom(78)), 45) << "the press on the marker also paused playback";
  const double offsetPx = 128.0 * (0.063 / 2) / 3.0;  // half the IPD at 3 m, in tangent units times 128
  for (const auto& [eye, x] : {std::pair{"left", 128.0 + offsetPx}, std::pair{"right", 128.0 - offsetPx}}) {
    const Image im = loadImage((dir / "capture" / ("frame_60_" + std::string(eye) + ".png")).string());
    const int px = static_cast<int>(std::floor(x)), py = 128;
    // ui::categoryRgb(Production): the pin's centre is solid.
    EXPECT_NEAR(im.at(px, py, 0), 255, 3) << eye;
    EXPECT_NEAR(im.at(px, py, 1), 70, 3) << eye;
    EXPECT_NEAR(im.at(px, py, 2), 200, 3) << eye;
  }
}

// A gaze that rests on a marker for 1.5 s opens it (no controller needed).
TEST(XrPlayer, GazeRestingOnAMarkerOpensIt) {
  const fs::path dir = testDir();
  auto r = play(dir, std::string("{") + kDisplay + R"(,
    "events": [ { "frame": 160, "type": "exit_requested" } ] })",
                {"--no-audio"}, /*overlay=*/true);
  expectCleanRun(r);
  EXPECT_NE(r.output.find("markers: opened \"front\""), std::string::npos) << r.output;
}

}  // namespace
}  // namespace ps::test

namespace ps::test {
namespace {

// The demo's set (tools/make_set/include/make_set/known_sets.h): the lit 1 m box spans
// x -0.5..0.5, y 0..1, z -2.5..-1.5; its front face is at z = -1.5.
TEST(XrPlayer, TheDepthTheRuntimeReceivesIsTheSetsDistanceAndTheHeadWalksAroundIt) {
  const fs::path dir = testDir();
  // Standing at the capture point, then a step to the right and forward, turned to face the box.
  auto r = play(dir, std::string("{") + kDisplay + R"(,
    "capture": { "frames": [6, 40] },
    "head": [ { "frame": 0, "position": [0, 1.6, 0] },
              { "frame": 10, "position": [0, 1.6, 0] },
              { "frame": 30, "position": [1.6, 1.6, -2.0], "yaw_deg": 90 } ],
    "events": [ { "frame": 45, "type": "exit_requested" } ] })",
                {"--no-timeline"}, false, PS_SOURCE_DIR "/scenes/demo");
  expectCleanRun(r);
  for (const int frame : {6, 40}) {
    std::ifstream in(dir / "capture" / ("frame_" + std::to_string(frame) + ".json"));
    ASSERT_TRUE(in.good()) << r.output;
    const auto json = nlohmann::json::parse(in);
    int eyes = 0;
    for (const auto& image : json["images"]) {
      if (image["kind"] != "left" && image["kind"] != "right") continue;
      ++eyes;
      ASSERT_TRUE(image.contains("depth")) << "frame " << frame << ": no depth with " << image["kind"];
      const auto& depth = image["depth"];
      const Pfm pfm = readPfm(dir / "capture" / depth["file"].get<std::string>());
      const auto& pose = image["pose_in_stage"];
      const glm::vec3 eye(pose["position"][0].get<float>(), pose["position"][1].get<float>(),
                          pose["position"][2].get<float>());
      const auto& q = pose["orientation"];
      const glm::quat orientation(q[3].get<float>(), q[0].get<float>(), q[1].get<float>(), q[2].get<float>());
      const auto& f = image["fov_rad"];
      const float l = std::tan(f["left"].get<float>()), rt = std::tan(f["right"].get<float>());
      const float u = std::tan(f["up"].get<float>()), d = std::tan(f["down"].get<float>());
      // A point on the face of the box the eye looks at: the front face from the capture point,
      // the right face (x = 0.5) after the walk.
      const glm::vec3 point = frame == 6 ? glm::vec3(0.0f, 0.9f, -1.5f) : glm::vec3(0.5f, 0.9f, -2.0f);
      const glm::vec3 inEye = glm::inverse(orientation) * (point - eye);
      ASSERT_LT(inEye.z, 0.0f) << "frame " << frame << ": the box is behind the eye";
      const float along = -inEye.z;
      const float px = (inEye.x / along - l) / (rt - l) * static_cast<float>(pfm.width);
      const float py = (u - inEye.y / along) / (u - d) * static_cast<float>(pfm.height);
      ASSERT_TRUE(px >= 0 && px < static_cast<float>(pfm.width) && py >= 0 && py < static_cast<float>(pfm.height))
          << "frame " << frame;
      const float value = pfm.atTopDown(static_cast<int>(px), static_cast<int>(py));
      // Reverse-Z with an infinite far plane: value = near / distance along the view axis, with
      // the near and far planes as the app declared them (nearZ infinite, farZ the near plane).
      const float nearM = depth["far_z_m"].get<float>();
      EXPECT_TRUE(depth["near_z_m"].is_null()) << depth.dump();
      ASSERT_GT(value, 0.0f) << "frame " << frame << " " << image["kind"] << ": nothing drawn at the box";
      EXPECT_NEAR(nearM / value, along, 0.02f) << "frame " << frame << " " << image["kind"];
    }
    EXPECT_EQ(eyes, 2) << "frame " << frame;
  }
}

}  // namespace
}  // namespace ps::test
