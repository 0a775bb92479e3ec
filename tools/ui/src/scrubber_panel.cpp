#include "ui/scrubber_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "ui/palette.h"

namespace ps::ui {

void drawScrubberPanel(const ScrubberPanelFrame& frame, const PanelLayout& layout, glm::vec2 origin, float scale,
                       const PanelColours& colours, const PictureDrawer& picture) {
  const Palette col(colours.srgbTarget);
  ImDrawList& dl = *ImGui::GetBackgroundDrawList();
  // Strip coordinates: the preview room is above them.
  const auto at = [&](float x, float y) {
    return ImVec2(origin.x + x * scale, origin.y + (layout.previewHeight + y) * scale);
  };
  const BarContent& bar = frame.bar;
  const double playhead = frame.cursor.value_or(bar.playhead);
  ImFont* font = ImGui::GetFont();
  const float textPx = ImGui::GetFontSize() * scale;

  dl.AddRectFilled(at(0, 0), at(layout.width, layout.height), col(18, 18, 22, 215), 14 * scale);

  // Play state: a triangle (playing) or two bars (paused), then timecode and frame number.
  const ImU32 white = col(240, 240, 240);
  if (bar.playing && !frame.cursor) {
    dl.AddTriangleFilled(at(26, 14), at(26, 46), at(52, 30), white);
  } else {
    dl.AddRectFilled(at(26, 14), at(34, 46), white);
    dl.AddRectFilled(at(42, 14), at(50, 46), white);
  }
  const std::string timecode = frame.cursor ? frame.cursorTimecode : bar.timecode;
  const std::int64_t frameNumber = frame.cursorFrame.value_or(bar.frame);
  dl.AddText(font, textPx, at(70, 12), white, timecode.c_str());
  const std::string frameText = "frame " + std::to_string(frameNumber);
  dl.AddText(font, textPx, at(290, 12), col(170, 170, 180), frameText.c_str());
  // The chapter the playhead is in, right-aligned.
  const ChapterMark* current = nullptr;
  for (const ChapterMark& c : bar.chapters)
    if (c.x <= playhead + 1e-9) current = &c;
  if (current != nullptr) {
    const float w = font->CalcTextSizeA(textPx, 1e9f, 0, current->title.c_str()).x / scale;
    dl.AddText(font, textPx, at(layout.barRight - w, 12), col(200, 200, 210), current->title.c_str());
  }

  // The loop region behind the bar, the track, the played part.
  if (bar.loop)
    dl.AddRectFilled(at(layout.pixelAt(bar.loop->first), layout.barTop - 6),
                     at(layout.pixelAt(bar.loop->second), layout.barBottom + 6), col(60, 110, 200, 160));
  dl.AddRectFilled(at(layout.barLeft, layout.barTop), at(layout.barRight, layout.barBottom), col(75, 75, 85));
  dl.AddRectFilled(at(layout.barLeft, layout.barTop), at(layout.pixelAt(playhead), layout.barBottom),
                   col(kPlayedRgb[0], kPlayedRgb[1], kPlayedRgb[2]));
  // Chapters cut the bar; markers hang below it.
  for (const ChapterMark& c : bar.chapters) {
    const float x = layout.pixelAt(c.x);
    dl.AddRectFilled(at(x - 1.5f, layout.barTop - 8), at(x + 1.5f, layout.barBottom), col(230, 230, 240));
  }
  for (double m : bar.markerTicks) {
    const float x = layout.pixelAt(m);
    dl.AddTriangleFilled(at(x, layout.barBottom + 3), at(x - 6, layout.barBottom + 15),
                         at(x + 6, layout.barBottom + 15),
                         col(250, 215, 60));
  }
  // The playhead: a line through the bar and a knob above it (the grab handle).
  const float px = layout.pixelAt(playhead);
  dl.AddRectFilled(at(px - 2, layout.barTop - 10), at(px + 2, layout.barBottom + 6), white);
  dl.AddCircleFilled(at(px, layout.barTop - 16), 9 * scale, white);

  // The preview: above the cursor, kept inside the panel's width, with the cursor's timecode.
  if (frame.preview && picture) {
    const float w = layout.previewWidth, h = layout.previewThumbHeight;
    const float x0 = std::clamp(px - w / 2, 0.0f, layout.width - w);
    const float y1 = -8.0f;  // just above the strip
    const ImVec2 a = at(x0, y1 - h), b = at(x0 + w, y1);
    dl.AddRectFilled(ImVec2(a.x - 3 * scale, a.y - 3 * scale), ImVec2(b.x + 3 * scale, b.y + 3 * scale), white);
    picture(a.x, a.y, b.x, b.y);
    const float labelW = font->CalcTextSizeA(textPx, 1e9f, 0, timecode.c_str()).x;
    const ImVec2 label(a.x + (b.x - a.x - labelW) / 2, b.y - textPx - 4 * scale);
    dl.AddRectFilled(ImVec2(label.x - 4 * scale, label.y), ImVec2(label.x + labelW + 4 * scale, b.y),
                     col(0, 0, 0, 170));
    dl.AddText(font, textPx, label, white, timecode.c_str());
  }
}

}  // namespace ps::ui
