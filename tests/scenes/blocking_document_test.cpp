// The editor's blocking edits: each one undo step, validated, saved and read back.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>

#include "package_fixture.h"
#include "problem_case.h"
#include "scenes/shot_document.h"

namespace ps::scenes {
namespace {

using Json = nlohmann::ordered_json;
using test::readFile;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

using test::describe;

ShotDocument openDoc(const test::TempPackage& pkg, const std::string& text) {
  pkg.write("shot.json", text);
  auto doc = ShotDocument::open(pkg.root());
  EXPECT_TRUE(doc.ok()) << doc.error().message();
  return std::move(doc).value();
}

// An added entry's edit succeeds with the id it should have been given.
Status addedAs(const Result<std::string>& id, const std::string& expected) {
  if (!id) return id.error();
  EXPECT_EQ(id.value(), expected);
  return ok();
}

struct EditCase {
  const char* name;
  std::function<Status(ShotDocument&)> edit;
  std::function<void(const Blocking&)> expectEdited;  // gtest expectations on the edited blocking
};

std::ostream& operator<<(std::ostream& os, const EditCase& c) { return os << c.name; }

class BlockingEdit : public ::testing::TestWithParam<EditCase> {};

TEST_P(BlockingEdit, IsOneUndoStepThatSavesAndReopens) {
  const EditCase& c = GetParam();
  test::TempPackage pkg(std::string("blocking_edit_") + c.name);
  ShotDocument doc = openDoc(pkg, test::validShotJson());
  const std::string before = doc.text();
  const Blocking original = doc.shot().blocking;

  const Status edited = c.edit(doc);
  ASSERT_TRUE(edited.ok()) << edited.error().message();
  EXPECT_TRUE(doc.problems().empty()) << describe(doc.problems());
  const std::string after = doc.text();
  EXPECT_NE(after, before);
  c.expectEdited(doc.shot().blocking);

  ASSERT_TRUE(doc.undo());
  EXPECT_EQ(doc.text(), before);
  EXPECT_EQ(doc.shot().blocking, original);
  EXPECT_FALSE(doc.canUndo());
  EXPECT_FALSE(doc.dirty());
  ASSERT_TRUE(doc.redo());
  EXPECT_EQ(doc.text(), after);

  ASSERT_TRUE(doc.save().empty());
  auto reopened = ShotDocument::open(pkg.root());
  ASSERT_TRUE(reopened.ok()) << reopened.error().message();
  EXPECT_EQ(reopened->text(), after);
  EXPECT_TRUE(reopened->shot() == doc.shot());
  c.expectEdited(reopened->shot().blocking);
}

INSTANTIATE_TEST_SUITE_P(
    EachEdit, BlockingEdit,
    ::testing::Values(
        EditCase{"add_floor_mark",
                 [](ShotDocument& d) { return addedAs(d.addFloorMark({0.5, -1.5}, "Sam", {0, 1, 0}), "floor-mark-1"); },
                 [](const Blocking& b) {
                   ASSERT_EQ(b.marks.size(), 3u);
                   EXPECT_EQ(b.marks[2], (FloorMark{"floor-mark-1", "Sam", {0, 1, 0}, {0.5, -1.5}, std::nullopt}));
                 }},
        EditCase{"move_floor_mark", [](ShotDocument& d) { return d.moveFloorMark("door-mark", {-1.25, -3}); },
                 [](const Blocking& b) {
                   EXPECT_EQ(b.marks[1].position, (FloorPoint{-1.25, -3}));
                   EXPECT_EQ(b.marks[1].name, "Door");
                 }},
        EditCase{"rename_floor_mark", [](ShotDocument& d) { return d.renameFloorMark("start-mark", "Top of the scene"); },
                 [](const Blocking& b) { EXPECT_EQ(b.marks[0].name, "Top of the scene"); }},
        EditCase{"recolour_floor_mark", [](ShotDocument& d) { return d.recolourFloorMark("door-mark", {0.5, 0, 1}); },
                 [](const Blocking& b) { EXPECT_EQ(b.marks[1].colour, (Colour{0.5, 0, 1})); }},
        EditCase{"delete_floor_mark", [](ShotDocument& d) { return d.deleteFloorMark("start-mark"); },
                 [](const Blocking& b) {
                   ASSERT_EQ(b.marks.size(), 1u);
                   EXPECT_EQ(b.marks[0].id, "door-mark");
                 }},
        EditCase{"add_actor_path",
                 [](ShotDocument& d) { return addedAs(d.addActorPath("Sam", {3, {2, -2}}, {1, 0, 0}), "path-1"); },
                 [](const Blocking& b) {
                   ASSERT_EQ(b.actors.size(), 3u);
                   EXPECT_EQ(b.actors[2], (ActorPath{"path-1", "Sam", {1, 0, 0}, kDefaultFigureHeightM,
                                                     kDefaultTrailSeconds, {{3, {2, -2}}}}));
                 }},
        EditCase{"delete_actor_path", [](ShotDocument& d) { return d.deleteActorPath("ilsa"); },
                 [](const Blocking& b) {
                   ASSERT_EQ(b.actors.size(), 1u);
                   EXPECT_EQ(b.actors[0].id, "rick");
                 }},
        EditCase{"add_key_between", [](ShotDocument& d) { return d.addActorKey("rick", {6, {0.5, -3}}); },
                 [](const Blocking& b) {
                   EXPECT_EQ(b.actors[0].keys,
                             (std::vector<ActorKey>{{2, {1.5, -2}}, {4, {-0.5, -2}}, {6, {0.5, -3}}, {8, {-0.5, -4}}}));
                 }},
        EditCase{"add_key_first", [](ShotDocument& d) { return d.addActorKey("rick", {1.5, {2, -1}}); },
                 [](const Blocking& b) {
                   ASSERT_EQ(b.actors[0].keys.size(), 4u);
                   EXPECT_EQ(b.actors[0].keys[0], (ActorKey{1.5, {2, -1}}));
                 }},
        EditCase{"add_key_last", [](ShotDocument& d) { return d.addActorKey("ilsa", {5, {1, 1}}); },
                 [](const Blocking& b) {
                   EXPECT_EQ(b.actors[1].keys, (std::vector<ActorKey>{{1, {0, -1}}, {5, {1, 1}}}));
                 }},
        EditCase{"move_key", [](ShotDocument& d) { return d.moveActorKey("rick", 1, {-1, -2.5}); },
                 [](const Blocking& b) { EXPECT_EQ(b.actors[0].keys[1], (ActorKey{4, {-1, -2.5}})); }},
        EditCase{"delete_key", [](ShotDocument& d) { return d.deleteActorKey("rick", 0); },
                 [](const Blocking& b) {
                   EXPECT_EQ(b.actors[0].keys, (std::vector<ActorKey>{{4, {-0.5, -2}}, {8, {-0.5, -4}}}));
                 }},
        EditCase{"add_measurement",
                 [](ShotDocument& d) {
                   return addedAs(d.addMeasurement({0, 0, 0}, {3, 0, -4}, "Lens to mark"), "measurement-1");
                 },
                 [](const Blocking& b) {
                   ASSERT_EQ(b.measurements.size(), 2u);
                   EXPECT_EQ(b.measurements[1].name, "Lens to mark");
                   EXPECT_DOUBLE_EQ(b.measurements[1].distanceM(), 5);
                 }},
        EditCase{"delete_measurement", [](ShotDocument& d) { return d.deleteMeasurement("door-height"); },
                 [](const Blocking& b) { EXPECT_TRUE(b.measurements.empty()); }}),
    [](const ::testing::TestParamInfo<EditCase>& row) { return std::string(row.param.name); });

TEST(BlockingEdits, FailedEditsChangeNothing) {
  test::TempPackage pkg("blocking_failed");
  ShotDocument doc = openDoc(pkg, test::validShotJson());
  const std::string before = doc.text();
  const Status missing = doc.moveFloorMark("nobody", {0, 0});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message(), "#/blocking/marks: no floor mark with id \"nobody\"");
  EXPECT_FALSE(doc.renameFloorMark("rick", "Rick").ok());  // an actor path's id, not a floor mark's
  EXPECT_FALSE(doc.deleteActorPath("start-mark").ok());
  EXPECT_FALSE(doc.deleteMeasurement("nobody").ok());
  EXPECT_FALSE(doc.addFloorMark({kNaN, 0}).ok());
  EXPECT_FALSE(doc.recolourFloorMark("door-mark", {kInf, 0, 0}).ok());
  EXPECT_FALSE(doc.addActorPath("Sam", {kNaN, {0, 0}}).ok());
  EXPECT_FALSE(doc.addActorKey("rick", {5, {kInf, 0}}).ok());
  EXPECT_FALSE(doc.addMeasurement({0, 0, 0}, {kNaN, 0, 0}).ok());
  EXPECT_FALSE(doc.addActorKey("nobody", {5, {0, 0}}).ok());
  const Status sameTime = doc.addActorKey("rick", {4, {0, 0}});
  ASSERT_FALSE(sameTime.ok());
  EXPECT_NE(sameTime.error().what.find("has a key at 4 s already"), std::string::npos) << sameTime.error().message();
  EXPECT_FALSE(doc.moveActorKey("rick", 3, {0, 0}).ok());
  const Status onlyKey = doc.deleteActorKey("ilsa", 0);
  ASSERT_FALSE(onlyKey.ok());
  EXPECT_NE(onlyKey.error().what.find("at least one key"), std::string::npos) << onlyKey.error().message();
  EXPECT_EQ(doc.text(), before);
  EXPECT_FALSE(doc.canUndo());
}

TEST(BlockingEdits, AnEditOffTheStageIsShownAndNotSaved) {
  test::TempPackage pkg("blocking_off_stage");
  const std::string original = test::validShotJson();
  ShotDocument doc = openDoc(pkg, original);
  ASSERT_TRUE(doc.moveFloorMark("door-mark", {150, 0}).ok());
  const auto problems = doc.save();
  ASSERT_EQ(problems.size(), 1u) << describe(problems);
  EXPECT_EQ(problems[0].pointer, "/blocking/marks/1/x");
  EXPECT_EQ(readFile(pkg.shotJson()), original);
  ASSERT_TRUE(doc.undo());
  EXPECT_TRUE(doc.problems().empty()) << describe(doc.problems());

  // A key after the timeline's out is a warning: the path is saved.
  ASSERT_TRUE(doc.addActorKey("rick", {20, {0, 0}}).ok());
  ASSERT_EQ(doc.problems().size(), 1u) << describe(doc.problems());
  EXPECT_EQ(doc.problems()[0].pointer, "/blocking/actors/0/keys/3/t");
  EXPECT_EQ(doc.problems()[0].severity, Severity::Warning);
  EXPECT_TRUE(doc.save().empty());
}

TEST(BlockingEdits, AShotWithoutBlockingGainsItWithIdsUnusedInTheShot) {
  test::TempPackage pkg("blocking_created");
  Json json = Json::parse(test::validShotJson());
  json.erase("blocking");
  json["markers"][0]["id"] = "floor-mark-1";
  ShotDocument doc = openDoc(pkg, json.dump(2));
  auto mark = doc.addFloorMark({1, -1});
  ASSERT_TRUE(mark.ok()) << mark.error().message();
  EXPECT_EQ(mark.value(), "floor-mark-2");
  auto path = doc.addActorPath("Sam", {2, {0, 0}});
  ASSERT_TRUE(path.ok()) << path.error().message();
  EXPECT_EQ(path.value(), "path-1");
  EXPECT_TRUE(doc.problems().empty()) << describe(doc.problems());
  ASSERT_EQ(doc.shot().blocking.marks.size(), 1u);
  EXPECT_EQ(doc.shot().blocking.actors.size(), 1u);
  const Json saved = Json::parse(doc.text());
  EXPECT_EQ(std::prev(saved.end()).key(), "blocking");

  pkg.write("shot.json", R"({"format": "perfectshot/1", "blocking": []})");
  auto wrong = ShotDocument::open(pkg.root());
  ASSERT_TRUE(wrong.ok());
  const auto refused = wrong->addFloorMark({0, 0});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().what.find("\"blocking\" is not an object"), std::string::npos);
}

TEST(BlockingEdits, UnknownMembersOfAnEntryStayInTheirPlace) {
  test::TempPackage pkg("blocking_unknown");
  Json json = Json::parse(test::validShotJson());
  json["blocking"]["marks"][1]["tape"] = "gaffer";
  json["blocking"]["x-notes"] = "from the second rehearsal";
  ShotDocument doc = openDoc(pkg, json.dump(2));
  ASSERT_TRUE(doc.moveFloorMark("door-mark", {-2, -3}).ok());
  ASSERT_TRUE(doc.save().empty());
  const Json saved = Json::parse(readFile(pkg.shotJson()));
  std::vector<std::string> keys;
  for (const auto& [k, v] : saved["blocking"]["marks"][1].items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "name", "x", "z", "tape"}));
  EXPECT_EQ(saved["blocking"]["marks"][1]["tape"], "gaffer");
  EXPECT_EQ(saved["blocking"]["x-notes"], "from the second rehearsal");
}

}  // namespace
}  // namespace ps::scenes
