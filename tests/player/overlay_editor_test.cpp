// The overlay, marker selection and the marker editor in-process: on their own with a made-up
// display frame (no GPU), and in the player loop on an offscreen display, where a press the
// overlay or the editor takes is not also play/pause.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cmath>
#include <filesystem>
#include <set>
#include <string>

#include <glm/gtc/quaternion.hpp>

#include "loop_harness.h"
#include "engine/font_atlas.h"
#include "player/marker_editor.h"
#include "ui/headset_menu_geometry.h"
#include "ui/view_projection.h"
#include "player/commands.h"
#include "player/marker_selection.h"
#include "player/shot_sets.h"
#include "player/view_overlay.h"
#include "scenes/shot_document.h"
#include "scenes/shot_loader.h"
#include "scenes/splat_ray.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

constexpr float kMarkerYaw = 30, kMarkerPitch = -5;  // the shot's one marker ("lens")

std::vector<scenes::Marker> shotMarkers() {
  auto shot = scenes::loadShot(kLoopShot);
  EXPECT_TRUE(shot) << shot.error().message();
  return shot ? shot->markers : std::vector<scenes::Marker>{};
}

// A display frame with one eye seeing `view` in a 64x36 target (nothing to draw into: the
// selection and the editor only read the eye's view and extent).
xr::DisplayFrame frameSeeing(const engine::View& view) {
  xr::DisplayFrame frame;
  xr::EyeTarget eye;
  eye.view = view;
  eye.target.extent = {64, 36};
  frame.eyes.push_back(eye);
  return frame;
}

// The trigger pulled pointing along `view` from `from`, as the commands say it.
player::Commands pointAndPull(engine::View view, glm::vec3 from = glm::vec3(0)) {
  player::Commands in;
  view.position = from;
  in.aim = view;
  in.select = true;
  return in;
}

// The same as the headset reports it: the right controller's trigger and aim.
xr::RawInput pullTrigger(engine::View view, glm::vec3 from) {
  xr::RawInput in;
  view.position = from;
  xr::ControllerInput& right = in.hand(xr::Hand::Right);
  right.aim = view;
  right.trigger = {/*held=*/true, /*pressed=*/true};
  right.triggerValue = 1;
  return in;
}

// A copy of the test shot in a fresh temporary folder (removed at the end).
class ShotCopy {
 public:
  ShotCopy() {
    std::string pattern = (fs::temp_directory_path() / "ps-editor-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    dir_ = pattern;
    fs::copy_file(fs::path(kLoopShot) / "shot.json", dir_ / "shot.json");
    fs::copy_file(fs::path(kLoopShot) / "plate.mp4", dir_ / "plate.mp4");
  }
  ~ShotCopy() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  const fs::path& dir() const { return dir_; }
  fs::path file() const { return dir_ / "shot.json"; }
  std::set<std::string> entries() const {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) names.insert(e.path().filename().string());
    return names;
  }
  std::size_t markersOnDisk(const fs::path& file) const {
    auto shot = scenes::loadShot(file);
    EXPECT_TRUE(shot) << shot.error().message();
    return shot ? shot->markers.size() : 0;
  }

 private:
  fs::path dir_;
};

TEST(MarkerSelection, ThePressOnAMarkerOpensItsCardAndAgainClosesIt) {
  player::ViewOverlayOptions options;
  options.markers = shotMarkers();
  ASSERT_EQ(options.markers.size(), 1u);
  player::ViewOverlay overlay(options);
  player::MarkerSelection selection(overlay, nullptr, /*gazeDwell=*/false);
  const xr::DisplayFrame frame = frameSeeing(lookAt(0, 0));

  EXPECT_FALSE(selection.apply(frame, pointAndPull(lookAt(-90, 0)), 1.0, 0)) << "nothing there: not taken";
  EXPECT_FALSE(overlay.paint().open);
  EXPECT_TRUE(selection.apply(frame, pointAndPull(lookAt(kMarkerYaw, kMarkerPitch)), 1.0, 0));
  EXPECT_EQ(overlay.paint().open, 0u);
  EXPECT_TRUE(selection.apply(frame, pointAndPull(lookAt(kMarkerYaw, kMarkerPitch)), 1.0, 0));
  EXPECT_FALSE(overlay.paint().open);
}

