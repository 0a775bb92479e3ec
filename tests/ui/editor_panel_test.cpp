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
                     "title": "Old", "category": "camera" } ] })";
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
  MarkerEditorPanel panel_;
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

}  // namespace
}  // namespace ps::ui
