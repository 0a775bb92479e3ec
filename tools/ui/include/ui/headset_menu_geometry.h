#pragma once
// The marker editor's headset menu (headset_marker_menu.h) and the controller's ray as overlay
// geometry (engine/overlay_geometry.h), drawn in the eye pass and depth-tested like the
// markers: the menu is a card of rows hung beside the marker it edits, at that marker's depth;
// the ray is a line from the controller to where it meets what it points at, with a cursor
// (a ringed dot) there.
#include <cstddef>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "engine/font_atlas.h"
#include "engine/overlay_geometry.h"

namespace ps::ui {

struct HeadsetMenuView {
  glm::vec3 anchor{0.0f};  // the point the card hangs from (the edited marker's), its space's
  std::string heading;     // the marker it edits: its title and time
  std::vector<std::string> rows;
  std::size_t highlighted = 0;  // into rows
  std::string hint;             // which control does what
  friend bool operator==(const HeadsetMenuView&, const HeadsetMenuView&) = default;
};

// The card to the left of the anchor's pixel, its top-right corner a little left of it and its
// sizes in visual angle: `pixelsPerDegree` is the eye's (the sizes read the same on any
// headset's resolution).
void buildHeadsetMenuGeometry(const HeadsetMenuView& view, float pixelsPerDegree, const engine::FontAtlas& atlas,
                              engine::OverlayGeometry& out);

// The ray from `from` to `to` (a few pixels wide, so it reads at any distance) and the cursor
// at `to`.
void buildPointerGeometry(const glm::vec3& from, const glm::vec3& to, engine::OverlayGeometry& out);

}  // namespace ps::ui
