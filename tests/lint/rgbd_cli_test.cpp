// perfectshot lint and probe on RGB-D media (tests/media/make_rgbd_media.sh): lint checks the
// depth against the colour and against what the shot declares, each problem at its pointer;
// probe prints the depth layout the shot tells or a stacked video shows.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "process.h"
#include "temp_dir.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const fs::path kMedia = PS_TEST_MEDIA_DIR "/rgbd_media";

// A package holding one rgbd medium: `colour` and, when given, a separate `depth` video.
class RgbdPackage {
 public:
  RgbdPackage(const std::string& colour, const std::string& depthJson, const std::string& depthFile = "")
      : dir_("rgbd_cli") {
    fs::copy_file(kMedia / colour, dir_.path() / colour);
    if (!depthFile.empty()) fs::copy_file(kMedia / depthFile, dir_.path() / depthFile);
    std::ofstream(dir_.path() / "shot.json")
        << R"({"format":"perfectshot/1","media":[{"id":"room","kind":"rgbd","src":")" << colour
        << R"(","projection":"360","stereo":"mono","depth":)" << depthJson << "}]}";
  }
  std::string path() const { return dir_.path().string(); }
  std::string shotJson() const { return (dir_.path() / "shot.json").string(); }

 private:
  TempDir dir_;
};

ProcessResult perfectshot(const std::vector<std::string>& args) {
  std::vector<std::string> argv{kPerfectshot, "--log-level", "off"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv);
}

std::string separate(const std::string& depth, const std::string& extra = "") {
  return R"({"packing":"separate","src":")" + depth + R"(","encoding":"inverse","near_m":0.5,"far_m":20)" + extra +
         "}";
}
const char* kTopBottom = R"({"packing":"top-bottom","encoding":"inverse","near_m":0.5,"far_m":20,"bits":8})";

