// The editor's model: edits, undo/redo, and saves that keep what they do not know.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "package_fixture.h"
#include "scenes/shot_document.h"
#include "scenes/shot_loader.h"

namespace ps::scenes {
namespace {

namespace fs = std::filesystem;

using test::readFile;

// Unknown fields at every level, keys in an order nobody would sort them into.
std::string annotatedShot() {
  auto doc = nlohmann::ordered_json::parse(test::validShotJson());
  nlohmann::ordered_json out;
  out["x-studio"] = {{"reel", 7}, {"approved", false}};
  for (auto it = doc.rbegin(); it != doc.rend(); ++it) out[it.key()] = it.value();  // reversed key order
  out["markers"][0]["colour"] = "amber";
  out["camera"]["lens"] = {{"mm", 40}};
  out["zz_notes"] = "kept";
  return out.dump(1, '\t') + "\n";
}

ShotDocument openDoc(const test::TempPackage& pkg, const std::string& text) {
  pkg.write("shot.json", text);
  auto doc = ShotDocument::open(pkg.root());
  EXPECT_TRUE(doc.ok()) << doc.error().message();
  return std::move(doc).value();
}

TEST(ShotDocument, UneditedSaveKeepsEverythingButWhitespace) {
  test::TempPackage pkg("doc_unedited");
  const std::string original = annotatedShot();
  ShotDocument doc = openDoc(pkg, original);
  EXPECT_FALSE(doc.dirty());
  ASSERT_TRUE(doc.save().empty());
  const std::string saved = readFile(pkg.shotJson());
  EXPECT_NE(saved, original);  // re-indented...
  EXPECT_EQ(test::withoutWhitespace(saved), test::withoutWhitespace(original));  // ...and nothing else

  // Hand-written numbers (30, 1.0, -2, 2.39) come back as written.
  ShotDocument handWritten = openDoc(pkg, test::validShotJson());
  ASSERT_TRUE(handWritten.save().empty());
  EXPECT_EQ(test::withoutWhitespace(readFile(pkg.shotJson())), test::withoutWhitespace(test::validShotJson()));
}

TEST(ShotDocument, EditsSaveAndLoadBackEqual) {
  test::TempPackage pkg("doc_roundtrip");
  ShotDocument doc = openDoc(pkg, annotatedShot());
  auto id = doc.addMarker(-120, 10, 4);
  ASSERT_TRUE(id.ok()) << id.error().message();
  EXPECT_EQ(id.value(), "marker-1");
  MarkerEdit edit;
  edit.title = "Key light";
  edit.text = "A 10K through the window.";
  edit.category = MarkerCategory::Light;
  edit.tOut = 8.0;
  edit.distanceM = 5.5;
  edit.audio = "narration/lens.ogg";
  ASSERT_TRUE(doc.editMarker(id.value(), edit).ok());
  ASSERT_TRUE(doc.moveMarker("lens", 200, -95).ok());  // wraps yaw, clamps pitch
  ASSERT_TRUE(doc.moveMarkerToStage("lens", {0.5, 0, -1}).ok());
  ASSERT_TRUE(doc.deleteMarker("mark").ok());
  EXPECT_TRUE(doc.dirty());
  ASSERT_FALSE(hasErrors(doc.problems())) << doc.problems()[0].pointer << ": " << doc.problems()[0].message;
  EXPECT_EQ(doc.problems().size(), 3u);  // warnings for the unknown members: colour, lens, zz_notes
  ASSERT_TRUE(doc.save().empty());
  EXPECT_FALSE(doc.dirty());

  auto loaded = loadShot(pkg.root());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  EXPECT_TRUE(loaded.value() == doc.shot());
  const Marker* added = loaded->marker("marker-1");
  ASSERT_NE(added, nullptr);
  EXPECT_EQ(added->title, "Key light");
  EXPECT_EQ(added->category, MarkerCategory::Light);
  EXPECT_EQ(std::get<DirectionPlacement>(added->placement), (DirectionPlacement{-120, 10, 5.5}));
  EXPECT_EQ(std::get<StagePlacement>(loaded->marker("lens")->placement).position, (Vec3{0.5, 0, -1}));
  EXPECT_EQ(loaded->marker("mark"), nullptr);

  // What the editor does not know survived, in its place.
  const auto saved = nlohmann::ordered_json::parse(readFile(pkg.shotJson()));
  EXPECT_EQ(saved.begin().key(), "x-studio");
  EXPECT_EQ(saved["markers"][0]["colour"], "amber");
  EXPECT_EQ(saved["camera"]["lens"]["mm"], 40);
  EXPECT_EQ(std::prev(saved.end()).key(), "zz_notes");
  std::vector<std::string> keys;
  for (const auto& [k, v] : saved["markers"][0].items()) keys.push_back(k);
  EXPECT_EQ(keys.front(), "id");
  EXPECT_EQ(keys[keys.size() - 2], "colour");  // an existing key keeps its place; the new "stage" comes last
  EXPECT_EQ(keys.back(), "stage");
}

TEST(ShotDocument, UndoAndRedoRestoreTheExactStates) {
  test::TempPackage pkg("doc_undo");
  ShotDocument doc = openDoc(pkg, annotatedShot());
  std::vector<std::string> states{doc.text()};
  ASSERT_TRUE(doc.addMarker(10, 0, 2).ok());
  states.push_back(doc.text());
  MarkerEdit e;
  e.title = "Renamed";
  e.fadeIn = 0.25;
  ASSERT_TRUE(doc.editMarker("lens", e).ok());
  states.push_back(doc.text());
  ASSERT_TRUE(doc.moveMarker("mark", 45, 5).ok());
  states.push_back(doc.text());
  ASSERT_TRUE(doc.deleteMarker("lens").ok());
  states.push_back(doc.text());

  for (std::size_t i = states.size() - 1; i > 0; --i) {
    ASSERT_TRUE(doc.undo());
    EXPECT_EQ(doc.text(), states[i - 1]) << "undo to state " << i - 1;
  }
  EXPECT_FALSE(doc.undo());
  EXPECT_FALSE(doc.dirty());
  EXPECT_EQ(doc.shot().marker("lens")->title, "The lens");  // the model follows the text
  for (std::size_t i = 1; i < states.size(); ++i) {
    ASSERT_TRUE(doc.redo());
    EXPECT_EQ(doc.text(), states[i]) << "redo to state " << i;
  }
  EXPECT_FALSE(doc.redo());
  // A new edit after an undo drops what could have been redone.
  ASSERT_TRUE(doc.undo());
  ASSERT_TRUE(doc.addMarker(0, 0, 3).ok());
  EXPECT_FALSE(doc.canRedo());
}

TEST(ShotDocument, FailedEditsChangeNothing) {
  test::TempPackage pkg("doc_failed");
  ShotDocument doc = openDoc(pkg, test::validShotJson());
  const std::string before = doc.text();
  EXPECT_FALSE(doc.moveMarker("nobody", 0, 0).ok());
  EXPECT_FALSE(doc.deleteMarker("nobody").ok());
  EXPECT_FALSE(doc.addMarker(0, 0, 50).ok());  // after the timeline's out
  EXPECT_FALSE(doc.addMarker(std::nan(""), 0, 2).ok());
  MarkerEdit distance;
  distance.distanceM = 2;
  EXPECT_FALSE(doc.editMarker("mark", distance).ok());  // a stage marker has no distance
  EXPECT_EQ(doc.text(), before);
  EXPECT_FALSE(doc.canUndo());
}

TEST(ShotDocument, RefusesToSaveADocumentWithErrors) {
  test::TempPackage pkg("doc_refuse");
  const std::string original = test::validShotJson();
  ShotDocument doc = openDoc(pkg, original);
  MarkerEdit e;
  e.tOut = 99;
  e.captions = "narration/missing.vtt";
  ASSERT_TRUE(doc.editMarker("lens", e).ok());  // an edit may make errors; the UI shows them
  const auto problems = doc.save();
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].pointer, "/markers/0/t_out");
  EXPECT_EQ(problems[1].pointer, "/markers/0/captions");
  EXPECT_EQ(readFile(pkg.shotJson()), original);
  ASSERT_TRUE(doc.undo());
  EXPECT_TRUE(doc.save().empty());
}

TEST(ShotDocument, OpenFailsOnlyOnUnreadableOrNonObjectDocuments) {
  test::TempPackage pkg("doc_open");
  EXPECT_FALSE(ShotDocument::open(pkg.root() / "none.json").ok());
  pkg.write("shot.json", "[1, 2]");
  EXPECT_FALSE(ShotDocument::open(pkg.root()).ok());
  pkg.write("shot.json", "{\"format\": \"perfectshot/1\"}");
  auto doc = ShotDocument::open(pkg.root());
  ASSERT_TRUE(doc.ok());
  EXPECT_FALSE(doc->problems().empty());
  ASSERT_TRUE(doc->addMarker(0, 0, 0).ok());  // "markers" is created
  EXPECT_EQ(doc->shot().markers.size(), 1u);
}

}  // namespace
}  // namespace ps::scenes
