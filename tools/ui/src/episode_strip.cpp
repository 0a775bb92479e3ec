#include "ui/episode_strip.h"

#include <imgui.h>

#include <algorithm>

#include "ui/palette.h"

namespace ps::ui {

std::pair<double, double> itemFractions(const EpisodeStrip& strip, std::size_t i) {
  if (strip.seconds <= 0 || i >= strip.starts.size()) return {0, 0};
  const double end = i + 1 < strip.starts.size() ? strip.starts[i + 1] : strip.seconds;
  return {strip.starts[i] / strip.seconds, end / strip.seconds};
}

void drawEpisodeStrip(const EpisodeStrip& strip, const PanelLayout& layout, glm::vec2 origin, float scale,
                      const PanelColours& colours) {
  const Palette col(colours.srgbTarget);
  ImDrawList& dl = *ImGui::GetBackgroundDrawList();
  const auto at = [&](float x, float y) {
    return ImVec2(origin.x + x * scale, origin.y + (layout.previewHeight + y) * scale);
  };
  // Below the markers' ticks, inside the panel.
  const float top = layout.barBottom + 18, bottom = std::min(layout.barBottom + 26, layout.height - 2);
  for (std::size_t i = 0; i < strip.starts.size(); ++i) {
    const auto [a, b] = itemFractions(strip, i);
    const float x0 = layout.pixelAt(a) + 2, x1 = std::max(layout.pixelAt(b) - 2, x0 + 1);
    dl.AddRectFilled(at(x0, top), at(x1, bottom), i == strip.current ? col(kPlayedRgb[0], kPlayedRgb[1], kPlayedRgb[2])
                                                                     : col(95, 95, 110));
  }
  if (strip.seconds > 0) {
    const float px = layout.pixelAt(std::clamp(strip.playhead / strip.seconds, 0.0, 1.0));
    dl.AddRectFilled(at(px - 1.5f, top - 3), at(px + 1.5f, bottom + 3), col(240, 240, 240));
  }
  const std::string text =
      "item " + std::to_string(strip.current + 1) + "/" + std::to_string(strip.starts.size()) + ": " + strip.label;
  dl.AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, at(450, 12), col(200, 200, 210), text.c_str());
}

}  // namespace ps::ui
