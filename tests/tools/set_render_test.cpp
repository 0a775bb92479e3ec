// `perfectshot render` of a generated set with known geometry (tools/make_set's demo set): the
// green box lands where a pinhole camera puts it, in both eyes; the disparity is the IPD's and a
// step of the eye moves it by the predicted amount.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "image.h"
#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const std::string kSet = PS_SOURCE_DIR "/scenes/demo/set.glb";

// tools/make_set/include/make_set/known_sets.h: "box_plain", a 0.5 m cube centred at
// (1.25, 0.25, -1.5), plain green.
constexpr std::array<float, 3> kBoxCentre{1.25f, 0.25f, -1.5f};
constexpr float kBoxHalf = 0.25f;
constexpr int kSize = 640;  // square, 120 x 90 degrees
const float kFocalX = (kSize / 2.0f) / std::tan(60.0f * 3.14159265f / 180.0f);

// The leftmost and rightmost pixel columns of the box, as a pinhole at `eye` looking down -Z sees
// its corners (a convex box's silhouette spans its projected corners).
std::array<float, 2> predictedColumns(float eyeX, float eyeZ) {
  float lo = std::numeric_limits<float>::max(), hi = -lo;
  for (int i = 0; i < 8; ++i) {
    const float x = kBoxCentre[0] + ((i & 1) ? kBoxHalf : -kBoxHalf);
    const float z = kBoxCentre[2] + ((i & 4) ? kBoxHalf : -kBoxHalf);
    const float px = kSize / 2.0f + kFocalX * (x - eyeX) / (eyeZ - z);
    lo = std::min(lo, px);
    hi = std::max(hi, px);
  }
  return {lo, hi};
}

// The green box's columns in a rendered picture: the first and last column holding a pixel far
// greener than it is red or blue (the floor is grey, the other boxes red and blue).
std::array<float, 2> greenColumns(const Image& image) {
  int lo = image.width, hi = -1;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const int r = image.at(x, y, 0), g = image.at(x, y, 1), b = image.at(x, y, 2);
      if (g > 90 && g > r + 50 && g > b + 50) {
        lo = std::min(lo, x);
        hi = std::max(hi, x);
      }
    }
  // Pixel x covers [x, x + 1): the silhouette's edges are the outer sides of those pixels.
  return {static_cast<float>(lo), static_cast<float>(hi + 1)};
}

Image renderSet(const std::string& name, const std::vector<std::string>& extra) {
  const fs::path out = fs::path(PS_BINARY_DIR) / "test-out" / "set_render";
  fs::create_directories(out);
  const std::string png = (out / (name + ".png")).string();
  std::vector<std::string> argv{kPerfectshot, "--log-level", "warn", "render", kSet, "--size",
                                std::to_string(kSize) + "x" + std::to_string(kSize), "--hfov", "120", "--vfov", "90",
                                "-o", png};
  argv.insert(argv.end(), extra.begin(), extra.end());
  const ProcessResult r = run(argv);
  EXPECT_EQ(r.exitCode, 0) << r.output;
  return loadImage(png);
}

TEST(SetRender, TheBoxLandsWhereAPinholePutsItInBothEyesWithTheIpdsDisparity) {
  constexpr float kIpd = 0.064f;
  const Image left = renderSet("left", {"--eye", "left", "--ipd", "0.064"});
  const Image right = renderSet("right", {"--eye", "right", "--ipd", "0.064"});
  const auto wantLeft = predictedColumns(-kIpd / 2, 0.0f);
  const auto wantRight = predictedColumns(kIpd / 2, 0.0f);
  const auto gotLeft = greenColumns(left);
  const auto gotRight = greenColumns(right);
  for (int i = 0; i < 2; ++i) {
    EXPECT_NEAR(gotLeft[i], wantLeft[i], 1.0) << "left eye, edge " << i;
    EXPECT_NEAR(gotRight[i], wantRight[i], 1.0) << "right eye, edge " << i;
  }
  // The near edge's disparity: focal * ipd / depth, several pixels at 1.25 m.
  EXPECT_GT(gotLeft[0] - gotRight[0], 5.0f);
  EXPECT_NEAR(gotLeft[0] - gotRight[0], wantLeft[0] - wantRight[0], 1.0);
}

