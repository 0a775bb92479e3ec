// perfectshot probe on splat files: the format, the count, the SH degree and the bounds, and a
// broken file reported with its name.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "media/splat_files.h"
#include "process.h"
#include "splat_test_files.h"
#include "temp_dir.h"

namespace ps::test {
namespace {

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";

std::string three(float v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.3f", double(v));
  return b;
}

TEST(SplatProbe, PrintsFormatCountDegreeAndBounds) {
  TempDir dir("splat_probe");
  const auto cloud = makeSplatCloud(123, 2);
  const auto spz = (dir.path() / "set.spz").string(), ply = (dir.path() / "set.PLY").string();
  ASSERT_TRUE(media::writeSpz(cloud, spz, 3));
  ASSERT_TRUE(media::writeSplatPly(cloud, ply));
  auto r = run({kPerfectshot, "--log-level", "off", "probe", spz});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("SPZ version 3"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("splats:             123\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("SH degree:          2\n"), std::string::npos) << r.output;
  // The .ply is exact, so its bounds are the cloud's to the printed digit.
  r = run({kPerfectshot, "--log-level", "off", "probe", ply});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("INRIA .ply"), std::string::npos) << r.output;
  const auto b = cloud.bounds();
  EXPECT_NE(r.output.find("bounds min:         " + three(b.min.x) + " " + three(b.min.y) + " " + three(b.min.z)),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("bounds max:         " + three(b.max.x) + " " + three(b.max.y) + " " + three(b.max.z)),
            std::string::npos)
      << r.output;
}

TEST(SplatProbe, ABrokenSplatFileIsReportedWithItsName) {
  TempDir dir("splat_probe");
  const auto bytes = media::spzBytes(makeSplatCloud(10, 0), 4);
  ASSERT_TRUE(bytes);
  const auto cut = (dir.path() / "cut.spz").string();
  std::ofstream(cut, std::ios::binary) << bytes->substr(0, bytes->size() - 5);
  auto r = run({kPerfectshot, "--log-level", "off", "probe", cut});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("cut.spz"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("runs past the end of the file"), std::string::npos) << r.output;
  ASSERT_TRUE(media::writeSpz(makeSplatCloud(10, 0), (dir.path() / "ok.spz").string()));
  r = run({kPerfectshot, "--log-level", "off", "probe", (dir.path() / "ok.spz").string(), "--media", "plate"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("--media"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace ps::test
