// The marker editor's panel, Dear ImGui on the GPU (lavapipe), driven by scripted input: a
// click into the title field, select all, type, Enter gives one edit with the new title; the
// Delete button asks for a removal; nothing is reported while nothing changes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "engine/device.h"
#include "engine/gui_pass.h"
#include "engine/offscreen_target.h"
#include "scenes/shot_document.h"
#include "ui/marker_editor_panel.h"

namespace ps::ui {
namespace {

namespace fs = std::filesystem;

class EditorPanel : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("PERFECTSHOT_VALIDATION", "1", 0);
    auto d = engine::Device::create();
    ASSERT_TRUE(d.ok()) << d.error().message();
    device_.emplace(std::move(*d));
    const fs::path dir = fs::path(PS_BINARY_DIR) / "test-out" / "ui" / "editor_panel";
    fs::create_directories(dir);
    std::ofstream(dir / "shot.json") << R"({ "format": "perfectshot/1", "title": "Panel",
      "media": [ { "id": "plate", "kind": "equirect", "src": "plate.mp4" } ],
      "timeline": { "fps": "30", "in": 0, "out": 10 },
      "markers": [ { "id": "lens", "t_in": 1, "t_out": 5, "at": { "yaw_deg": 30, "pitch_deg": -5 },
                     "title": "Old", "category": "camera" } ],
      "blocking": {
        "marks": [ { "id": "rick-1", "name": "Rick", "colour": [1, 1, 1], "x": 1.5, "z": -2 } ],
        "actors": [ { "id": "rick", "actor": "Rick",
                      "keys": [ { "t": 2.0, "x": 1.5, "z": -2 }, { "t": 4.0, "x": -0.5, "z": -2 } ] } ] } })";
    auto doc = scenes::ShotDocument::open(dir / "shot.json");
    ASSERT_TRUE(doc.ok()) << doc.error().message();
    doc_.emplace(std::move(*doc));
  }
  void TearDown() override {
    if (device_) {
      EXPECT_EQ(device_->validationMessageCount(), 0u);
    }
  }

  // One frame of the panel with `input`; what it reported.
  EditorPanelActions frame(engine::ImGuiPass& pass, const engine::GuiInput& input) {
    EditorPanelView view;
    view.marker = &doc_->shot().markers.front();
    view.file = doc_->file().string();
    view.revision = 1;
    view.tab = tab_;
    view.blocking.blocking = &doc_->shot().blocking;
    view.blocking.selected = selected_;
    view.blocking.revision = 1;
    engine::OffscreenTarget target(*device_, 640, 720, "editor panel test");
    EditorPanelActions actions;
    pass.setInput(input);
    pass.draw(target.target(), engine::ImGuiLoad::Clear, [&] { actions = panel_.draw(view, {640, 720}, 300, 0); });
    pass.wait();
    return actions;
  }
  static engine::GuiInput at(glm::vec2 p, bool down, bool pressed = false) {
    engine::GuiInput in;
    in.pointer = p;
    in.pointerDown = down;
    in.pointerPressed = pressed;
    return in;
  }
  static glm::vec2 centre(const PixelRect& r) { return (r.min + r.max) * 0.5f; }

  std::optional<engine::Device> device_;
  std::optional<scenes::ShotDocument> doc_;
  // A press and release on a field, hovered first as a real pointer does: what the release gave.
  EditorPanelActions press(engine::ImGuiPass& pass, const std::string& field) {
    const auto r = panel_.fieldRect(field);
    EXPECT_TRUE(r) << field << " was not drawn";
    if (!r) return {};
    const glm::vec2 c = centre(*r);
    frame(pass, at(c, false));
    frame(pass, at(c, true, true));
    return frame(pass, at(c, false));
  }

  // A press on a list entry: the selection it reports becomes the view's, drawn once more.
  BlockingSelection select(engine::ImGuiPass& pass, const std::string& field) {
    const EditorPanelActions a = press(pass, field);
    EXPECT_TRUE(a.blocking && a.blocking->kind == BlockingAction::Kind::Select) << field;
    if (a.blocking) selected_ = a.blocking->selection;
    frame(pass, {});
    return selected_;
  }

  MarkerEditorPanel panel_;
  EditorTab tab_ = EditorTab::Markers;
  BlockingSelection selected_;
};