TEST(MarkerEditor, PlacesAMarkerWhereThePressPointsAndSavesTheShotAtomically) {
  ShotCopy copy;
  // A second name for the file as it was: an in-place write would change it too.
  fs::create_hard_link(copy.file(), copy.dir() / "before.json");
  auto document = scenes::ShotDocument::open(copy.file());
  ASSERT_TRUE(document) << document.error().message();
  player::ViewOverlay overlay({});
  player::MarkerEditor editor(std::move(*document), overlay, /*active=*/true);
  EXPECT_EQ(overlay.markers().size(), 1u) << "the overlay shows the document's markers";
  const std::uint64_t revision = editor.revision();

  // Headset: the trigger away from any marker places one at the playhead and saves at once.
  player::Commands in = pointAndPull(lookAt(-90, 10));
  EXPECT_TRUE(editor.apply(frameSeeing(lookAt(0, 0)), in, 1.0));
  EXPECT_NE(editor.revision(), revision);
  ASSERT_EQ(overlay.markers().size(), 2u);
  EXPECT_FALSE(editor.document().dirty());
  auto saved = scenes::loadShot(copy.file());
  ASSERT_TRUE(saved) << saved.error().message();
  ASSERT_EQ(saved->markers.size(), 2u);
  const scenes::Marker& placed = saved->markers.back();
  EXPECT_NEAR(placed.tIn, 1.0, 1e-6);
  const auto* at = std::get_if<scenes::DirectionPlacement>(&placed.placement);
  ASSERT_NE(at, nullptr);
  EXPECT_NEAR(at->yawDeg, -90, 0.5);
  EXPECT_NEAR(at->pitchDeg, 10, 0.5);
  EXPECT_EQ(copy.markersOnDisk(copy.dir() / "before.json"), 1u) << "the save replaced the file, not wrote into it";
  EXPECT_EQ(copy.entries(), (std::set<std::string>{"shot.json", "before.json", "plate.mp4"}))
      << "nothing left over from the save";
}

TEST(MarkerEditor, ThePointerOnASplatSurfacePlacesTheMarkerOnIt) {
  ShotCopy copy;
  auto document = scenes::ShotDocument::open(copy.file());
  ASSERT_TRUE(document) << document.error().message();
  player::ViewOverlay overlay({});
  overlay.setOrigin({0.0f, 1.6f, 0.0f});
  // A splat capture standing 2 m ahead of the controller, as the player's picking meets it.
  auto cloud = std::make_shared<scenes::SplatCloud>();
  cloud->resize(1, 0);
  cloud->positions[0] = glm::vec3(0.0f, 1.2f, -2.5f);
  cloud->scales[0] = glm::vec3(0.4f, 0.4f, 0.005f);
  cloud->opacities[0] = 0.95f;
  const scenes::SplatRayTarget splats(cloud, glm::mat4(1.0f));
  overlay.setSceneHit([&](const engine::Ray& ray) { return splats.nearestHit(ray.origin, ray.direction); });
  player::MarkerEditor editor(std::move(*document), overlay, /*active=*/true);

  // The controller at (0, 1.2, -0.5) in stage, pointing straight ahead: the surface is 2 m away.
  player::Commands in = pointAndPull(lookAt(0, 0), glm::vec3(0.0f, 1.2f, -0.5f));
  EXPECT_TRUE(editor.apply(frameSeeing(lookAt(0, 0)), in, 1.0));
  auto saved = scenes::loadShot(copy.file());
  ASSERT_TRUE(saved) << saved.error().message();
  ASSERT_EQ(saved->markers.size(), 2u);
  const auto* stage = std::get_if<scenes::StagePlacement>(&saved->markers.back().placement);
  ASSERT_NE(stage, nullptr) << "a marker on a surface stands where the surface is";
  EXPECT_NEAR(stage->position.x, 0.0, 1e-3);
  EXPECT_NEAR(stage->position.y, 1.2, 1e-3);
  EXPECT_NEAR(stage->position.z, -2.5, 1e-3);

  // Pointing past the capture, nothing is met: a direction marker as before.
  player::Commands away = pointAndPull(lookAt(90, 0), glm::vec3(0.0f, 1.2f, -0.5f));
  EXPECT_TRUE(editor.apply(frameSeeing(lookAt(0, 0)), away, 1.0));
  saved = scenes::loadShot(copy.file());
  ASSERT_TRUE(saved) << saved.error().message();
  ASSERT_EQ(saved->markers.size(), 3u);
  EXPECT_NE(std::get_if<scenes::DirectionPlacement>(&saved->markers.back().placement), nullptr);
}

