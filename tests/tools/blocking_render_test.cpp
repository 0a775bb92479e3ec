// perfectshot render --blocking: the crew's blocking drawn into the view at --time, in stage
// space and tested against depth. An actor's column stands where its path puts it at that time
// (hand-worked pixels: the eye 1.6 m up at the origin looking down -Z, 60 x 60 degrees over
// 160 x 160 pixels), and moves with the time; a shot without blocking refuses the flag.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "image.h"
#include "process.h"
#include "temp_dir.h"

namespace {

namespace fs = std::filesystem;
using ps::test::run;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
constexpr int kSize = 160;

void makePackage(const fs::path& pkg, const std::string& blocking) {
  fs::create_directories(pkg);
  const auto r = ps::test::runShell("ffmpeg -v error -y -f lavfi -i color=c=0x202020:s=64x32:r=30:d=3 -c:v libx264 "
                                    "-pix_fmt yuv420p " + (pkg / "plate.mp4").string() + " 2>&1");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  std::ofstream(pkg / "shot.json")
      << R"({"format": "perfectshot/1", "title": "blocking",
  "media": [{"id": "plate", "kind": "equirect", "src": "plate.mp4", "projection": "360", "stereo": "mono"}],
  "timeline": {"fps": "30", "in": 0, "out": 3})" << blocking << "}";
}

ps::test::Image render(const fs::path& pkg, double t, const fs::path& png) {
  const auto r = run({kPerfectshot, "render", pkg.string(), "--time", std::to_string(t), "--blocking", "-o", png.string(),
                      "--size", std::to_string(kSize) + "x" + std::to_string(kSize), "--hfov", "60", "--vfov", "60"});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("[error]"), std::string::npos) << r.output;
  return ps::test::loadImage(png.string());
}

// Where a stage point lands in the picture (the eye at (0, 1.6, 0) looking down -Z).
std::pair<int, int> pixelOf(double x, double y, double z) {
  const double half = std::tan(30.0 * M_PI / 180.0);
  const double depth = -z;
  return {static_cast<int>(std::lround(kSize / 2.0 + (x / depth) / half * kSize / 2.0)),
          static_cast<int>(std::lround(kSize / 2.0 - ((y - 1.6) / depth) / half * kSize / 2.0))};
}

bool red(const ps::test::Image& im, std::pair<int, int> p) {
  return im.at(p.first, p.second, 0) > 180 && im.at(p.first, p.second, 1) < 60 && im.at(p.first, p.second, 2) < 60;
}

TEST(RenderBlocking, AnActorStandsWhereTheirPathPutsThemAtTheTime) {
  ps::test::TempDir dir("render_blocking");
  const fs::path pkg = dir.path() / "shot";
  // Rick crosses from x = -1 to x = 1, 3 m ahead, between 0.5 s and 2.5 s: at 1.5 s he is half
  // way, at x = 0.
  makePackage(pkg, R"(, "blocking": {"actors": [{"id": "rick", "actor": "Rick", "colour": [1, 0, 0],
    "figure_height_m": 1.8, "keys": [{"t": 0.5, "x": -1, "z": -3}, {"t": 2.5, "x": 1, "z": -3}]}]})");
  // Mid-column, 0.9 m up: below the head and the name.
  const auto atStart = pixelOf(-1, 0.9, -3), atMiddle = pixelOf(0, 0.9, -3), atEnd = pixelOf(1, 0.9, -3);
  const auto before = render(pkg, 0.2, dir.path() / "before.png");
  EXPECT_TRUE(red(before, atStart)) << "waiting on his first key";
  EXPECT_FALSE(red(before, atMiddle));
  const auto middle = render(pkg, 1.5, dir.path() / "middle.png");
  EXPECT_TRUE(red(middle, atMiddle)) << "half way at 1.5 s";
  EXPECT_FALSE(red(middle, atStart));
  EXPECT_FALSE(red(middle, atEnd));
  // The column is 0.12 m wide: 3.5 px either side of its axis at 3 m, no more.
  EXPECT_FALSE(red(middle, {atMiddle.first + 8, atMiddle.second}));
  EXPECT_FALSE(red(middle, {atMiddle.first - 8, atMiddle.second}));
  const auto after = render(pkg, 2.9, dir.path() / "after.png");
  EXPECT_TRUE(red(after, atEnd)) << "held on the last key";
}

TEST(RenderBlocking, TheFilmCamerasPathIsDrawnThroughItsKeys) {
  ps::test::TempDir dir("render_blocking");
  const fs::path pkg = dir.path() / "shot";
  // A dolly move along x, 3 m ahead at eye height (the camera's position is from the shot's
  // origin, the capture point), from -1 to 1 over the shot.
  makePackage(pkg, R"(, "camera": {"hfov_deg": 40, "aspect": 2.39, "position": {"x": -1, "y": 0, "z": -3},
    "track": [{"t": 0, "position": {"x": -1, "y": 0, "z": -3}}, {"t": 3, "position": {"x": 1, "y": 0, "z": -3}}]})");
  const fs::path png = dir.path() / "camera.png";
  const auto r = run({kPerfectshot, "render", pkg.string(), "--time", "0", "--film-frame", "-o", png.string(), "--size",
                      std::to_string(kSize) + "x" + std::to_string(kSize), "--hfov", "60", "--vfov", "60"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto im = ps::test::loadImage(png.string());
  // Where the path is ahead of the camera at 0 s (x = 0.6): nothing else is drawn there.
  const auto on = pixelOf(0.6, 1.6, -3), above = pixelOf(0.6, 1.9, -3);
  const auto amber = [&](std::pair<int, int> p) {
    return im.at(p.first, p.second, 0) > 120 && im.at(p.first, p.second, 1) > 80 && im.at(p.first, p.second, 2) < 90;
  };
  EXPECT_TRUE(amber(on)) << "the path, at (" << on.first << ", " << on.second << ")";
  EXPECT_FALSE(amber(above));
}

TEST(RenderBlocking, AShotWithoutBlockingRefusesTheFlag) {
  ps::test::TempDir dir("render_blocking");
  const fs::path pkg = dir.path() / "shot";
  makePackage(pkg, "");
  const auto r = run({kPerfectshot, "render", pkg.string(), "--blocking", "-o", (dir.path() / "x.png").string()});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("the shot has no blocking for --blocking"), std::string::npos) << r.output;
}

}  // namespace
