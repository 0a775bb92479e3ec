// `perfectshot render --time` of a shot holding a mesh sequence written by ps_make_set
// --sequence, whose frames spell their index in white cubes at eye height: the picture shows
// the frame of the time asked for, read back from where a pinhole camera puts each cube.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "image.h"
#include "make_set/sequence_frames.h"
#include "process.h"
#include "temp_dir.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const std::string kMakeSet = PS_BINARY_DIR "/tools/make_set/ps_make_set";
const std::string kDemoPlate = PS_SOURCE_DIR "/scenes/demo/plate.mp4";
constexpr int kSize = 320;  // square, 120 x 90 degrees, looking down -Z from (0, 1.6, 0)
const float kFocalX = (kSize / 2.0f) / std::tan(60.0f * 3.14159265f / 180.0f);

// A package: the demo plate starting at shot time 2 (nothing behind the performer before it)
// and a 12-frame sequence at 10 fps from shot time 0.
class SequencePackage {
 public:
  SequencePackage() : dir_("sequence_render") {
    fs::copy_file(kDemoPlate, root() / "plate.mp4");
    const ProcessResult made = run({kMakeSet, "--sequence", "12", "-o", (root() / "performer").string()});
    EXPECT_EQ(made.exitCode, 0) << made.output;
    std::ofstream(root() / "shot.json") << R"({"format":"perfectshot/1","title":"Performer",
      "media":[{"id":"plate","kind":"equirect","src":"plate.mp4","projection":"360","stereo":"mono","start":2},
               {"id":"actor","kind":"mesh-sequence","src":"performer","fps":10}],
      "timeline":{"fps":"30","in":0,"out":3}})";
  }
  const fs::path& root() const { return dir_.path(); }

 private:
  TempDir dir_;
};

// The index the picture spells: bit b is set where its cube's front face centre is white.
int renderedIndex(const SequencePackage& pkg, const std::string& time) {
  const std::string png = (pkg.root() / ("t" + time + ".png")).string();
  const ProcessResult r = run({kPerfectshot, "--log-level", "warn", "render", pkg.root().string(), "--time", time,
                               "--size", std::to_string(kSize) + "x" + std::to_string(kSize), "--hfov", "120",
                               "--vfov", "90", "-o", png});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
  const Image image = loadImage(png);
  const float faceZ = -make_set::kSeqZ - make_set::kSeqBitSize / 2;  // distance to the front faces
  int index = 0;
  for (int b = 0; b < make_set::kSeqBits; ++b) {
    const int x = static_cast<int>(std::lround(kSize / 2.0f + kFocalX * make_set::kSeqBitX(b) / faceZ - 0.5f));
    const int y = kSize / 2;
    const int v = std::min({image.at(x, y, 0), image.at(x, y, 1), image.at(x, y, 2)});
    const int dark = std::max({image.at(x, y, 0), image.at(x, y, 1), image.at(x, y, 2)});
    EXPECT_TRUE(v > 200 || dark < 60) << "bit " << b << " at column " << x << " is neither white nor black: " << v;
    if (v > 200) index |= 1 << b;
  }
  return index;
}

TEST(SequenceRender, RenderAtATimeShowsThatTimesFrame) {
  SequencePackage pkg;
  // Frame i covers [i / 10, (i + 1) / 10): forwards, then back, then the last.
  EXPECT_EQ(renderedIndex(pkg, "0"), 0);
  EXPECT_EQ(renderedIndex(pkg, "0.55"), 5);
  EXPECT_EQ(renderedIndex(pkg, "0.3"), 3);
  EXPECT_EQ(renderedIndex(pkg, "1.19"), 11);
}

// play reads the frames on the sequence's own thread while the offscreen display runs the
// shot: it plays to the end, every frame a picture, without a Vulkan validation message.
TEST(SequenceRender, PlayRunsTheShotWithItsSequenceReadAhead) {
  SequencePackage pkg;
  const fs::path out = pkg.root() / "stills";
  const ProcessResult r = run({kPerfectshot, "--log-level", "info", "play", pkg.root().string(), "--display",
                               "offscreen", "--out", out.string(), "--width", "64", "--height", "32", "--stills-every",
                               "0.5"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("mesh sequence frame"), std::string::npos) << "no frame is broken: " << r.output;
}

}  // namespace
}  // namespace ps::test
