// Blocking read from shot.json: every part of a full example, and each kind of
// mistake refused or warned about at its JSON pointer with a sentence.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "package_fixture.h"
#include "problem_case.h"
#include "scenes/shot_loader.h"

namespace ps::scenes {
namespace {

using Json = nlohmann::ordered_json;

using test::describe;

TEST(BlockingReader, ReadsEveryPartOfTheExample) {
  test::TempPackage pkg("blocking_full");
  const ShotParse p = parseShot(test::validShotJson(), pkg.shotJson());
  ASSERT_TRUE(p.problems.empty()) << describe(p.problems);
  const Blocking& b = p.shot.blocking;

  ASSERT_EQ(b.marks.size(), 2u);
  EXPECT_EQ(b.marks[0], (FloorMark{"start-mark", "Rick starts", {1, 0.8, 0}, {1.5, -2}, 180.0}));
  EXPECT_EQ(b.marks[1], (FloorMark{"door-mark", "Door", {1, 1, 1}, {-1, -3.5}, std::nullopt}));  // white, facing nowhere

  ASSERT_EQ(b.actors.size(), 2u);
  const ActorPath& rick = b.actors[0];
  EXPECT_EQ(rick.id, "rick");
  EXPECT_EQ(rick.actor, "Rick");
  EXPECT_EQ(rick.colour, (Colour{0.2, 0.6, 1}));
  EXPECT_DOUBLE_EQ(rick.figureHeightM, 1.8);
  EXPECT_DOUBLE_EQ(rick.trailSeconds, 1.5);
  EXPECT_EQ(rick.keys, (std::vector<ActorKey>{{2, {1.5, -2}}, {4, {-0.5, -2}}, {8, {-0.5, -4}}}));
  const ActorPath& ilsa = b.actors[1];
  EXPECT_DOUBLE_EQ(ilsa.figureHeightM, kDefaultFigureHeightM);
  EXPECT_DOUBLE_EQ(ilsa.trailSeconds, kDefaultTrailSeconds);
  EXPECT_EQ(ilsa.keys, (std::vector<ActorKey>{{1, {0, -1}}}));

  ASSERT_TRUE(b.dolly.has_value());
  EXPECT_EQ(b.dolly->name, "Main track");
  EXPECT_EQ(b.dolly->points, (std::vector<FloorPoint>{{-2, 1}, {2, 1}, {3, 0}}));

  ASSERT_EQ(b.measurements.size(), 1u);
  EXPECT_EQ(b.measurements[0].id, "door-height");
  EXPECT_EQ(b.measurements[0].name, "Door frame");
  EXPECT_EQ(b.measurements[0].b, (Vec3{-1, 2.1, -4}));
  EXPECT_DOUBLE_EQ(b.measurements[0].distanceM(), 2.1);
}

TEST(BlockingReader, AShotWithoutBlockingHasNone) {
  test::TempPackage pkg("blocking_none");
  Json doc = Json::parse(test::validShotJson());
  doc.erase("blocking");
  const ShotParse p = parseShot(doc.dump(), pkg.shotJson());
  ASSERT_TRUE(p.problems.empty()) << describe(p.problems);
  EXPECT_TRUE(p.shot.blocking.empty());
}

TEST(BlockingReader, TheLimitsThemselvesAreAccepted) {
  test::TempPackage pkg("blocking_limits");
  Json doc = Json::parse(test::validShotJson());
  doc["blocking"]["actors"][0]["figure_height_m"] = 3;
  doc["blocking"]["actors"][1]["figure_height_m"] = 0.31;
  doc["blocking"]["marks"][0]["x"] = -100;
  doc["blocking"]["dolly"]["points"][0]["z"] = 100;
  doc["blocking"]["actors"][0]["trail_seconds"] = 0;
  const ShotParse p = parseShot(doc.dump(), pkg.shotJson());
  EXPECT_TRUE(p.problems.empty()) << describe(p.problems);
}

using Case = test::ProblemCase;

class BlockingProblem : public ::testing::TestWithParam<Case> {};

TEST_P(BlockingProblem, IsReportedWithItsPointerAndSentence) {
  const Case& c = GetParam();
  test::TempPackage pkg(std::string("blocking_") + c.name);
  test::expectProblem(c, Json::parse(test::validShotJson()), pkg);
}

INSTANTIATE_TEST_SUITE_P(
    EachClass, BlockingProblem,
    ::testing::Values(
        Case{"not_an_object", "/blocking", "[]", "/blocking", "expected an object {marks, actors, dolly, measurements}"},
        Case{"unknown_member", "/blocking/props", "[]", "/blocking/props", "unknown field \"props\"", Severity::Warning},
        Case{"mark_not_object", "/blocking/marks/1", "3", "/blocking/marks/1", "expected a floor mark object"},
        Case{"mark_unknown_member", "/blocking/marks/0/y", "0", "/blocking/marks/0/y", "unknown field \"y\"",
             Severity::Warning},
        Case{"mark_without_z", "/blocking/marks/1/z", nullptr, "/blocking/marks/1", "missing required field \"z\""},
        Case{"mark_off_stage", "/blocking/marks/0/x", "150", "/blocking/marks/0/x", "in [-100, 100], found 150"},
        Case{"mark_facing", "/blocking/marks/0/yaw_deg", "270", "/blocking/marks/0/yaw_deg", "in [-180, 180]"},
        Case{"mark_id_of_a_marker", "/blocking/marks/1/id", "\"lens\"", "/blocking/marks/1/id", "duplicate id \"lens\""},
        Case{"mark_id_twice", "/blocking/marks/1/id", "\"start-mark\"", "/blocking/marks/1/id",
             "duplicate id \"start-mark\""},
        Case{"measurement_id_of_a_path", "/blocking/measurements/0/id", "\"rick\"", "/blocking/measurements/0/id",
             "duplicate id \"rick\""},
        Case{"empty_id", "/blocking/actors/1/id", "\"\"", "/blocking/actors/1/id", "must not be empty"},
        Case{"colour_string", "/blocking/marks/0/colour", "\"#ff0000\"", "/blocking/marks/0/colour",
             "expected an array [r, g, b] of sRGB components in [0, 1], found string"},
        Case{"colour_short", "/blocking/actors/0/colour", "[1, 0]", "/blocking/actors/0/colour", "found 2 element(s)"},
        Case{"colour_component", "/blocking/marks/0/colour/1", "1.5", "/blocking/marks/0/colour/1",
             "expected an sRGB component in [0, 1], found 1.5"},
        Case{"colour_huge", "/blocking/marks/0/colour/2", "-1e300", "/blocking/marks/0/colour/2", "found -1e+300"},
        Case{"colour_null", "/blocking/marks/0/colour/0", "null", "/blocking/marks/0/colour/0", "found null"},
        Case{"actor_without_name", "/blocking/actors/0/actor", nullptr, "/blocking/actors/0",
             "missing required field \"actor\""},
        Case{"figure_too_short", "/blocking/actors/0/figure_height_m", "0.3", "/blocking/actors/0/figure_height_m",
             "a figure is more than 0.3 m and at most 3 m tall, found 0.3 m"},
        Case{"figure_too_tall", "/blocking/actors/1/figure_height_m", "3.01", "/blocking/actors/1/figure_height_m",
             "found 3.01 m"},
        Case{"trail_negative", "/blocking/actors/0/trail_seconds", "-1", "/blocking/actors/0/trail_seconds", "in [0,"},
        Case{"keys_missing", "/blocking/actors/1/keys", nullptr, "/blocking/actors/1", "missing required field \"keys\""},
        Case{"keys_empty", "/blocking/actors/1/keys", "[]", "/blocking/actors/1/keys", "needs at least one key"},
        Case{"keys_not_array", "/blocking/actors/1/keys", "{}", "/blocking/actors/1/keys", "expected an array of keys"},
        Case{"key_not_object", "/blocking/actors/0/keys/1", "4", "/blocking/actors/0/keys/1", "expected a key object"},
        Case{"key_out_of_order", "/blocking/actors/0/keys/2/t", "3.5", "/blocking/actors/0/keys/2/t",
             "keys must be in time order; 3.5 s is not after the previous key's 4 s"},
        Case{"key_at_the_same_time", "/blocking/actors/0/keys/1/t", "2", "/blocking/actors/0/keys/1/t",
             "2 s is not after the previous key's 2 s"},
        Case{"key_negative_time", "/blocking/actors/0/keys/0/t", "-1", "/blocking/actors/0/keys/0/t", "in [0,"},
        Case{"key_off_stage", "/blocking/actors/0/keys/1/z", "-100.5", "/blocking/actors/0/keys/1/z", "found -100.5"},
        Case{"key_x_as_text", "/blocking/actors/0/keys/1/x", "\"1\"", "/blocking/actors/0/keys/1/x",
             "expected metres, found string"},
        Case{"key_after_out", "/blocking/actors/0/keys/2/t", "13", "/blocking/actors/0/keys/2/t",
             "13 s is after the timeline's out (12 s)", Severity::Warning},
        Case{"key_before_in", "/blocking/actors/1/keys/0/t", "0.5", "/blocking/actors/1/keys/0/t",
             "0.5 s is before the timeline's in (1 s)", Severity::Warning},
        Case{"dolly_not_object", "/blocking/dolly", "[]", "/blocking/dolly", "expected an object {name, points}"},
        Case{"dolly_one_point", "/blocking/dolly/points", R"([{"x": 0, "z": 0}])", "/blocking/dolly/points",
             "at least two points"},
        Case{"dolly_off_stage", "/blocking/dolly/points/1/x", "101", "/blocking/dolly/points/1/x", "found 101"},
        Case{"dolly_without_points", "/blocking/dolly/points", nullptr, "/blocking/dolly",
             "missing required field \"points\""},
        Case{"measurement_off_stage", "/blocking/measurements/0/b/y", "250", "/blocking/measurements/0/b/y",
             "in [-100, 100], found 250"},
        Case{"measurement_without_a", "/blocking/measurements/0/a", nullptr, "/blocking/measurements/0",
             "missing required field \"a\""},
        Case{"measurement_point_partial", "/blocking/measurements/0/a/y", nullptr, "/blocking/measurements/0/a",
             "missing required field \"y\""}),
    test::problemCaseName);

TEST(BlockingReader, AnInfiniteNumberIsRefusedBeforeReading) {
  test::TempPackage pkg("blocking_infinite");
  std::string text = test::validShotJson();
  text.replace(text.find("\"x\": -0.5, \"z\": -4"), 9, "\"x\": 1e999");
  const ShotParse p = parseShot(text, pkg.shotJson());
  ASSERT_EQ(p.problems.size(), 1u) << describe(p.problems);
  EXPECT_NE(p.problems[0].message.find("number overflow parsing '1e999'"), std::string::npos) << describe(p.problems);
}

// What lint prints for it, and the first error loadShot refuses the shot with.
TEST(BlockingReader, KeysOutOfOrderAreALintLineAndRefuseTheShot) {
  test::TempPackage pkg("blocking_lint");
  Json doc = Json::parse(test::validShotJson());
  doc["blocking"]["actors"][0]["keys"][2]["t"] = 3.5;
  doc["blocking"]["actors"][1]["keys"][0]["t"] = 20;
  pkg.write("shot.json", doc.dump());
  const std::string file = pkg.shotJson().string();
  const ShotParse p = parseShot(doc.dump(), pkg.shotJson());
  std::vector<std::string> lines;
  for (const auto& pr : p.problems) lines.push_back(diagnosticLine(file, pr));
  EXPECT_EQ(lines, (std::vector<std::string>{
                       file + "#/blocking/actors/0/keys/2/t: error: keys must be in time order; 3.5 s is not after "
                              "the previous key's 4 s",
                       file + "#/blocking/actors/1/keys/0/t: warning: 20 s is after the timeline's out (12 s)"}));

  auto shot = loadShot(pkg.root());
  ASSERT_FALSE(shot.ok());
  EXPECT_EQ(shot.error().message(),
            file + "#/blocking/actors/0/keys/2/t: keys must be in time order; 3.5 s is not after the previous key's 4 s");
}

}  // namespace
}  // namespace ps::scenes
