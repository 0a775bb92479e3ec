// A plate placed on shot time by its start and offset, through the command: render shows the
// plate's media time of the shot time asked for, and no plate before its start; play counts
// its stills in shot time and shows nothing before the plate starts.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "image.h"
#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const std::string kDemoPlate = PS_SOURCE_DIR "/scenes/demo/plate.mp4";  // 10 s at 30 fps

// A package in a fresh folder of its own: the demo's plate starting at shot time 1.1 s and
// showing its own 2 s there, in a 3 s shot.
class PlacedPackage {
 public:
  PlacedPackage() {
    std::string templ = (fs::path(PS_BINARY_DIR) / "test-out" / "placed_plate_XXXXXX").string();
    fs::create_directories(fs::path(templ).parent_path());
    if (mkdtemp(templ.data()) == nullptr) throw std::runtime_error("mkdtemp " + templ);
    root_ = templ;
    fs::copy_file(kDemoPlate, root_ / "plate.mp4");
    std::ofstream(root_ / "shot.json") << R"({"format":"perfectshot/1","title":"Placed",
      "media":[{"id":"plate","kind":"equirect","src":"plate.mp4","projection":"360","stereo":"mono",
                "start":1.1,"offset":2}],
      "timeline":{"fps":"30","in":0,"out":3}})";
  }
  ~PlacedPackage() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  PlacedPackage(const PlacedPackage&) = delete;
  PlacedPackage& operator=(const PlacedPackage&) = delete;
  const fs::path& root() const { return root_; }

 private:
  fs::path root_;
};

Image render(const PlacedPackage& pkg, const std::string& time, const std::string& name) {
  const std::string png = (pkg.root() / (name + ".png")).string();
  auto r = run({kPerfectshot, "--log-level", "warn", "render", pkg.root().string(), "--time", time, "--yaw=-72",
                "--pitch=-36", "--hfov", "40", "--vfov", "40", "--size", "128x128", "-o", png});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
  return loadImage(png);
}

Image v360At(const PlacedPackage& pkg, double mediaSeconds, const std::string& name) {
  const std::string png = (pkg.root() / (name + ".v360.png")).string();
  auto r = run({"ffmpeg", "-v", "error", "-y", "-ss", std::to_string(mediaSeconds), "-i", kDemoPlate, "-frames:v", "1",
                "-vf", "v360=input=e:output=flat:interp=linear:yaw=-72:pitch=-36:h_fov=40:v_fov=40:w=128:h=128", png});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  return loadImage(png);
}

TEST(PlacedPlate, RenderShowsThePlatesMediaTimeOfTheShotTime) {
  PlacedPackage pkg;
  // Shot time 2.1 s is the plate's 3 s (where the ball is in this view), not its 2.1 s.
  const Image ours = render(pkg, "2.1", "t2_1");
  const double placed = psnr(ours, v360At(pkg, 3.0, "media3"));
  const double identity = psnr(ours, v360At(pkg, 2.1, "media2_1"));
  EXPECT_GE(placed, 24);
  EXPECT_GE(placed - identity, 6) << "placed " << placed << " dB, read as media time " << identity << " dB";
}

TEST(PlacedPlate, BeforeThePlatesStartThereIsNoPlate) {
  PlacedPackage pkg;
  const Image before = render(pkg, "0.5", "t0_5");
  int brightest = 0;
  for (std::uint8_t v : before.pixels) brightest = std::max<int>(brightest, v);
  EXPECT_EQ(brightest, 0) << "black: nothing stands in front of the missing plate";
}

TEST(PlacedPlate, PlayCountsStillsInShotTimeAndShowsNoPlateBeforeItsStart) {
  PlacedPackage pkg;
  const fs::path out = pkg.root() / "stills";
  auto r = run({kPerfectshot, "--log-level", "info", "play", pkg.root().string(), "--display", "offscreen", "--out",
                out.string(), "--width", "64", "--height", "32", "--stills-every", "0.5"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
  // Every display frame is drawn, those before the plate too (black behind what stands in front).
  unsigned long frames = 0, drawn = 0, uploads = 0, submits = 0;
  for (std::size_t at = r.output.find("play: "); at != std::string::npos; at = r.output.find("play: ", at + 1))
    if (std::sscanf(r.output.c_str() + at, "play: %lu display frames (%lu drawn, %lu uploads, %lu submits)", &frames,
                    &drawn, &uploads, &submits) == 4)
      break;
  EXPECT_EQ(frames, 90u) << r.output;
  EXPECT_EQ(drawn, frames) << r.output;
  EXPECT_LT(uploads, frames) << "no plate frame before its start";
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(out)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  // Every half second of the 3 s shot; those at 0, 0.5 and 1 s lie before the plate: no still.
  EXPECT_EQ(names, (std::vector<std::string>{"still_0000_t001.500_mono.png", "still_0001_t002.000_mono.png",
                                             "still_0002_t002.500_mono.png"}));
}

}  // namespace
}  // namespace ps::test