TEST(RgbdLint, GoodCapturesAreClean) {
  RgbdPackage stacked("tb.mp4", kTopBottom);
  auto r = perfectshot({"lint", stacked.path()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("0 error(s), 0 warning(s)"), std::string::npos) << r.output;
  RgbdPackage split("sep_colour.mp4", separate("sep_depth_gray16.mkv", R"(,"bits":16)"), "sep_depth_gray16.mkv");
  r = perfectshot({"lint", split.path()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("0 error(s), 0 warning(s)"), std::string::npos) << r.output;
}

struct Refusal {
  const char* name;
  const char* colour;
  std::string depthJson;
  const char* depthFile;
  const char* pointer;
  const char* says;
};

TEST(RgbdLint, EachBadCaptureIsAnErrorAtItsPointer) {
  for (const Refusal& c : {
           Refusal{"short", "sep_colour.mp4", separate("sep_depth_short.mkv"), "sep_depth_short.mkv",
                   "#/media/0/depth/src: error: ", "the depth video has 50 frames, the colour video 60"},
           Refusal{"rate", "sep_colour.mp4", separate("sep_depth_25fps.mkv"), "sep_depth_25fps.mkv",
                   "#/media/0/depth/src: error: ", "runs at 25 fps, the colour video at 30 fps"},
           Refusal{"size", "sep_colour.mp4", separate("sep_depth_small.mkv"), "sep_depth_small.mkv",
                   "#/media/0/depth/src: error: ", "the depth video is 160x80, the colour video 320x160"},
           Refusal{"bits", "sep_colour.mp4", separate("sep_depth_gray8.mkv", R"(,"bits":16)"), "sep_depth_gray8.mkv",
                   "#/media/0/depth: error: ", "the depth picture is 8-bit (gray), but the shot declares \"bits\": 16"},
           Refusal{"split8", "tb.mp4",
                   R"({"packing":"top-bottom","encoding":"inverse-split8","near_m":0.5,"far_m":20})", "",
                   "#/media/0/depth: error: ", "needs an 8-bit 4:4:4 picture"},
           Refusal{"odd", "tb_odd.mkv", kTopBottom, "", "#/media/0/src: error: ", "its height is odd"},
           Refusal{"near_far", "tb.mp4", R"({"packing":"top-bottom","encoding":"inverse","near_m":5,"far_m":2})", "",
                   "#/media/0/depth/far_m: error: ", "must be greater than near_m"},
       }) {
    RgbdPackage pkg(c.colour, c.depthJson, c.depthFile);
    auto r = perfectshot({"lint", pkg.path()});
    EXPECT_EQ(r.exitCode, 1) << c.name << "\n" << r.output;
    EXPECT_NE(r.output.find(pkg.shotJson() + c.pointer), std::string::npos) << c.name << "\n" << r.output;
    EXPECT_NE(r.output.find(c.says), std::string::npos) << c.name << "\n" << r.output;
  }
}

// A background layer's video is drawn frame for frame behind the plate's: lint says, at the
// plate's "background", when it runs at another rate (play would refuse it only when it opens).
TEST(RgbdLint, ABackgroundAtAnotherFrameRateIsAnErrorAtTheBackground) {
  TempDir dir("rgbd_cli_background");
  for (const char* f : {"sep_colour.mp4", "sep_depth_h264.mp4"}) fs::copy_file(kMedia / f, dir.path() / f);
  // The stacked capture again at 25 fps.
  const ProcessResult made = run({"ffmpeg", "-v", "error", "-i", (kMedia / "tb.mp4").string(), "-vf", "fps=25", "-c:v",
                                  "libx264", "-pix_fmt", "yuv420p", (dir.path() / "behind_25fps.mp4").string()});
  ASSERT_EQ(made.exitCode, 0) << made.output;
  std::ofstream(dir.path() / "shot.json") << R"({"format":"perfectshot/1","media":[
      {"id":"room","kind":"rgbd","src":"sep_colour.mp4","projection":"360","stereo":"mono","background":"behind",
       "depth":{"packing":"separate","src":"sep_depth_h264.mp4","encoding":"inverse","near_m":0.5,"far_m":20}},
      {"id":"behind","kind":"rgbd","src":"behind_25fps.mp4","projection":"360","stereo":"mono",
       "depth":{"packing":"top-bottom","encoding":"inverse","near_m":0.5,"far_m":20}}]})";
  auto r = perfectshot({"lint", dir.path().string()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find((dir.path() / "shot.json").string() + "#/media/0/background: error: \"behind_25fps.mp4\" "
                          "against \"sep_colour.mp4\": the background video runs at 25 fps, the plate at 30 fps"),
            std::string::npos)
      << r.output;
  r = perfectshot({"probe", dir.path().string()});
  EXPECT_NE(r.output.find("; background layer \"behind\""), std::string::npos) << r.output;
}

TEST(RgbdProbe, SaysTheDepthLayoutItIsToldOrFinds) {
  RgbdPackage stacked("tb.mp4", kTopBottom);
  auto r = perfectshot({"probe", stacked.path()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("depth:              top-bottom (told by the shot): colour 320x160 over depth 320x160; "
                          "inverse, 0.5..20 m, 8-bit declared"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("projection:         360"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("stereo:             mono"), std::string::npos) << r.output;

  RgbdPackage split("sep_colour.mp4", separate("sep_depth_gray16.mkv"), "sep_depth_gray16.mkv");
  r = perfectshot({"probe", split.path()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("separate (told by the shot): sep_depth_gray16.mkv (gray16le 320x160); inverse"),
            std::string::npos)
      << r.output;

  r = perfectshot({"probe", (kMedia / "tb.mp4").string()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("top-bottom (found: the bottom half is grey): colour 320x160 over depth 320x160"),
            std::string::npos)
      << r.output;
  r = perfectshot({"probe", (kMedia / "sep_colour.mp4").string()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("depth:              none"), std::string::npos) << r.output;
}

TEST(RgbdProbe, AGreyVideoIsNotAPlate) {
  auto r = perfectshot({"probe", (kMedia / "sep_depth_gray8.mkv").string()});
  EXPECT_NE(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("grey video is read only as an rgbd medium's depth"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace ps::test
