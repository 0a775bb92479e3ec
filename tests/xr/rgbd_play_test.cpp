// `perfectshot play --display xr` on a generated RGB-D capture with a background layer
// (ps_make_rgbd --background: the room behind has no near box and a magenta front wall),
// against the simulated headset: a head stepped sideways sees, in each eye, the background's
// colour in the gap it opens beside the near box.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "image.h"
#include "make_rgbd/rgbd_capture.h"
#include "make_rgbd/rgbd_room.h"
#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";

fs::path testDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path d = fs::path(PS_BINARY_DIR) / "test-out" / "xr_rgbd" / info->name();
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

bool isBehind(const Image& image, int x, int y) {
  const make_rgbd::Rgb m = make_rgbd::kBehindRgb;
  for (int c = 0; c < 3; ++c)
    if (std::abs(image.at(x, y, c) - m[static_cast<std::size_t>(c)]) > 40) return false;
  return true;
}

// 256 px over 90 degrees: the near box's right edge (0.4 m right of the capture point, 1.5 m
// ahead) is at column 128 + 128 * (0.4 - x) / 1.5 for an eye x metres to the right; the gap
// beside it, below the horizon.
int behindBesideTheBox(const Image& image) {
  int n = 0;
  for (int y = 140; y < 190; ++y)
    for (int x = 135; x < 170; ++x) n += isBehind(image, x, y) ? 1 : 0;
  return n;
}

TEST(XrRgbdPlay, EachEyeSeesTheBackgroundLayerInTheGapAStepOpens) {
  const fs::path dir = testDir();
  make_rgbd::CaptureSpec spec;
  spec.frames = 10;
  spec.codec = make_rgbd::DepthCodec::Hevc10;
  spec.background = true;
  ASSERT_TRUE(make_rgbd::writeCapture(spec, dir / "capture_shot"));
  // Lockstep: what the player shows at sim frame n is the same however loaded the machine is.
  std::ofstream(dir / "script.json") << R"({ "display": { "width": 256, "height": 256, "lockstep": true },
    "capture": { "frames": [6] },
    "head": [ { "frame": 0, "position": [0.15, 1.6, 0] } ],
    "events": [ { "frame": 8, "type": "exit_requested" } ] })";
  const std::string cmd = "PERFECTSHOT_SIM_SCRIPT=" + (dir / "script.json").string() +
                          " PERFECTSHOT_SIM_CAPTURE_DIR=" + (dir / "capture").string() +
                          " PERFECTSHOT_VALIDATION=1 " + kPerfectshot + " --log-level warn play " +
                          (dir / "capture_shot").string() + " --display xr --no-overlay --no-audio 2>&1";
  const ProcessResult r = runShell(cmd);
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("[error]"), std::string::npos) << r.output;
  for (const char* eye : {"left", "right"}) {
    const Image image = loadImage((dir / "capture" / (std::string("frame_6_") + eye + ".png")).string());
    EXPECT_GE(behindBesideTheBox(image), 30) << eye;
  }
}

}  // namespace
}  // namespace ps::test