TEST(MarkerEditor, AClickPlacesUndoTakesItBackAndOnlyCtrlSWrites) {
  ShotCopy copy;
  auto document = scenes::ShotDocument::open(copy.file());
  ASSERT_TRUE(document) << document.error().message();
  player::ViewOverlay overlay({});
  player::MarkerEditor editor(std::move(*document), overlay, /*active=*/true);
  const xr::DisplayFrame frame = frameSeeing(lookAt(0, 0));

  player::Commands click;
  click.viewClicked = glm::vec2(10, 10);  // top left of the view: no marker there
  EXPECT_FALSE(editor.apply(frame, click, 0.5)) << "a window click is not the trigger's press";
  EXPECT_EQ(overlay.markers().size(), 2u);
  EXPECT_TRUE(editor.document().dirty());
  EXPECT_EQ(copy.markersOnDisk(copy.file()), 1u) << "not written before Ctrl+S";

  player::Commands undo;
  undo.gui.keys.push_back({engine::GuiKey::Z, /*ctrl=*/true, /*shift=*/false});
  editor.apply(frame, undo, 0.5);
  EXPECT_EQ(overlay.markers().size(), 1u);

  player::Commands redoAndSave;
  redoAndSave.gui.keys.push_back({engine::GuiKey::Y, /*ctrl=*/true, /*shift=*/false});
  redoAndSave.gui.keys.push_back({engine::GuiKey::S, /*ctrl=*/true, /*shift=*/false});
  editor.apply(frame, redoAndSave, 0.5);
  EXPECT_EQ(overlay.markers().size(), 2u);
  EXPECT_FALSE(editor.document().dirty());
  EXPECT_EQ(copy.markersOnDisk(copy.file()), 2u);
  EXPECT_EQ(copy.entries(), (std::set<std::string>{"shot.json", "plate.mp4"}));
}

// The saved marker "lens" in the copy's file.
scenes::Marker savedLens(const ShotCopy& copy) {
  auto shot = scenes::loadShot(copy.file());
  EXPECT_TRUE(shot) << shot.error().message();
  if (shot)
    for (const scenes::Marker& m : shot->markers)
      if (m.id == "lens") return m;
  return {};
}

