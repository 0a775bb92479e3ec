#pragma once
// The marker editor's headset menu (headset_marker_menu.h) and the controller's ray as overlay
// geometry (engine/overlay_geometry.h), drawn in the eye pass and depth-tested like the
// markers: the menu is a card of rows hung beside the marker it edits, at that marker's depth
// (flat on screen there, as marker cards are); the ray is a line from the controller to where
// it meets what it points at, with a cursor (a ringed dot) there. The card's layout is shared
// with the ray's hit test, so a row is picked where it is drawn.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include "engine/eye_camera.h"
#include "engine/font_atlas.h"
#include "engine/overlay_geometry.h"
#include "engine/view.h"
#include "ui/view_projection.h"

namespace ps::ui {

struct HeadsetMenuView {
  glm::vec3 anchor{0.0f};  // the point the card hangs from (the edited marker's), its space's
  std::string heading;     // the marker it edits: its title and time
  std::vector<std::string> rows;
  std::size_t highlighted = 0;  // into rows
  std::string hint;             // which control does what
  friend bool operator==(const HeadsetMenuView&, const HeadsetMenuView&) = default;
};

// An eye's pixels per degree of visual angle: its target's height over its vertical field.
float pixelsPerDegree(const engine::Fov& fov, float heightPx);

// The card in pixels from the anchor's pixel (x right, y down): to the left of it, its
// top-right corner a little left of the anchor, its sizes in visual angle at `pixelsPerDegree`
// (so it reads the same on any headset's resolution), as wide as its widest row.
struct HeadsetMenuLayout {
  glm::vec2 min{0.0f}, max{0.0f};   // the card
  float rowPx = 0, textPx = 0, hintPx = 0, pad = 0;
  float firstRowY = 0;              // the top of the first row; each is rowPx tall
  std::vector<std::string> hint;    // the hint's lines, wrapped to the card
};
HeadsetMenuLayout layoutHeadsetMenu(const HeadsetMenuView& view, float pixelsPerDegree,
                                    const engine::FontAtlas& atlas);

void buildHeadsetMenuGeometry(const HeadsetMenuView& view, float pixelsPerDegree, const engine::FontAtlas& atlas,
                              engine::OverlayGeometry& out);

// Where a ray (unit direction, in the anchor's space) meets the plane a card hung from `anchor`
// is drawn in for `eye` (flat on screen at the anchor's depth): how far along the ray, and the
// pixel there counted from the anchor's pixel (x right, y down); empty when it never does.
struct CardPoint {
  float alongM = 0;
  glm::vec2 px{0.0f};
};
std::optional<CardPoint> rayOnCardPlane(const engine::Ray& ray, const glm::vec3& anchor, const ViewProjection& eye);

struct HeadsetMenuHit {
  float alongM = 0;                 // from the ray's origin
  std::optional<std::size_t> row;   // the row there; empty: the heading or the hint
};
// Where a ray (unit direction, in the anchor's space) meets the card as `eye` (in the same
// space) draws it, sized for that eye; empty when it misses the card.
std::optional<HeadsetMenuHit> rayOnHeadsetMenu(const engine::Ray& ray, const HeadsetMenuView& view,
                                               const ViewProjection& eye, const engine::FontAtlas& atlas);

// The ray from `from` to `to` (a few pixels wide, so it reads at any distance) and the cursor
// at `to`.
void buildPointerGeometry(const glm::vec3& from, const glm::vec3& to, engine::OverlayGeometry& out);

}  // namespace ps::ui
