// --sequence-budget-mib on play and render: out-of-range values and a budget too small to share
// among a shot's sequences are refused with the flag named; the value given is the one the
// sequences are held to (a frame that decodes to more than it is reported as over the budget).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "process.h"
#include "temp_dir.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const std::string kMakeSet = PS_BINARY_DIR "/tools/make_set/ps_make_set";
const std::string kDemoPlate = PS_SOURCE_DIR "/scenes/demo/plate.mp4";

// A package with the demo plate and `sequences` mesh sequences of 2 frames, each frame holding a
// body of about 60k triangles (about 1.7 MiB decoded).
class BudgetPackage {
 public:
  explicit BudgetPackage(int sequences) : dir_("sequence_budget") {
    fs::copy_file(kDemoPlate, root() / "plate.mp4");
    const ProcessResult made =
        run({kMakeSet, "--sequence", "2", "--body-triangles", "60000", "-o", (root() / "performer").string()});
    EXPECT_EQ(made.exitCode, 0) << made.output;
    std::string media = R"({"id":"plate","kind":"equirect","src":"plate.mp4","projection":"360","stereo":"mono"})";
    for (int i = 0; i < sequences; ++i)
      media += R"(,{"id":"actor)" + std::to_string(i) + R"(","kind":"mesh-sequence","src":"performer","fps":10})";
    std::ofstream(root() / "shot.json") << R"({"format":"perfectshot/1","title":"Budget","media":[)" << media
                                       << R"(],"timeline":{"fps":"30","in":0,"out":1}})";
  }
  const fs::path& root() const { return dir_.path(); }

 private:
  TempDir dir_;
};

ProcessResult render(const BudgetPackage& pkg, const std::string& budget) {
  return run({kPerfectshot, "--log-level", "warn", "render", pkg.root().string(), "--time", "0.05", "--size",
              "64x32", "-o", (pkg.root() / "out.png").string(), "--sequence-budget-mib", budget});
}

TEST(SequenceBudgetCli, OutOfRangeValuesAreRefusedWithTheFlagNamed) {
  BudgetPackage pkg(1);
  for (const std::string bad : {"0", "-3", "1048577", "nan", "12x"}) {
    const ProcessResult r = render(pkg, bad);
    EXPECT_NE(r.exitCode, 0) << bad;
    EXPECT_NE(r.output.find("--sequence-budget-mib"), std::string::npos) << bad << ": " << r.output;
  }
}

TEST(SequenceBudgetCli, TheBudgetGivenBoundsTheFramesHeld) {
  BudgetPackage pkg(1);
  // 1 MiB: every frame is over the whole budget, reported once with its file, and not shown.
  const ProcessResult small = render(pkg, "1");
  EXPECT_EQ(small.exitCode, 0) << small.output;
  EXPECT_NE(small.output.find("frame_000.glb: decodes to 2 MiB, more than the sequence's whole memory budget of 1 MiB"),
            std::string::npos)
      << small.output;
  // 8 MiB: the same frame fits.
  const ProcessResult enough = render(pkg, "8");
  EXPECT_EQ(enough.exitCode, 0) << enough.output;
  EXPECT_EQ(enough.output.find("memory budget"), std::string::npos) << enough.output;
}

TEST(SequenceBudgetCli, ABudgetTooSmallToShareIsRefusedByPlayAndRender) {
  BudgetPackage pkg(3);
  const ProcessResult r = render(pkg, "2");
  EXPECT_NE(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("less than 1 MiB for each of its 3 mesh and splat sequences"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("give --sequence-budget-mib 3 or more"), std::string::npos) << r.output;
  const ProcessResult p = run({kPerfectshot, "--log-level", "warn", "play", pkg.root().string(), "--display",
                               "offscreen", "--out", (pkg.root() / "stills").string(), "--sequence-budget-mib", "2"});
  EXPECT_NE(p.exitCode, 0) << p.output;
  EXPECT_NE(p.output.find("less than 1 MiB for each of its 3 mesh and splat sequences"), std::string::npos) << p.output;
  // Shared by three, 3 MiB is enough to start.
  EXPECT_EQ(render(pkg, "3").exitCode, 0);
}

}  // namespace
}  // namespace ps::test
