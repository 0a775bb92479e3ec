// Each class of problem in a shot.json yields its pointer, its severity and a
// sentence: one change to a valid shot per row.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "package_fixture.h"
#include "problem_case.h"
#include "scenes/shot_loader.h"

namespace ps::scenes {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

using test::describe;

TEST(ShotValidation, TheValidShotHasNoProblemsAndReadsEveryPart) {
  test::TempPackage pkg("valid");
  const ShotParse p = parseShot(test::validShotJson(), pkg.shotJson());
  ASSERT_TRUE(p.problems.empty()) << describe(p.problems);
  ASSERT_EQ(p.shot.markers.size(), 2u);
  const Marker& lens = p.shot.markers[0];
  EXPECT_EQ(lens.category, MarkerCategory::Camera);
  ASSERT_TRUE(lens.narration.has_value());
  EXPECT_EQ(lens.narration->captions.size(), 2u);
  EXPECT_EQ(lens.narration->path, fs::weakly_canonical(pkg.root() / "narration/lens.ogg"));
  EXPECT_TRUE(std::holds_alternative<StagePlacement>(p.shot.markers[1].placement));
  EXPECT_DOUBLE_EQ(p.shot.markers[1].fadeIn, kDefaultFadeSeconds);
  ASSERT_TRUE(p.shot.camera.has_value());
  EXPECT_EQ(p.shot.camera->track.size(), 2u);
  // A keyframe's orientation that leaves out pitch keeps the camera's.
  EXPECT_DOUBLE_EQ(p.shot.camera->track[0].state.pose.pitchDeg, -2);
  EXPECT_DOUBLE_EQ(p.shot.camera->clip->offset, 1.0);
  EXPECT_EQ(p.shot.camera->clip->pointer, "/camera/clip");
  EXPECT_EQ(p.shot.media[0].pointer, "/media/0");
}

using Case = test::ProblemCase;

class ShotProblem : public ::testing::TestWithParam<Case> {};

TEST_P(ShotProblem, IsReportedWithItsPointerAndSentence) {
  const Case& c = GetParam();
  test::TempPackage pkg(c.name);
  pkg.write("narration/bad.vtt", "WEBVTT\n\n00:01.000 --> 00:00.500\nbackwards\n");
  pkg.write("notes.txt", "not captions");
  fs::create_symlink("/etc", pkg.root() / "outside");
  ASSERT_EQ(::mkfifo((pkg.root() / "fifo.vtt").c_str(), 0600), 0);
  test::expectProblem(c, Json::parse(test::validShotJson()), pkg);
}

INSTANTIATE_TEST_SUITE_P(
    EachClass, ShotProblem,
    ::testing::Values(
        Case{"wrong_type", "/title", "3", "/title", "expected a string, found number"},
        Case{"missing_required", "/markers/0/id", nullptr, "/markers/0", "missing required field \"id\""},
        Case{"missing_media", "/media", nullptr, "", "missing required field \"media\""},
        Case{"format_version", "/format", "\"perfectshot/2\"", "/format", "unsupported format"},
        Case{"fps", "/timeline/fps", "\"fast\"", "/timeline/fps", "expected a frame rate"},
        Case{"out_before_in", "/timeline/out", "0.5", "/timeline/out", "after \"in\""},
        Case{"chapter_outside", "/timeline/chapters/1/t", "50", "/timeline/chapters/1/t", "after the timeline's out"},
        Case{"chapter_order", "/timeline/chapters/1/t", "1", "/timeline/chapters/1/t", "in time order"},
        Case{"marker_before_in", "/markers/0/t_in", "0.5", "/markers/0/t_in", "before the timeline's in"},
        Case{"marker_after_out", "/markers/0/t_out", "99", "/markers/0/t_out", "after the timeline's out"},
        Case{"marker_backwards", "/markers/0/t_out", "2", "/markers/0/t_out", "must end after it starts"},
        Case{"fade_sum", "/markers/0/fade_in", "6", "/markers/0/fade_out", "longer than the marker's window"},
        Case{"fade_negative", "/markers/0/fade_in", "-1", "/markers/0/fade_in", "in [0,"},
        Case{"track_order", "/camera/track/1/t", "1.5", "/camera/track/1/t", "keyframe times must increase"},
        Case{"track_outside", "/camera/track/0/t", "0.2", "/camera/track/0/t", "before the timeline's in"},
        Case{"duplicate_id_media_marker", "/markers/1/id", "\"plate\"", "/markers/1/id", "duplicate id \"plate\""},
        Case{"duplicate_id_markers", "/markers/1/id", "\"lens\"", "/markers/1/id", "duplicate id \"lens\""},
        Case{"empty_id", "/markers/1/id", "\"\"", "/markers/1/id", "must not be empty"},
        Case{"missing_file", "/media/0/src", "\"missing.mp4\"", "/media/0/src", "does not exist"},
        Case{"audio_folder", "/markers/0/audio", "\"narration\"", "/markers/0/audio", "\"narration\" is a folder"},
        Case{"audio_dot", "/markers/0/audio", "\".\"", "/markers/0/audio", "\".\" is a folder"},
        Case{"plate_folder", "/media/0/src", "\"narration/\"", "/media/0/src", "is a folder, not a file"},
        Case{"captions_device", "/markers/0/captions", "\"fifo.vtt\"", "/markers/0/captions", "is a FIFO (named pipe), not a regular file"},
        Case{"absolute_path", "/markers/0/audio", "\"/etc/passwd\"", "/markers/0/audio", "is absolute"},
        Case{"dotdot_path", "/camera/clip/src", "\"../film.mp4\"", "/camera/clip/src", "climbs out"},
        Case{"dotdot_inside", "/media/0/src", "\"narration/../plate.mp4\"", "/media/0/src", "climbs out"},
        Case{"symlink_out", "/media/0/src", "\"outside/passwd\"", "/media/0/src", "outside the package"},
        Case{"unknown_category", "/markers/0/category", "\"lens\"", "/markers/0/category", "unknown category \"lens\""},
        Case{"yaw_range", "/markers/0/at/yaw_deg", "200", "/markers/0/at/yaw_deg", "in [-180, 180]"},
        Case{"pitch_range", "/markers/0/at/pitch_deg", "-91", "/markers/0/at/pitch_deg", "in [-90, 90]"},
        Case{"distance_zero", "/markers/0/at/distance_m", "0", "/markers/0/at/distance_m", "greater than 0"},
        Case{"both_places", "/markers/0/stage", R"({"x":0,"y":0,"z":-1})", "/markers/0", "not both"},
        Case{"no_place", "/markers/1/stage", nullptr, "/markers/1", "missing the marker's place"},
        Case{"bad_cue", "/markers/0/captions", "\"narration/bad.vtt\"", "/markers/0/captions", "line 3"},
        Case{"captions_format", "/markers/0/captions", "\"notes.txt\"", "/markers/0/captions", "WebVTT (.vtt) or SubRip"},
        Case{"captions_without_audio", "/markers/1/captions", "\"narration/lens.vtt\"", "/markers/1/captions",
             "belong to a narration clip"},
        Case{"hfov", "/camera/hfov_deg", "180", "/camera/hfov_deg", "between 0 and 180"},
        Case{"aspect", "/camera/aspect", "-2.39", "/camera/aspect", "greater than 0"},
        Case{"media_kind", "/media/0/kind", "\"sphere\"", "/media/0/kind", "unknown media kind"},
        Case{"marker_not_object", "/markers/1", "[]", "/markers/1", "expected a marker object"},
        Case{"unknown_field", "/markers/0/colour", "\"red\"", "/markers/0/colour", "unknown field \"colour\"",
             Severity::Warning},
        Case{"unknown_top_field", "/notes", "{}", "/notes", "kept but PerfectShot ignores it", Severity::Warning},
        Case{"pointer_escaping", "/camera/a~0b~1c", "1", "/camera/a~0b~1c", "unknown field \"a~b/c\"",
             Severity::Warning}),
    test::problemCaseName);

TEST(ShotValidation, ExtensionFieldsPassSilently) {
  test::TempPackage pkg("extension");
  Json doc = Json::parse(test::validShotJson());
  doc["x-editor"] = {{"zoom", 2}};
  doc["markers"][0]["x-reviewed"] = true;
  const ShotParse p = parseShot(doc.dump(), pkg.shotJson());
  EXPECT_TRUE(p.problems.empty()) << describe(p.problems);
}

TEST(ShotValidation, ReportsEveryProblemNotJustTheFirst) {
  test::TempPackage pkg("many");
  Json doc = Json::parse(test::validShotJson());
  doc["title"] = 1;
  doc["markers"][0]["category"] = "lens";
  doc["camera"]["aspect"] = 0;
  const ShotParse p = parseShot(doc.dump(), pkg.shotJson());
  EXPECT_EQ(countErrors(p.problems), 3u) << describe(p.problems);
}

TEST(ShotValidation, NumbersTooLargeAndDeepNestingAreProblemsNotCrashes) {
  test::TempPackage pkg("extremes");
  std::string huge = test::validShotJson();
  huge.replace(huge.find("\"yaw_deg\": 30"), 13, "\"yaw_deg\": 1e999");
  const ShotParse h = parseShot(huge, pkg.shotJson());
  ASSERT_EQ(h.problems.size(), 1u) << describe(h.problems);
  EXPECT_NE(h.problems[0].message.find("number overflow parsing '1e999'"), std::string::npos) << describe(h.problems);

  const ShotParse deep = parseShot(std::string(100000, '[') + std::string(100000, ']'), pkg.shotJson());
  ASSERT_EQ(deep.problems.size(), 1u);
  EXPECT_NE(deep.problems[0].message.find("nested deeper"), std::string::npos);
  for (const char* notJson : {"NaN", "{\"format\": Infinity}", "", "{\"a\": 0x10}"})
    EXPECT_FALSE(parseShot(notJson, pkg.shotJson()).ok()) << notJson;
}

TEST(ShotValidation, AnythingAfterANulByteIsNotJson) {
  test::TempPackage pkg("nul");
  // nlohmann stops reading at a NUL byte, so the document before it used to pass alone.
  for (const std::string& tail : {std::string("\0garbage", 8), std::string("\0", 1)}) {
    const ShotParse p = parseShot(test::validShotJson() + tail, pkg.shotJson());
    ASSERT_EQ(p.problems.size(), 1u) << describe(p.problems);
    EXPECT_EQ(p.problems[0].pointer, "");
    EXPECT_NE(p.problems[0].message.find("NUL byte at offset " + std::to_string(test::validShotJson().size())),
              std::string::npos)
        << describe(p.problems);
  }
  pkg.write("shot.json", test::validShotJson() + std::string("\0garbage", 8));
  EXPECT_FALSE(loadShot(pkg.root()).ok());
}

TEST(ShotValidation, LoadShotFailsOnErrorsButNotOnWarnings) {
  test::TempPackage pkg("load");
  Json doc = Json::parse(test::validShotJson());
  doc["mystery"] = 1;
  pkg.write("shot.json", doc.dump());
  auto shot = loadShot(pkg.root());
  ASSERT_TRUE(shot.ok()) << shot.error().message();
  EXPECT_EQ(shot->markers.size(), 2u);
  doc["markers"][0]["t_out"] = 100;
  pkg.write("shot.json", doc.dump());
  auto bad = loadShot(pkg.root());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().where, pkg.shotJson().string() + "#/markers/0/t_out");
}

}  // namespace
}  // namespace ps::scenes
