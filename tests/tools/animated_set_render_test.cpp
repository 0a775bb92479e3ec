// `perfectshot render` of a bare animated set: the set layer draws the node where its animation
// puts it at --time. A green unlit triangle 2 m in front of the eye slides 1 m to the right over
// its 1 s animation; a pinhole with a 90-degree field puts its centroid, (x, 1.6, -2) for x the
// slide, at column W/2 + (W/2) * x / 2.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "image.h"
#include "process.h"
#include "gltf_files.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
constexpr int kSize = 200;


// The mean column of the green pixels (the triangle's area centroid, which a pinhole maps
// affinely for a plane facing the eye).
double greenCentroidColumn(const Image& image) {
  double sum = 0;
  int n = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      if (image.at(x, y, 1) > 150 && image.at(x, y, 0) < 80 && image.at(x, y, 2) < 80) {
        sum += x + 0.5;
        ++n;
      }
  EXPECT_GT(n, 100);
  return n ? sum / n : -1;
}

class AnimatedSetRender : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/ps_anim_render_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    std::ofstream(dir_ / "slide.gltf") << slidingTriangle();
  }
  void TearDown() override { fs::remove_all(dir_); }

  double columnAt(double t) {
    const std::string png = (dir_ / ("t" + std::to_string(t) + ".png")).string();
    const ProcessResult r = run({kPerfectshot, "--log-level", "warn", "render", (dir_ / "slide.gltf").string(), "--time",
                                 std::to_string(t), "--size", std::to_string(kSize) + "x" + std::to_string(kSize),
                                 "--hfov", "90", "--vfov", "90", "-o", png});
    EXPECT_EQ(r.exitCode, 0) << r.output;
    return greenCentroidColumn(loadImage(png));
  }

  fs::path dir_;
};

TEST_F(AnimatedSetRender, TheNodeIsDrawnWhereItsAnimationSaysAtTime) {
  // Column W/2 + (W/2) * x / 2 for the slide x: 100 at 0 s, 125 at 0.5 s, 150 from 1 s on.
  EXPECT_NEAR(columnAt(1.0), 150.0, 1.5);
  EXPECT_NEAR(columnAt(0.5), 125.0, 1.5);  // back to half way
  EXPECT_NEAR(columnAt(0.0), 100.0, 1.5);
  EXPECT_NEAR(columnAt(3.0), 150.0, 1.5);  // held at the last key
}

struct Bounds {
  int left = 1 << 20, right = -1, top = 1 << 20, bottom = -1;  // pixel edges
};
Bounds litBounds(const Image& image) {
  Bounds b;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      if (std::max({image.at(x, y, 0), image.at(x, y, 1), image.at(x, y, 2)}) > 20) {
        b.left = std::min(b.left, x);
        b.right = std::max(b.right, x + 1);
        b.top = std::min(b.top, y);
        b.bottom = std::max(b.bottom, y + 1);
      }
  return b;
}

// assimp-testmodels' simple_skin through `perfectshot render`: a 1 x 2 m strip (x 0..1, y 0..2)
// whose joints' inverse bind matrices move it by (-0.5, -1) and whose upper joint, at (0, 1),
// turns about Z: 0 degrees at 0 s, 90 degrees from 1 s to 1.5 s. Seen from (0, 1, 4) with 90
// degrees across 200 pixels (25 pixels a metre at 4 m): at 0 s the strip x -0.5..0.5, y 0..2;
// at 1.25 s its top edge turned to x = -1 (vertex (1, 2): (0.5, 1) turned to (-1, 0.5), plus
// (0, 1)), nothing above y 1.5. With the validation layer on, and not one message from it.
TEST_F(AnimatedSetRender, ASkinnedSampleBendsAtTime) {
  const fs::path sample = "/usr/share/assimp/models/glTF2/simple_skin/simple_skin.gltf";
  if (!fs::exists(sample)) GTEST_SKIP() << sample << " is absent: install assimp-testmodels";
  setenv("PERFECTSHOT_VALIDATION", "1", 1);
  auto render = [&](const std::string& t) {
    const std::string png = (dir_ / ("skin" + t + ".png")).string();
    const ProcessResult r = run({kPerfectshot, "--log-level", "warn", "render", sample.string(), "--time", t, "--pos",
                                 "0,1,4", "--size", "200x200", "--hfov", "90", "--vfov", "90", "-o", png});
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_EQ(r.output.find("[vulkan]"), std::string::npos) << r.output;  // the validation layer stays silent
    return litBounds(loadImage(png));
  };
  const Bounds rest = render("0"), bent = render("1.25");
  EXPECT_NEAR(rest.left, 87.5, 1.5);
  EXPECT_NEAR(rest.right, 112.5, 1.5);
  EXPECT_NEAR(rest.top, 75, 1.5);
  EXPECT_NEAR(rest.bottom, 125, 1.5);
  EXPECT_NEAR(bent.left, 75, 1.5);
  EXPECT_NEAR(bent.top, 87.5, 1.5);
  EXPECT_NEAR(bent.bottom, 125, 1.5);
}

