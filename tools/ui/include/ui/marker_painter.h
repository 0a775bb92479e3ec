#pragma once
// Draws laid-out narration markers (marker_layout.h) with Dear ImGui into the current ImGui
// frame, on its background draw list: call it inside engine::ImGuiPass::draw's build step.
// Per marker: a pin in its category's colour, a stem, and the card: a title bar with the
// category's icon, opened (text, then the narration's caption of the moment) when selected;
// all faded with the marker. Markers outside the view get an arrow on the view's edge.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenes/marker.h"
#include "ui/marker_layout.h"
#include "ui/palette.h"

namespace ps::ui {

struct MarkerPaint {
  std::optional<std::size_t> open;         // the selected marker: its card shows text and caption
  std::string caption;                     // under the open card (its narration's cue of the moment)
  std::optional<std::size_t> dwelling;     // the gaze rests on it: a ring fills around its pin
  float dwellProgress = 0;                 // 0..1
  std::optional<std::size_t> highlighted;  // the editor's current marker: outlined
  friend bool operator==(const MarkerPaint&, const MarkerPaint&) = default;
};

void paintMarkers(const std::vector<scenes::Marker>& markers, const std::vector<MarkerSprite>& sprites,
                  const MarkerPaint& paint, const Palette& palette);

// The category's colour (sRGB bytes): the pin, the card's accent, the edge arrow.
std::array<std::uint8_t, 3> categoryRgb(scenes::MarkerCategory category);

}  // namespace ps::ui
