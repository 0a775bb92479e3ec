#pragma once
// The headset keyboard (headset_keyboard.h) as overlay geometry, drawn as the headset menu's
// card is (headset_menu_geometry.h): a card flat on screen at the edited marker's depth, here
// centred below it, sized in visual angle; the field with the title typed so far, the keys (the
// one the ray is on lit, shift lit while on) and a hint. The layout is shared with the ray's hit
// test, so a key is typed where it is drawn.
#include <cstddef>
#include <optional>
#include <string>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include "engine/font_atlas.h"
#include "engine/overlay_geometry.h"
#include "engine/view.h"
#include "ui/view_projection.h"

namespace ps::ui {

struct HeadsetKeyboardView {
  glm::vec3 anchor{0.0f};  // the point the card hangs from (the edited marker's), its space's
  std::string heading;     // what is being typed, for which marker
  std::string text;        // typed so far
  std::string placeholder;  // shown dimmed while nothing is typed (the present title)
  bool shift = false;
  std::optional<std::size_t> hovered;  // the key the ray is on (into keyboardKeys())
  std::string hint;
  friend bool operator==(const HeadsetKeyboardView&, const HeadsetKeyboardView&) = default;
};

// Pixels from the anchor's pixel (x right, y down).
struct HeadsetKeyboardLayout {
  glm::vec2 min{0.0f}, max{0.0f};  // the card
  float keyPx = 0, textPx = 0, pad = 0;
  float fieldY = 0;     // the top of the typed line; the heading is above it
  glm::vec2 keys{0.0f};  // the keys' top-left corner; a key unit is keyPx
};
HeadsetKeyboardLayout layoutHeadsetKeyboard(float pixelsPerDegree);

void buildHeadsetKeyboardGeometry(const HeadsetKeyboardView& view, float pixelsPerDegree,
                                  const engine::FontAtlas& atlas, engine::OverlayGeometry& out);

struct HeadsetKeyboardHit {
  float alongM = 0;                // from the ray's origin
  std::optional<std::size_t> key;  // the key there; empty: the card between keys, the field
};
// Where a ray (unit direction, in the anchor's space) meets the card as `eye` draws it; empty
// when it misses the card.
std::optional<HeadsetKeyboardHit> rayOnHeadsetKeyboard(const engine::Ray& ray, const HeadsetKeyboardView& view,
                                                       const ViewProjection& eye);

}  // namespace ps::ui