TEST_F(EditorPanel, TypingANewTitleGivesOneEditWhenTheFieldIsLeft) {
  engine::ImGuiPass pass(*device_, engine::ImGuiPassOptions{});
  // Laid out; nothing changed. Twice: a window's first frame has its title bar at the default
  // font size (the panel's own scale applies from the second).
  EXPECT_FALSE(frame(pass, {}).edit);
  EXPECT_FALSE(frame(pass, {}).edit);
  const auto title = panel_.fieldRect("title");
  ASSERT_TRUE(title);
  EXPECT_GT(title->min.x, 640 - 300 - 1);  // in the panel along the right edge
  // Inside the edit box: the item's rectangle also holds its label, on the right.
  const glm::vec2 c(title->min.x + 10, centre(*title).y);
  EXPECT_FALSE(frame(pass, at(c, true, true)).edit);
  EXPECT_FALSE(frame(pass, at(c, false)).edit);
  EXPECT_TRUE(pass.wantsKeyboard()) << "the title field has the keyboard";
  engine::GuiInput selectAll = at(c, false);
  selectAll.keys.push_back({engine::GuiKey::A, true, false});
  EXPECT_FALSE(frame(pass, selectAll).edit);
  engine::GuiInput typed = at(c, false);
  typed.text = U"Lens";
  EXPECT_FALSE(frame(pass, typed).edit) << "no edit per keystroke";
  engine::GuiInput enter = at(c, false);
  enter.keys.push_back({engine::GuiKey::Enter, false, false});
  const EditorPanelActions done = frame(pass, enter);
  ASSERT_TRUE(done.edit);
  ASSERT_TRUE(done.edit->title);
  EXPECT_EQ(*done.edit->title, "Lens");
  EXPECT_FALSE(done.edit->text);
  // ImGui reports what its widgets wanted as of the frame before: two frames on, it is let go.
  frame(pass, at(c, false));
  frame(pass, at(c, false));
  EXPECT_FALSE(pass.wantsKeyboard()) << "Enter left the field";
}

TEST_F(EditorPanel, TheDeleteButtonAsksForARemoval) {
  engine::ImGuiPass pass(*device_, engine::ImGuiPassOptions{});
  frame(pass, {});
  frame(pass, {});
  const auto button = panel_.fieldRect("Delete marker");
  ASSERT_TRUE(button);
  const glm::vec2 c = centre(*button);
  frame(pass, at(c, false));  // hover first, as a real pointer does
  EXPECT_FALSE(frame(pass, at(c, true, true)).remove);
  EXPECT_TRUE(frame(pass, at(c, false)).remove);  // a button fires on release
}

// The Blocking tab: picked by the user, it lists the shot's marks and paths; a press on a mark
// selects it, a spike-tape swatch recolours it, and a path's key is selected and deleted.
TEST_F(EditorPanel, TheBlockingTabSelectsAndRecoloursAMarkAndDeletesAKey) {
  engine::ImGuiPass pass(*device_, engine::ImGuiPassOptions{});
  frame(pass, {});
  frame(pass, {});
  EXPECT_FALSE(panel_.fieldRect("mark rick-1")) << "the Markers tab is shown first";
  // Clicking the tab switches it, and the panel says so.
  const auto tab = panel_.fieldRect("Blocking");
  ASSERT_TRUE(tab);
  const glm::vec2 c = centre(*tab);
  frame(pass, at(c, false));
  frame(pass, at(c, true, true));
  std::optional<EditorTab> picked;
  for (int i = 0; i < 3 && !picked; ++i) picked = frame(pass, at(c, false)).tab;
  ASSERT_EQ(picked, EditorTab::Blocking);
  tab_ = EditorTab::Blocking;
  frame(pass, {});

  EXPECT_EQ(select(pass, "mark rick-1").mark, "rick-1");
  const EditorPanelActions red = press(pass, "tape 0");
  ASSERT_TRUE(red.blocking);
  EXPECT_EQ(red.blocking->kind, BlockingAction::Kind::RecolourMark);
  EXPECT_EQ(red.blocking->selection.mark, "rick-1");
  EXPECT_EQ(red.blocking->colour, kSpikeTapeColours[0]);
  ASSERT_TRUE(doc_->recolourFloorMark("rick-1", red.blocking->colour));
  EXPECT_EQ(doc_->shot().blocking.marks.front().colour, kSpikeTapeColours[0]);

  // The path, then its second key, then the key's delete.
  EXPECT_EQ(select(pass, "path rick").path, "rick");
  EXPECT_EQ(select(pass, "key 1").key, 1u);
  const EditorPanelActions gone = press(pass, "Delete key");
  ASSERT_TRUE(gone.blocking);
  EXPECT_EQ(gone.blocking->kind, BlockingAction::Kind::DeleteKey);
  EXPECT_EQ(gone.blocking->selection.path, "rick");
  EXPECT_EQ(gone.blocking->selection.key, 1u);
  EXPECT_FALSE(frame(pass, {}).blocking) << "nothing is reported while nothing changes";
}

}  // namespace
}  // namespace ps::ui
