#pragma once
// The editor panel's Blocking tab (Dear ImGui, inside MarkerEditorPanel's window): the shot's
// floor marks, actor paths and kept measurements listed; the selected mark's name, colour (the
// spike-tape colours a stage uses, or any) and floor position, and the selected path's keys,
// editable. Each field becomes one edit when the user leaves it, a button one edit when
// released. It draws and reports; the caller applies the action to the scenes::ShotDocument.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "scenes/blocking.h"
#include "ui/panel_fields.h"

namespace ps::ui {

// What is selected: a floor mark, or an actor path and maybe one of its keys.
struct BlockingSelection {
  std::optional<std::string> mark;
  std::optional<std::string> path;
  std::optional<std::size_t> key;  // of `path`
  friend bool operator==(const BlockingSelection&, const BlockingSelection&) = default;
};

struct BlockingPanelView {
  const scenes::Blocking* blocking = nullptr;
  BlockingSelection selected;
  double playhead = 0;         // shot seconds: "key here"
  std::uint64_t revision = 0;  // changes whenever the document does: the fields reload
};

struct BlockingAction {
  enum class Kind {
    Select,             // selection
    RenameMark,         // selection.mark, name
    RecolourMark,       // selection.mark, colour
    MoveMark,           // selection.mark, position
    DeleteMark,         // selection.mark
    MoveKey,            // selection.path, selection.key, position
    DeleteKey,          // selection.path, selection.key
    KeyHere,            // selection.path: a key at the playhead where the path puts the actor then
    DeletePath,         // selection.path
    DeleteMeasurement,  // measurement
  };
  Kind kind = Kind::Select;
  BlockingSelection selection;
  std::string name;
  scenes::Colour colour;
  scenes::FloorPoint position;
  std::string measurement;
};

// Spike tape: the colours floor marks are taped in, one per actor.
inline constexpr std::array<scenes::Colour, 6> kSpikeTapeColours = {{
    {0.90, 0.15, 0.15},  // red
    {0.95, 0.85, 0.10},  // yellow
    {0.15, 0.75, 0.25},  // green
    {0.15, 0.45, 0.95},  // blue
    {0.95, 0.50, 0.10},  // orange
    {1.00, 1.00, 1.00},  // white
}};

class BlockingPanel {
 public:
  // Inside the caller's ImGui window; `fields` gets each field's rectangle.
  std::optional<BlockingAction> draw(const BlockingPanelView& view, PanelFields& fields);

 private:
  void load(const BlockingPanelView& view);
  // The x and z fields of a floor position ("mark" or "key"): the position when one was left
  // changed.
  std::optional<scenes::FloorPoint> positionFields(const std::string& what, PanelFields& fields);
  std::optional<BlockingAction> markFields(const scenes::FloorMark& mark, PanelFields& fields);
  std::optional<BlockingAction> pathFields(const scenes::ActorPath& path, const BlockingPanelView& view,
                                           PanelFields& fields);

  // What the fields hold; reloaded when the selection or the document changes, never while
  // the user types.
  BlockingSelection loaded_;
  std::uint64_t loadedRevision_ = 0;
  bool hasLoaded_ = false;
  std::array<char, 256> name_{};
  std::array<float, 3> colour_{};
  double x_ = 0, z_ = 0;
};

}  // namespace ps::ui