// Headset: the trigger on a marker selects it and opens its menu, which then has the
// thumbstick (not the playhead): a push down and the grip take the next preset title; a push
// right moves it a frame later; "Delete marker", then "Undo" (first of what is left) brings it
// back selected; "Close" gives the stick back. Each change is on disk at once.
TEST(MarkerEditor, InTheHeadsetTheMenuHasTheThumbstickAndEachChangeIsSaved) {
  ShotCopy copy;
  {
    // One second long, so that a frame later still ends inside the 2 s timeline.
    auto shorter = scenes::ShotDocument::open(copy.file());
    ASSERT_TRUE(shorter);
    scenes::MarkerEdit edit;
    edit.tOut = 1.0;
    ASSERT_TRUE(shorter->editMarker("lens", edit).ok());
    ASSERT_TRUE(shorter->save().empty());
  }
  auto document = scenes::ShotDocument::open(copy.file());
  ASSERT_TRUE(document) << document.error().message();
  player::ViewOverlay overlay({});
  player::MarkerEditor editor(std::move(*document), overlay, /*active=*/true);
  const xr::DisplayFrame frame = frameSeeing(lookAt(0, 0));

  player::Commands pull = pointAndPull(lookAt(kMarkerYaw, kMarkerPitch));
  EXPECT_TRUE(editor.apply(frame, pull, 0.5)) << "the press on the marker is the editor's";
  EXPECT_EQ(editor.selected(), "lens");
  EXPECT_TRUE(editor.headsetMenuOpen());
  EXPECT_EQ(overlay.markers().size(), 1u) << "selected, not placed";

  player::Commands down;
  down.stickPushY = -1;
  down.stepFrames = -1;  // as the bindings make it: y's push is a step too
  down.shuttle = -0.8f;
  editor.apply(frame, down, 0.5);
  EXPECT_EQ(down.stepFrames, 0) << "the menu took the stick: no step";
  EXPECT_EQ(down.shuttle, 0.0f) << "and no shuttle";
  player::Commands grip;
  grip.keep = true;
  grip.itemStep = 1;  // as the right grip makes it
  editor.apply(frame, grip, 0.5);
  EXPECT_FALSE(grip.keep) << "the menu took the grip";
  EXPECT_EQ(grip.itemStep, 0);
  EXPECT_EQ(savedLens(copy).title, ui::kMarkerTitlePresets[1]) << "\"The lens\" is no preset: the first was lit";

  player::Commands right;
  right.stickPushX = 1;
  editor.apply(frame, right, 0.5);
  EXPECT_NEAR(savedLens(copy).tIn, 1.0 / 30, 1e-9);
  EXPECT_NEAR(savedLens(copy).tOut, 31.0 / 30, 1e-9);
  EXPECT_EQ(savedLens(copy).title, ui::kMarkerTitlePresets[1]);

  // From the second preset, nine rows down is "Delete marker" (after the eight presets, "Type
  // title..." and "Record voice").
  player::Commands toDelete;
  toDelete.stickPushY = -9;
  toDelete.keep = true;
  editor.apply(frame, toDelete, 0.5);
  EXPECT_EQ(copy.markersOnDisk(copy.file()), 0u);
  EXPECT_FALSE(editor.selected());
  EXPECT_TRUE(editor.headsetMenuOpen()) << "open, so the delete can be undone";

  player::Commands undo;
  undo.keep = true;
  editor.apply(frame, undo, 0.5);
  EXPECT_EQ(copy.markersOnDisk(copy.file()), 1u);
  EXPECT_EQ(editor.selected(), "lens") << "the marker that came back";
  EXPECT_NEAR(savedLens(copy).tIn, 1.0 / 30, 1e-9);
  EXPECT_FALSE(editor.document().dirty());

  // The menu opens again on the marker's title (the second row); two up wrap to "Close".
  player::Commands close;
  close.stickPushY = 2;
  close.keep = true;
  editor.apply(frame, close, 0.5);
  EXPECT_FALSE(editor.headsetMenuOpen());
  player::Commands step;
  step.stickPushY = 1;
  step.stepFrames = 1;
  editor.apply(frame, step, 0.5);
  EXPECT_EQ(step.stepFrames, 1) << "the stick is the playhead's again";
  EXPECT_EQ(copy.entries(), (std::set<std::string>{"shot.json", "plate.mp4"})) << "nothing left over from the saves";
}

// The trigger on a row of the headset menu does that row, where the ray crosses it as the
// first eye sees the card; on the card's heading it does nothing, and places no marker behind.
TEST(MarkerEditor, InTheHeadsetTheTriggerOnAMenuRowDoesIt) {
  ShotCopy copy;
  auto document = scenes::ShotDocument::open(copy.file());
  ASSERT_TRUE(document) << document.error().message();
  player::ViewOverlay overlay({});
  player::MarkerEditor editor(std::move(*document), overlay, /*active=*/true);
  xr::DisplayFrame frame = frameSeeing(lookAt(0, 0));
  frame.eyes.front().target.extent = {640, 360};
  player::Commands pull = pointAndPull(lookAt(kMarkerYaw, kMarkerPitch));
  ASSERT_TRUE(editor.apply(frame, pull, 0.5));
  ASSERT_TRUE(overlay.headsetMenu());
  const ui::HeadsetMenuView menu = *overlay.headsetMenu();
  ASSERT_EQ(menu.rows[2], "Light");

  // From the eye through the drawn pixels of a point on the card, as the controller's aim.
  const ui::ViewProjection eye(overlay.inShotSpace(frame.eyes.front().view), {640, 360});
  const ui::HeadsetMenuLayout l = ui::layoutHeadsetMenu(
      menu, ui::pixelsPerDegree(frame.eyes.front().view.fov, 360), *engine::FontAtlas::shared());
  const glm::vec2 anchorPx = *eye.pixelOfEyePoint(eye.toEye(menu.anchor));
  const auto aimAt = [&](glm::vec2 offset) {
    const engine::Ray r = eye.rayAt(anchorPx + offset);
    player::Commands in;
    in.select = true;
    in.aim = engine::View{glm::quatLookAt(r.direction, glm::vec3(0, 1, 0)), r.origin + overlay.origin(), {}};
    return in;
  };
  const float midX = 0.5f * (l.min.x + l.max.x);
  player::Commands onHeading = aimAt({midX, l.min.y + l.pad + 2});
  EXPECT_TRUE(editor.apply(frame, onHeading, 0.5)) << "the card took the press";
  EXPECT_EQ(overlay.markers().size(), 1u) << "no marker placed behind the card";
  EXPECT_EQ(savedLens(copy).title, "The lens");
  player::Commands onLight = aimAt({midX, l.firstRowY + 2.5f * l.rowPx});
  EXPECT_TRUE(editor.apply(frame, onLight, 0.5));
  EXPECT_EQ(overlay.markers().size(), 1u);
  EXPECT_EQ(savedLens(copy).title, "Light");
  EXPECT_EQ(overlay.headsetMenu()->highlighted, 2u);
}