// Play runs a bare set on its own timeline (0 to the end of its first animation, at 30 fps):
// no refusal, and the offscreen stills are taken at the shot times of the animation, without a
// plate picture. (tests/player/plateless_play_test.cpp checks where the set is drawn.)
TEST_F(AnimatedSetRender, PlayPlaysABareSetOnItsAnimationsTimeline) {
  const fs::path stills = dir_ / "stills";
  const ProcessResult r = run({kPerfectshot, "--log-level", "warn", "play", (dir_ / "slide.gltf").string(), "--display",
                               "offscreen", "--no-audio", "--out", stills.string(), "--width", "64", "--height", "64",
                               "--stills-every", "0.5", "--frames", "20"});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("play needs a shot or a video"), std::string::npos) << r.output;
  EXPECT_TRUE(fs::exists(stills / "still_0000_t000.000_mono.png")) << r.output;
  EXPECT_TRUE(fs::exists(stills / "still_0001_t000.500_mono.png")) << r.output;
  const Image first = loadImage((stills / "still_0000_t000.000_mono.png").string());
  EXPECT_EQ(first.width, 64);
  // --media picks a medium of a shot: a bare set has none, so it is refused rather than ignored.
  const ProcessResult media = run({kPerfectshot, "play", (dir_ / "slide.gltf").string(), "--display", "offscreen",
                                   "--no-audio", "--media", "plate", "--frames", "2"});
  EXPECT_NE(media.exitCode, 0);
  EXPECT_NE(media.output.find("--media: names a medium of a shot, but this is a bare glTF set"), std::string::npos)
      << media.output;
}

// A shot whose only medium is the set (no equirect plate) renders and plays its sets on black on
// its own timeline, where it was refused as having "no equirect medium to show".
TEST_F(AnimatedSetRender, AShotWithoutAPlateRendersAndPlaysItsSets) {
  std::ofstream(dir_ / "shot.json") << R"({ "format": "perfectshot/1", "title": "Sets only",
    "timeline": { "fps": 30, "out": 1 },
    "media": [ { "id": "set", "kind": "gltf", "src": "slide.gltf", "animation": { "name": "slide" } } ] })";
  const auto columnAt = [&](const std::string& t) {
    const std::string png = (dir_ / ("shot" + t + ".png")).string();
    const ProcessResult r = run({kPerfectshot, "--log-level", "warn", "render", (dir_ / "shot.json").string(), "--time",
                                 t, "--size", "200x200", "--hfov", "90", "--vfov", "90", "-o", png});
    EXPECT_EQ(r.exitCode, 0) << r.output;
    return greenCentroidColumn(loadImage(png));
  };
  EXPECT_NEAR(columnAt("0"), 100.0, 1.5);
  EXPECT_NEAR(columnAt("0.5"), 125.0, 1.5);
  const ProcessResult late = run({kPerfectshot, "render", (dir_ / "shot.json").string(), "--time", "2", "-o",
                                  (dir_ / "late.png").string()});
  EXPECT_NE(late.exitCode, 0);
  EXPECT_NE(late.output.find("2 s is after the end of the shot at 1 s"), std::string::npos) << late.output;

  const fs::path stills = dir_ / "stills";
  const ProcessResult r = run({kPerfectshot, "--log-level", "warn", "play", (dir_ / "shot.json").string(), "--display",
                               "offscreen", "--no-audio", "--out", stills.string(), "--width", "64", "--height", "64",
                               "--stills-every", "0.5", "--frames", "20"});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("no equirect medium"), std::string::npos) << r.output;
  EXPECT_TRUE(fs::exists(stills / "still_0001_t000.500_mono.png")) << r.output;
}

}  // namespace
}  // namespace ps::test
