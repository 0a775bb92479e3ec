// The player's commands on the demo's RGB-D capture (scenes/demo/rgbd, make-demo.sh): `render`
// draws it as geometry, so a step sideways moves the near box against the view as its distance
// says, and `play` shows its frames through the same layer.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "image.h"
#include "make_rgbd/rgbd_capture.h"
#include "make_rgbd/rgbd_room.h"
#include "process.h"
#include "temp_dir.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;
const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const fs::path kRgbd = fs::path(PS_SOURCE_DIR) / "scenes" / "demo" / "rgbd";
constexpr int kSize = 256;  // 90 degrees: a focal length of 128 px

bool isNearBoxRed(const Image& image, int x, int y) {
  return image.at(x, y, 0) > 150 && image.at(x, y, 1) < 90 && image.at(x, y, 2) < 90;
}

// The left edge of the near box on a row below the horizon, as a pixel boundary: the first red
// column from the left.
int leftEdgeOfTheNearBox(const Image& image, int row) {
  for (int x = 0; x < image.width; ++x)
    if (isNearBoxRed(image, x, row)) return x;
  return -1;
}

Image renderAt(const TempDir& dir, const std::string& pos, const std::string& name,
               const std::vector<std::string>& more = {}, const fs::path& shot = kRgbd) {
  const std::string png = (dir.path() / (name + ".png")).string();
  const std::string size = std::to_string(kSize) + "x" + std::to_string(kSize);
  std::vector<std::string> args{kPerfectshot, "--log-level", "warn", "render", shot.string(), "--hfov", "90", "--vfov",
                                "90", "--size", size, "--pos", pos, "-o", png};
  args.insert(args.end(), more.begin(), more.end());
  const ProcessResult r = run(args);
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("[warning]"), std::string::npos) << r.output;
  return loadImage(png);
}

TEST(RgbdRender, AStepSidewaysMovesTheNearBoxAsItsDistanceSays) {
  TempDir dir("rgbd-render");
  const double capture = make_rgbd::kFloorMetres;  // the capture point stands at the origin, this high
  const Image centre = renderAt(dir, "0," + std::to_string(capture) + ",0", "centre");
  const Image stepped = renderAt(dir, "0.1," + std::to_string(capture) + ",0", "stepped");
  // The box's left edge: x = -0.4 m on its front face, kNearBoxMetres ahead.
  const double f = kSize / 2.0;
  const double edgeCentre = kSize / 2.0 + f * (-0.4 / make_rgbd::kNearBoxMetres);
  const double edgeStepped = kSize / 2.0 + f * ((-0.4 - 0.1) / make_rgbd::kNearBoxMetres);
  const int row = kSize * 5 / 8;  // below the horizon, on the box
  const int a = leftEdgeOfTheNearBox(centre, row);
  const int b = leftEdgeOfTheNearBox(stepped, row);
  ASSERT_GE(a, 0);
  ASSERT_GE(b, 0);
  // From the capture point the holes the dropped triangles leave show the same colour in the
  // same directions (the far fill): the edge is exact.
  EXPECT_NEAR(a, edgeCentre, 1.5);
  // Stepped aside, the triangles across the box's edge are dropped: the box loses what lies
  // between its last depth texel and its true edge there (its edge is drawn a cell per texel,
  // 0.8 px here; before, a grid cell of about 4 px), and its 4:2:0 colour's last red texel
  // (chroma shared with the wall's) is not red enough for the test: about 2 px, never gains.
  EXPECT_GE(b, edgeStepped - 1.5);
  EXPECT_LE(b, edgeStepped + 2.5);
  // A picture on a sphere would not move at all.
  EXPECT_GE(a - b, 4);
}

// A stereo capture (360, omnidirectional stereo: each eye's rays from its own side of a 64 mm
// circle) seen by eyes 64 mm apart at the capture point: each eye sees its own half as it was
// captured, so the near box's edge stands where each eye's own geometry puts it (a picture drawn
// from the capture point for both would put the left eye's 2.7 px off: its offset twice).
TEST(RgbdRender, EachEyeOfAStereoCaptureSeesTheBoxWhereItsOwnPositionPutsIt) {
  TempDir dir("rgbd-stereo");
  make_rgbd::CaptureSpec spec;
  spec.width = 1024;
  spec.frames = 1;
  spec.stereo = true;
  spec.packing = DepthPacking::Separate;
  ASSERT_TRUE(make_rgbd::writeCapture(spec, dir.path() / "shot"));
  const double capture = make_rgbd::kFloorMetres;
  const std::string pos = "0," + std::to_string(capture) + ",0";
  const double f = kSize / 2.0;
  const int row = kSize * 5 / 8;
  for (const char* eye : {"left", "right"}) {
    const Image image = renderAt(dir, pos, eye, {"--eye", eye, "--ipd", "0.064"}, dir.path() / "shot");
    const double x = std::string(eye) == "left" ? -0.032 : 0.032;
    const double predicted = kSize / 2.0 + f * ((-0.4 - x) / make_rgbd::kNearBoxMetres);
    const int edge = leftEdgeOfTheNearBox(image, row);
    ASSERT_GE(edge, 0) << eye;
    EXPECT_NEAR(edge, predicted, 1.0) << eye;
  }
}

TEST(RgbdPlay, PlaysTheCaptureThroughItsDepthOffscreen) {
  TempDir dir("rgbd-play");
  const ProcessResult r = run({kPerfectshot, "--log-level", "info", "play", kRgbd.string(), "--display", "offscreen",
                               "--out", dir.path().string(), "--width", "96", "--height", "96", "--frames", "12",
                               "--no-audio"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("[error]"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("[warning]"), std::string::npos) << r.output;
  // Every depth picture was measured on the decode-ahead worker, none on the loop thread.
  EXPECT_NE(r.output.find("play: 0 RGB-D depth pictures measured on the loop thread"), std::string::npos) << r.output;
  int stills = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) stills += e.path().extension() == ".png";
  EXPECT_GT(stills, 0);
}

}  // namespace
}  // namespace ps::test
