#pragma once
// Draws the timeline bar (BarContent) with Dear ImGui into the current ImGui frame: call
// it inside engine::ImGuiPass::draw's build step. The layout's pixels are mapped to the
// frame by `origin` + `scale` (1:1 into a panel texture; scaled along a window's bottom).
#include <cstdint>
#include <functional>
#include <optional>

#include <glm/vec2.hpp>

#include "ui/panel_layout.h"
#include "ui/scrubber_model.h"

namespace ps::ui {

struct PanelColours {
  bool srgbTarget = true;  // vertex colours are linearised so the target's encoding gives them back
};

struct ScrubberPanelFrame {
  BarContent bar;
  // While a scrub drags: the bar fraction under the pointer, and the frame it asks for;
  // the playhead and the timecode follow the hand rather than the decoder.
  std::optional<double> cursor;
  std::optional<std::int64_t> cursorFrame;
  std::string cursorTimecode;
  // While a scrub drags and a thumbnail is ready: the preview above the cursor.
  bool preview = false;
};

// Draws the preview's picture into a rectangle (target pixels): engine::ImGuiPass::picture.
using PictureDrawer = std::function<void(float x0, float y0, float x1, float y1)>;

// origin: the panel image's top-left in the frame; the strip starts layout.previewHeight
// below it, and the preview sits above the strip (over the view in a window).
void drawScrubberPanel(const ScrubberPanelFrame& frame, const PanelLayout& layout, glm::vec2 origin, float scale,
                       const PanelColours& colours = {}, const PictureDrawer& picture = {});

// The played part's colour (sRGB bytes), so a test can find it in the pixels.
inline constexpr std::uint8_t kPlayedRgb[3] = {255, 150, 20};

}  // namespace ps::ui
