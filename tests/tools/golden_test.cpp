// Golden images: every sample shot rendered by `perfectshot render` from both eyes, compared
// with the expected pictures kept in tests/golden/. A failing comparison writes the actual
// picture and the difference beside the expected one (<name>.actual.png, <name>.diff.png).
// After a deliberate change of what is drawn: PERFECTSHOT_UPDATE_GOLDEN=1 rewrites them (look
// at every one before committing it).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "image.h"
#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const fs::path kGolden = fs::path(PS_SOURCE_DIR) / "tests" / "golden";
const std::string kDemo = PS_SOURCE_DIR "/scenes/demo";

// Lavapipe is the same rasteriser everywhere the suite runs; what differs between machines is
// the video decoder's last bit and the LLVM version's rounding, far below this.
constexpr double kMinPsnr = 38.0;

struct GoldenView {
  std::string name;
  std::vector<std::string> args;  // after `render`, without -o
};

bool updating() {
  const char* v = std::getenv("PERFECTSHOT_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

void checkGolden(const GoldenView& view) {
  const fs::path expected = kGolden / (view.name + ".png");
  const fs::path out = fs::path(PS_BINARY_DIR) / "test-out" / "golden";
  fs::create_directories(out);
  const fs::path rendered = out / (view.name + ".png");
  std::vector<std::string> argv{kPerfectshot, "--log-level", "warn", "render"};
  argv.insert(argv.end(), view.args.begin(), view.args.end());
  argv.insert(argv.end(), {"-o", rendered.string()});
  const ProcessResult r = run(argv);
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const Image actual = loadImage(rendered.string());
  if (updating()) {
    fs::copy_file(rendered, expected, fs::copy_options::overwrite_existing);
    GTEST_SKIP() << "rewrote " << expected;
  }
  ASSERT_TRUE(fs::exists(expected)) << expected << " is missing; PERFECTSHOT_UPDATE_GOLDEN=1 writes it";
  const Image want = loadImage(expected.string());
  const fs::path stem = kGolden / view.name;
  fs::remove(stem.string() + ".actual.png");
  fs::remove(stem.string() + ".diff.png");
  const bool sameSize = actual.width == want.width && actual.height == want.height;
  const double score = sameSize ? psnr(actual, want) : 0.0;
  if (!sameSize || score < kMinPsnr) {
    savePng(stem.string() + ".actual.png", actual);
    if (sameSize) savePng(stem.string() + ".diff.png", diffImage(actual, want));
  }
  EXPECT_TRUE(sameSize) << view.name << ": " << actual.width << "x" << actual.height << " rendered, "
                        << want.width << "x" << want.height << " expected";
  EXPECT_GE(score, kMinPsnr) << view.name << ": see " << stem << ".actual.png and .diff.png";
}

class Golden : public ::testing::TestWithParam<GoldenView> {};

TEST_P(Golden, MatchesTheExpectedPicture) { checkGolden(GetParam()); }

std::vector<GoldenView> sampleViews() {
  std::vector<GoldenView> views;
  const std::vector<std::string> common{"--size", "192x108", "--hfov", "100", "--vfov", "62"};
  auto add = [&](const std::string& name, std::vector<std::string> args) {
    for (const char* eye : {"left", "right"}) {
      GoldenView v{name + "_" + eye, args};
      v.args.insert(v.args.end(), common.begin(), common.end());
      v.args.insert(v.args.end(), {"--eye", eye});
      views.push_back(std::move(v));
    }
  };
  add("demo_front", {kDemo, "--time", "2"});
  add("demo_markers", {kDemo, "--time", "2", "--yaw", "15", "--pitch", "-10", "--markers", "--film-frame"});
  add("demo_stereo", {kDemo, "--media", "plate-stereo", "--time", "5", "--yaw", "180"});
  // The set in front of the plate, each eye half the IPD to its side, a marker behind the box.
  add("demo_set", {kDemo, "--time", "2", "--pitch", "-25", "--ipd", "0.064", "--markers"});
  return views;
}

INSTANTIATE_TEST_SUITE_P(SampleShots, Golden, ::testing::ValuesIn(sampleViews()),
                         [](const ::testing::TestParamInfo<GoldenView>& p) { return p.param.name; });

}  // namespace
}  // namespace ps::test