// In blocking (B), a window click where the view meets the floor places a floor mark there; with
// the mark selected the next click moves it; Delete removes it and undo brings it back; the
// overlay draws what the document holds; Ctrl+S writes a shot that lints clean. A click above
// the horizon meets no floor and changes nothing.
TEST(MarkerEditor, InBlockingAClickOnTheFloorPlacesAMarkAndTheNextMovesIt) {
  ShotCopy copy;
  auto document = scenes::ShotDocument::open(copy.file());
  ASSERT_TRUE(document) << document.error().message();
  player::ViewOverlay overlay({});
  overlay.setOrigin({0.0f, 1.6f, 0.0f});  // the capture point 1.6 m above the stage floor
  player::MarkerEditor editor(std::move(*document), overlay, /*active=*/true);
  // The window's eye stands at the capture point.
  const auto frameSeeing = [](engine::View view) {
    view.position = {0.0f, 1.6f, 0.0f};
    return test::frameSeeing(view);
  };
  const auto key = [](engine::GuiKey k, bool ctrl = false) {
    player::Commands in;
    in.gui.keys.push_back({k, ctrl, false});
    return in;
  };
  const auto click = [](glm::vec2 at) {
    player::Commands in;
    in.viewClicked = at;
    return in;
  };
  player::Commands b = key(engine::GuiKey::B);
  editor.apply(frameSeeing(lookAt(0, 0)), b, 0.5);
  ASSERT_EQ(editor.tab(), ui::EditorTab::Blocking);

  // Straight ahead and 45 degrees down from 1.6 m: the floor 1.6 m ahead (-z).
  player::Commands down = click({32, 18});
  EXPECT_FALSE(editor.apply(frameSeeing(lookAt(0, -45)), down, 0.5));
  ASSERT_EQ(editor.document().shot().blocking.marks.size(), 1u);
  const scenes::FloorMark placed = editor.document().shot().blocking.marks.front();
  EXPECT_NEAR(placed.position.x, 0.0, 0.05);
  EXPECT_NEAR(placed.position.z, -1.6, 0.1);
  EXPECT_EQ(editor.blockingSelection().mark, placed.id);
  EXPECT_EQ(overlay.blocking(), editor.document().shot().blocking) << "the view draws what the document holds";
  EXPECT_EQ(copy.markersOnDisk(copy.file()), 1u);

  // Turned right (yaw 90: +x), the selected mark follows the click.
  player::Commands right = click({32, 18});
  editor.apply(frameSeeing(lookAt(90, -45)), right, 0.5);
  ASSERT_EQ(editor.document().shot().blocking.marks.size(), 1u);
  const scenes::FloorMark moved = editor.document().shot().blocking.marks.front();
  EXPECT_EQ(moved.id, placed.id);
  EXPECT_NEAR(moved.position.x, 1.6, 0.1);
  EXPECT_NEAR(moved.position.z, 0.0, 0.05);

  // Above the horizon: no floor there.
  player::Commands sky = click({32, 18});
  editor.apply(frameSeeing(lookAt(0, 30)), sky, 0.5);
  EXPECT_EQ(editor.document().shot().blocking.marks.front().position, moved.position);

  player::Commands del = key(engine::GuiKey::Delete);
  editor.apply(frameSeeing(lookAt(0, 0)), del, 0.5);
  EXPECT_TRUE(editor.document().shot().blocking.marks.empty());
  EXPECT_FALSE(editor.blockingSelection().mark) << "the deleted mark is no longer selected";
  EXPECT_TRUE(overlay.blocking().marks.empty());
  player::Commands undo = key(engine::GuiKey::Z, true);
  editor.apply(frameSeeing(lookAt(0, 0)), undo, 0.5);
  ASSERT_EQ(editor.document().shot().blocking.marks.size(), 1u);
  EXPECT_EQ(editor.document().shot().blocking.marks.front().position, moved.position);

  player::Commands save = key(engine::GuiKey::S, true);
  editor.apply(frameSeeing(lookAt(0, 0)), save, 0.5);
  EXPECT_FALSE(editor.document().dirty());
  auto reread = scenes::ShotDocument::open(copy.file());
  ASSERT_TRUE(reread) << reread.error().message();
  ASSERT_EQ(reread->shot().blocking.marks.size(), 1u);
  EXPECT_EQ(reread->shot().blocking.marks.front().position, moved.position);
  EXPECT_TRUE(reread->problems().empty());

  // B again: back to markers, where a click places a marker.
  editor.apply(frameSeeing(lookAt(0, 0)), b, 0.5);
  EXPECT_EQ(editor.tab(), ui::EditorTab::Markers);
}

