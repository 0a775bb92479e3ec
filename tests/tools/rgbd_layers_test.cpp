// `perfectshot render` on a generated RGB-D capture with a background layer (ps_make_rgbd
// --background: the room behind has no near box and a magenta front wall): a step sideways
// uncovers, beside the near box, the background's colour where the far fill would show the
// box's own colour again.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "image.h"
#include "make_rgbd/rgbd_capture.h"
#include "make_rgbd/rgbd_room.h"
#include "process.h"
#include "temp_dir.h"

namespace ps::test {
namespace {

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
constexpr int kSize = 256;  // 90 degrees: a focal length of 128 px

bool isBehind(const Image& image, int x, int y) {
  const make_rgbd::Rgb m = make_rgbd::kBehindRgb;
  for (int c = 0; c < 3; ++c)
    if (std::abs(image.at(x, y, c) - m[static_cast<std::size_t>(c)]) > 40) return false;
  return true;
}

// Pixels of the background's colour right of the near box (its right edge is 0.4 m right of
// the capture point, 1.5 m ahead: column 128 + 128 * 0.4 / 1.5 from there), below the horizon.
int behindBesideTheBox(const Image& image) {
  int n = 0;
  for (int y = 140; y < 190; ++y)
    for (int x = 140; x < 170; ++x) n += isBehind(image, x, y) ? 1 : 0;
  return n;
}

Image renderAt(const std::filesystem::path& capture, const std::string& pos, const std::filesystem::path& png) {
  const std::string size = std::to_string(kSize) + "x" + std::to_string(kSize);
  const ProcessResult r = run({kPerfectshot, "--log-level", "warn", "render", capture.string(), "--hfov", "90",
                               "--vfov", "90", "--size", size, "--pos", pos, "-o", png.string()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  return loadImage(png.string());
}

make_rgbd::CaptureSpec layered(bool background) {
  make_rgbd::CaptureSpec spec;
  spec.frames = 3;
  spec.codec = make_rgbd::DepthCodec::Hevc10;
  spec.background = background;
  return spec;
}

TEST(RgbdLayersRender, AStepSidewaysUncoversTheBackgroundLayerNotTheFarFill) {
  TempDir dir("rgbd-layers");
  ASSERT_TRUE(make_rgbd::writeCapture(layered(true), dir.path() / "layered"));
  ASSERT_TRUE(make_rgbd::writeCapture(layered(false), dir.path() / "alone"));
  const std::string capture = "0," + std::to_string(make_rgbd::kFloorMetres) + ",0";
  const std::string stepped = "0.1," + std::to_string(make_rgbd::kFloorMetres) + ",0";
  const Image centre = renderAt(dir.path() / "layered", capture, dir.path() / "centre.png");
  const Image layeredStep = renderAt(dir.path() / "layered", stepped, dir.path() / "layered.png");
  const Image aloneStep = renderAt(dir.path() / "alone", stepped, dir.path() / "alone.png");
  // Between the box's edge seen from the step (column 128 + 128 * 0.3 / 1.5) and the wall the
  // capture point saw beside it, the capture has no colour: the background layer's shows.
  EXPECT_GE(behindBesideTheBox(layeredStep), 30);  // a column or more on each row (the far box stands behind)
  EXPECT_EQ(behindBesideTheBox(aloneStep), 0) << "without a background the far fill shows the capture's colours";
  // From the capture point the near box covers that place.
  EXPECT_LT(behindBesideTheBox(centre), behindBesideTheBox(layeredStep) / 4);
  for (int x = 150; x < 158; ++x) EXPECT_FALSE(isBehind(centre, x, 160)) << x;
}

bool isOutline(const Image& image, int x, int y) {
  return image.at(x, y, 0) < 120 && image.at(x, y, 1) > 180 && image.at(x, y, 2) > 200;
}

int outlinePixels(const Image& image) {
  int n = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) n += isOutline(image, x, y) ? 1 : 0;
  return n;
}

Image renderDown(const std::filesystem::path& shot, const std::string& pos, const std::filesystem::path& png) {
  const ProcessResult r = run({kPerfectshot, "--log-level", "warn", "render", shot.string(), "--hfov", "90", "--vfov", "90",
                               "--size", "256x256", "--pitch", "-50", "--pos", pos, "-o", png.string()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  return loadImage(png.string());
}

// The head box (0.5 m from the capture point to each face by default) on the floor: its square
// shows once the head is out of it, not at the capture point, and never for a plain equirect
// plate.
TEST(RgbdLayersRender, TheHeadBoxShowsOnTheFloorWhenTheHeadLeavesIt) {
  TempDir dir("rgbd-head-box");
  make_rgbd::CaptureSpec spec = layered(false);
  spec.packing = DepthPacking::Separate;
  ASSERT_TRUE(make_rgbd::writeCapture(spec, dir.path() / "rgbd"));
  const std::string height = std::to_string(make_rgbd::kFloorMetres);
  const Image outside = renderDown(dir.path() / "rgbd", "0.9," + height + ",0", dir.path() / "outside.png");
  const Image centre = renderDown(dir.path() / "rgbd", "0," + height + ",0", dir.path() / "centre.png");
  EXPECT_GE(outlinePixels(outside), 100);
  EXPECT_EQ(outlinePixels(centre), 0);
  // The same colour video as a plain equirect plate: no depth, no head box.
  std::filesystem::create_directories(dir.path() / "plain");
  std::filesystem::copy_file(dir.path() / "rgbd" / make_rgbd::captureFiles(spec).colour,
                             dir.path() / "plain" / "colour.mp4");
  std::ofstream(dir.path() / "plain" / "shot.json")
      << R"({"format":"perfectshot/1","media":[{"id":"plate","kind":"equirect","src":"colour.mp4",
            "projection":"360","stereo":"mono"}]})";
  const Image plain = renderDown(dir.path() / "plain", "0.9," + height + ",0", dir.path() / "plain.png");
  EXPECT_EQ(outlinePixels(plain), 0);
}

}  // namespace
}  // namespace ps::test
