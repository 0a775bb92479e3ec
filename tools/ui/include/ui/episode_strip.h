#pragma once
// An episode's items on the timeline panel: a thin row along the strip's bottom with each
// item's span (the one playing lit), the episode's playhead, and "item i/n: label" on the
// top line. Painted with Dear ImGui into the frame the scrubber panel is built in.
#include <cstddef>
#include <string>
#include <vector>

#include <glm/vec2.hpp>

#include "ui/panel_layout.h"
#include "ui/scrubber_panel.h"

namespace ps::ui {

struct EpisodeStrip {
  std::vector<double> starts;  // each item's start, episode seconds, ascending
  double seconds = 0;          // the episode's length
  std::size_t current = 0;     // the item playing
  std::string label;           // its label
  double playhead = 0;         // episode seconds
};

// Where item i spans on the bar, as fractions of the episode (0..1).
std::pair<double, double> itemFractions(const EpisodeStrip& strip, std::size_t i);

void drawEpisodeStrip(const EpisodeStrip& strip, const PanelLayout& layout, glm::vec2 origin, float scale,
                      const PanelColours& colours);

}  // namespace ps::ui
