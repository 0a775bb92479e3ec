// An "rgbd" medium: its depth object read into MediaRef::rgbd with the defaults, the plate it
// makes, and each problem with its JSON pointer.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "package_fixture.h"
#include "problem_case.h"
#include "scenes/shot_loader.h"

namespace ps::scenes {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

using test::describe;

// The valid shot with two rgbd media after its equirect: a stacked capture and a separate one
// (the stacked one's background).
Json rgbdShot() {
  Json doc = Json::parse(test::validShotJson());
  doc["media"].push_back(Json::parse(R"({
    "id": "room", "kind": "rgbd", "src": "room.mp4", "projection": "360", "stereo": "mono",
    "depth": {"packing": "top-bottom", "encoding": "inverse", "near_m": 0.5, "far_m": 20, "bits": 10},
    "discontinuity": 0.05, "head_box_m": 0.8, "background": "behind" })"));
  doc["media"].push_back(Json::parse(R"({
    "id": "behind", "kind": "rgbd", "src": "behind.mp4",
    "depth": {"packing": "separate", "src": "behind_depth.mkv", "encoding": "linear", "near_m": 1, "far_m": 30} })"));
  return doc;
}

void writeMedia(const test::TempPackage& pkg) {
  for (const char* f : {"room.mp4", "behind.mp4", "behind_depth.mkv"}) pkg.write(f, "not decoded by scenes");
}

TEST(RgbdMedia, TheDepthObjectIsReadWithItsDefaults) {
  test::TempPackage pkg("rgbd_read");
  writeMedia(pkg);
  const ShotParse p = parseShot(rgbdShot().dump(), pkg.shotJson());
  ASSERT_TRUE(p.problems.empty()) << describe(p.problems);
  ASSERT_EQ(p.shot.media.size(), 3u);
  EXPECT_FALSE(p.shot.media[0].rgbd) << "only an rgbd medium has depth";
  const MediaRef& room = p.shot.media[1];
  EXPECT_EQ(room.kind, MediaKind::Rgbd);
  ASSERT_TRUE(room.rgbd);
  EXPECT_EQ(room.rgbd->packing, DepthPacking::TopBottom);
  EXPECT_TRUE(room.rgbd->depthSrc.empty());
  EXPECT_EQ(room.rgbd->coding, (DepthCoding{DepthEncoding::Inverse, 0.5, 20}));
  EXPECT_EQ(room.rgbd->bits, 10);
  EXPECT_DOUBLE_EQ(room.rgbd->discontinuity, 0.05);
  EXPECT_DOUBLE_EQ(room.rgbd->headBoxM, 0.8);
  EXPECT_FALSE(room.rgbd->stereoBaselineM) << "not given";
  EXPECT_EQ(room.rgbd->background, "behind");
  const MediaRef& behind = p.shot.media[2];
  ASSERT_TRUE(behind.rgbd);
  EXPECT_EQ(behind.rgbd->packing, DepthPacking::Separate);
  EXPECT_EQ(behind.rgbd->depthSrc, "behind_depth.mkv");
  EXPECT_EQ(behind.rgbd->depthPath, fs::weakly_canonical(pkg.root() / "behind_depth.mkv"));
  EXPECT_EQ(behind.rgbd->coding.encoding, DepthEncoding::Linear);
  EXPECT_FALSE(behind.rgbd->bits);
  EXPECT_DOUBLE_EQ(behind.rgbd->discontinuity, kDefaultDiscontinuity);
  EXPECT_DOUBLE_EQ(behind.rgbd->headBoxM, kDefaultHeadBoxM);
  EXPECT_TRUE(behind.rgbd->background.empty());
}

// The first equirect or rgbd medium is the plate: the transport plays it and its colour is
// the picture.
TEST(RgbdMedia, TheFirstEquirectOrRgbdMediumIsThePlate) {
  test::TempPackage pkg("rgbd_plate");
  writeMedia(pkg);
  Json doc = rgbdShot();
  ShotParse p = parseShot(doc.dump(), pkg.shotJson());
  ASSERT_NE(p.shot.plate(), nullptr);
  EXPECT_EQ(p.shot.plate()->id, "plate") << "an equirect before the rgbd media stays the plate";
  doc["media"].erase(0);
  p = parseShot(doc.dump(), pkg.shotJson());
  ASSERT_TRUE(p.ok()) << describe(p.problems);
  ASSERT_NE(p.shot.plate(), nullptr);
  EXPECT_EQ(p.shot.plate()->id, "room");
  // A background is never the plate, wherever it stands in the list.
  std::swap(doc["media"][0], doc["media"][1]);
  p = parseShot(doc.dump(), pkg.shotJson());
  ASSERT_TRUE(p.ok()) << describe(p.problems);
  ASSERT_EQ(p.shot.media[0].id, "behind");
  ASSERT_NE(p.shot.plate(), nullptr);
  EXPECT_EQ(p.shot.plate()->id, "room");
}

using Case = test::ProblemCase;

class RgbdProblem : public ::testing::TestWithParam<Case> {};

TEST_P(RgbdProblem, IsReportedWithItsPointerAndSentence) {
  const Case& c = GetParam();
  test::TempPackage pkg(std::string("rgbd_") + c.name);
  writeMedia(pkg);
  test::expectProblem(c, rgbdShot(), pkg);
}

INSTANTIATE_TEST_SUITE_P(
    EachClass, RgbdProblem,
    ::testing::Values(
        Case{"depth_missing", "/media/1/depth", nullptr, "/media/1", "missing required field \"depth\""},
        Case{"depth_type", "/media/1/depth", "\"top-bottom\"", "/media/1/depth", "expected an object with packing"},
        Case{"packing_missing", "/media/1/depth/packing", nullptr, "/media/1/depth", "missing required field \"packing\""},
        Case{"packing_unknown", "/media/1/depth/packing", "\"side-by-side\"", "/media/1/depth/packing",
             "unknown depth packing \"side-by-side\""},
        Case{"encoding_missing", "/media/1/depth/encoding", nullptr, "/media/1/depth", "missing required field \"encoding\""},
        Case{"encoding_unknown", "/media/1/depth/encoding", "\"log\"", "/media/1/depth/encoding",
             "unknown depth encoding \"log\""},
        Case{"near_missing", "/media/1/depth/near_m", nullptr, "/media/1/depth", "missing required field \"near_m\""},
        Case{"far_missing", "/media/2/depth/far_m", nullptr, "/media/2/depth", "missing required field \"far_m\""},
        Case{"near_zero", "/media/1/depth/near_m", "0", "/media/1/depth/near_m", "greater than 0"},
        Case{"far_negative", "/media/1/depth/far_m", "-3", "/media/1/depth/far_m", "greater than 0"},
        Case{"near_at_far", "/media/1/depth/near_m", "20", "/media/1/depth/far_m", "must be greater than near_m"},
        Case{"near_past_far", "/media/2/depth/near_m", "31", "/media/2/depth/far_m", "must be greater than near_m"},
        Case{"separate_without_src", "/media/2/depth/src", nullptr, "/media/2/depth", "missing required field \"src\""},
        Case{"top_bottom_with_src", "/media/1/depth/src", "\"behind_depth.mkv\"", "/media/1/depth/src",
             "only for \"separate\""},
        Case{"depth_src_missing", "/media/2/depth/src", "\"gone.mkv\"", "/media/2/depth/src", "does not exist"},
        Case{"depth_src_dotdot", "/media/2/depth/src", "\"../depth.mkv\"", "/media/2/depth/src", "climbs out"},
        Case{"depth_src_absolute", "/media/2/depth/src", "\"/etc/passwd\"", "/media/2/depth/src", "is absolute"},
        Case{"colour_src_dotdot", "/media/1/src", "\"../room.mp4\"", "/media/1/src", "climbs out"},
        Case{"bits_odd", "/media/1/depth/bits", "9", "/media/1/depth/bits", "expected 8, 10, 12 or 16"},
        Case{"bits_split8", "/media/1/depth/encoding", "\"inverse-split8\"", "/media/1/depth/bits", "its bits are 8"},
        Case{"discontinuity_zero", "/media/1/discontinuity", "0", "/media/1/discontinuity", "greater than 0"},
        Case{"head_box_negative", "/media/1/head_box_m", "-0.5", "/media/1/head_box_m", "greater than 0"},
        Case{"stereo_baseline_zero", "/media/2/stereo_baseline_m", "0", "/media/2/stereo_baseline_m", "greater than 0"},
        Case{"stereo_baseline_on_mono", "/media/1/stereo_baseline_m", "0.06", "/media/1/stereo_baseline_m",
             "a mono capture has no stereo baseline"},
        Case{"stereo_baseline_on_equirect", "/media/0/stereo_baseline_m", "0.06", "/media/0/stereo_baseline_m",
             "only for an \"rgbd\" medium"},
        Case{"background_unknown", "/media/1/background", "\"nobody\"", "/media/1/background", "no medium has the id"},
        Case{"background_not_rgbd", "/media/1/background", "\"plate\"", "/media/1/background", "is not an rgbd medium"},
        Case{"background_itself", "/media/1/background", "\"room\"", "/media/1/background", "its own background"},
        Case{"background_chain", "/media/2/background", "\"room\"", "/media/1/background", "has a background of its own"},
        Case{"depth_on_equirect", "/media/0/depth", R"({"packing": "top-bottom"})", "/media/0/depth",
             "only for an \"rgbd\" medium"},
        Case{"head_box_on_equirect", "/media/0/head_box_m", "1", "/media/0/head_box_m", "only for an \"rgbd\" medium"},
        Case{"depth_member_unknown", "/media/1/depth/scale", "2", "/media/1/depth/scale", "unknown field \"scale\"",
             Severity::Warning},
        Case{"rgbd_transform", "/media/1/transform", R"({"position": {"x": 0, "y": 0, "z": 0}})", "/media/1/transform",
             "ignores \"transform\"", Severity::Warning}),
    test::problemCaseName);

}  // namespace
}  // namespace ps::scenes
