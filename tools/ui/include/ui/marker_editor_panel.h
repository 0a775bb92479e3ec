#pragma once
// The marker editor's panel, Dear ImGui widgets in the window's overlay
// frame, in two tabs: Markers (the selected marker's title, text, time window, fades, category,
// distance, narration clip and captions; delete) and Blocking (blocking_panel.h); over both,
// undo, redo and save, and the document's problems. Each field becomes
// one edit when the user leaves it (not one per keystroke), so one undo step undoes one field.
// It draws and reports; the caller (tools/player/include/player/marker_editor.h) applies the edits to
// the scenes::ShotDocument. Call draw() inside engine::ImGuiPass::draw's build step.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <glm/vec2.hpp>

#include "scenes/marker.h"
#include "scenes/shot_document.h"
#include "ui/blocking_panel.h"
#include "ui/marker_layout.h"
#include "ui/panel_fields.h"

namespace ps::ui {

enum class EditorTab { Markers, Blocking };

struct EditorPanelView {
  const scenes::Marker* marker = nullptr;  // the selected one; null: none
  std::string file;                        // the shot.json being edited
  bool dirty = false, canUndo = false, canRedo = false;
  std::vector<std::string> problems;       // "pointer: message", the document's errors first
  std::string status;                      // the outcome of the last action (a save, a refused edit)
  double playhead = 0;                     // shot seconds: "set in/out here" buttons
  std::uint64_t revision = 0;              // changes whenever the document does: the fields reload
  EditorTab tab = EditorTab::Markers;      // the tab to show (a key may switch it)
  BlockingPanelView blocking;              // the Blocking tab's
};

struct EditorPanelActions {
  std::optional<scenes::MarkerEdit> edit;  // for view.marker
  bool remove = false, undo = false, redo = false, save = false;
  std::optional<BlockingAction> blocking;
  std::optional<EditorTab> tab;  // the user picked this tab
};

class MarkerEditorPanel {
 public:
  // The panel along the target's right edge, `widthPx` wide, full height above `bottomPx`.
  EditorPanelActions draw(const EditorPanelView& view, glm::vec2 targetSize, float widthPx, float bottomPx);
  // Where the panel was drawn last (target pixels): presses there belong to it.
  PixelRect rect() const { return rect_; }
  // Where a field ("title", "text", "t in", ...) was drawn last, by its label: for scripted
  // input (tests) and for a pointer that is not a mouse.
  std::optional<PixelRect> fieldRect(const std::string& label) const;

 private:
  void load(const scenes::Marker& marker);

  PixelRect rect_;
  void markerFields(const EditorPanelView& view, EditorPanelActions& out);
  PanelFields fields_;
  BlockingPanel blocking_;
  EditorTab shownTab_ = EditorTab::Markers;
  // The marker and document revision the fields hold; reloaded when either changes, never
  // while the user types (that would drop what a field reports on leaving it).
  std::string loadedId_;
  std::uint64_t loadedRevision_ = 0;
  std::array<char, 256> title_{};
  std::array<char, 4096> text_{};
  std::array<char, 512> audio_{}, captions_{};
  double tIn_ = 0, tOut_ = 0, fadeIn_ = 0, fadeOut_ = 0, distance_ = 0;
  int category_ = 0;
};

}  // namespace ps::ui