// The view centred on the marker, read back at every frame, paused on the first frame.
LoopRun markerRun(bool overlay) {
  LoopRun run(lookAt(kMarkerYaw, kMarkerPitch), [](std::uint64_t) { return true; }, 96, 64);
  run.options.autoplay = false;
  run.options.maxFrames = 8;
  if (overlay) {
    run.options.overlay.emplace();
    run.options.overlay->markers = shotMarkers();
  }
  return run;
}

TEST(PlayerLoopOverlay, TheMarkerIsDrawnAndThePressOnItOpensItsCardNotPlayback) {
  LoopRun plain = markerRun(false);
  plain.run();
  LoopRun marked = markerRun(true);
  const glm::vec3 eyes = marked.options.capturePoint;  // where the offscreen eyes stand
  marked.inputAfter[3] = pullTrigger(lookAt(kMarkerYaw, kMarkerPitch), eyes);
  marked.run();
  ASSERT_EQ(plain.shown.size(), 8u);
  ASSERT_EQ(marked.shown.size(), 8u);
  ASSERT_TRUE(plain.shown[2].pixels && marked.shown[2].pixels && marked.shown[6].pixels);
  EXPECT_GT(differingPixels(*plain.shown[2].pixels, *marked.shown[2].pixels), 20) << "the marker's pin";
  EXPECT_GT(differingPixels(*marked.shown[2].pixels, *marked.shown[6].pixels), 20) << "its card opened";
  for (const Shown& s : marked.shown) EXPECT_FALSE(s.playing) << "the press went to the marker";
  EXPECT_EQ(marked.stats.submits, marked.stats.drawn);
}

TEST(PlayerLoopOverlay, APressOnNoMarkerIsPlayPause) {
  LoopRun run = markerRun(true);
  run.inputAfter[3] = pullTrigger(lookAt(-120, 0), run.options.capturePoint);
  run.run();
  ASSERT_EQ(run.shown.size(), 8u);
  EXPECT_FALSE(run.shown[3].playing);
  EXPECT_TRUE(run.shown[4].playing);
}

TEST(PlayerLoopOverlay, TheEditorTakesThePressPlacesAMarkerAndSaves) {
  ShotCopy copy;
  LoopRun run = markerRun(false);
  run.options.editor = player::PlayerLoopOptions::Editor{copy.file(), /*startActive=*/true, std::nullopt};
  run.inputAfter[3] = pullTrigger(lookAt(-90, 10), run.options.capturePoint);
  run.run();
  ASSERT_EQ(run.shown.size(), 8u);
  for (const Shown& s : run.shown) EXPECT_FALSE(s.playing) << "the press went to the editor";
  EXPECT_EQ(copy.markersOnDisk(copy.file()), 2u);
}

}  // namespace
}  // namespace ps::test