TEST(SetRender, MovingTheEyeTenCentimetresMovesTheBoxByThePredictedAmount) {
  const Image here = renderSet("here", {});
  const Image moved = renderSet("moved", {"--pos", "0.1,1.6,0"});
  const auto shift = greenColumns(moved)[0] - greenColumns(here)[0];
  const auto want = predictedColumns(0.1f, 0.0f)[0] - predictedColumns(0.0f, 0.0f)[0];
  EXPECT_LT(want, -5.0f);  // the box moves left as the eye moves right
  EXPECT_NEAR(shift, want, 1.0);
}

TEST(SetRender, ABrokenSetOrAnOptionThatNeedsAShotIsRefused) {
  const ProcessResult markers = run({kPerfectshot, "render", kSet, "--markers", "-o", "/dev/null"});
  EXPECT_EQ(markers.exitCode, 1) << markers.output;
  EXPECT_NE(markers.output.find("need a shot or a video"), std::string::npos) << markers.output;
  const ProcessResult pos = run({kPerfectshot, "render", kSet, "--pos", "1,nan,2", "-o", "/dev/null"});
  EXPECT_EQ(pos.exitCode, 1) << pos.output;
  EXPECT_NE(pos.output.find("--pos"), std::string::npos) << pos.output;
  const fs::path bad = fs::path(PS_BINARY_DIR) / "test-out" / "set_render" / "not_a_set.glb";
  fs::create_directories(bad.parent_path());
  { std::ofstream(bad) << "glTF but not really"; }
  const ProcessResult broken = run({kPerfectshot, "render", bad.string(), "-o", "/dev/null"});
  EXPECT_EQ(broken.exitCode, 1) << broken.output;
  EXPECT_NE(broken.output.find("not_a_set.glb"), std::string::npos) << broken.output;
}

// Khronos samples from Debian's assimp-testmodels render with the Khronos validation layer on
// and not one message from it; the small ones seen from outside show something.
TEST(SetRender, KhronosSamplesRenderWithoutAValidationMessage) {
  const fs::path models = "/usr/share/assimp/models/glTF2";
  if (!fs::exists(models)) GTEST_SKIP() << models << " is absent: install assimp-testmodels (tools/setup.sh does)";
  setenv("PERFECTSHOT_VALIDATION", "1", 1);
  struct Sample {
    fs::path file;
    bool seenFromOutside;  // a small model at the origin, in view from 3 m back
  };
  std::vector<Sample> samples{{models / "BoxTextured-glTF" / "BoxTextured.gltf", true},
                              {models / "BoxTextured-glTF-Binary" / "BoxTextured.glb", true},
                              {models / "2CylinderEngine-glTF-Binary" / "2CylinderEngine.glb", false},
                              {models / "cameras" / "Cameras.gltf", true},
                              {models / "draco" / "2CylinderEngine.gltf", false},
                              {models / "textureTransform" / "TextureTransformTest.gltf", false}};
  for (const auto& entry : fs::directory_iterator(models / "glTF-Asset-Generator" / "Mesh_PrimitiveMode"))
    if (entry.path().extension() == ".gltf") samples.push_back({entry.path(), false});
  const fs::path out = fs::path(PS_BINARY_DIR) / "test-out" / "set_render";
  fs::create_directories(out);
  for (const Sample& sample : samples) {
    const std::string png = (out / (sample.file.stem().string() + ".png")).string();
    const ProcessResult r = run({kPerfectshot, "--log-level", "warn", "render", sample.file.string(), "--size", "96x96",
                                 "--pos", "0,1.6,3", "--pitch", "-28", "-o", png});
    EXPECT_EQ(r.exitCode, 0) << sample.file << "\n" << r.output;
    EXPECT_EQ(r.output.find("Validation"), std::string::npos) << sample.file << "\n" << r.output;
    if (r.exitCode != 0 || !sample.seenFromOutside) continue;
    const Image image = loadImage(png);
    int lit = 0;
    for (int y = 0; y < image.height; ++y)
      for (int x = 0; x < image.width; ++x) lit += image.at(x, y, 0) + image.at(x, y, 1) + image.at(x, y, 2) > 60;
    EXPECT_GT(lit, 50) << sample.file << ": nothing drawn in " << png;
  }
}

}  // namespace
}  // namespace ps::test
