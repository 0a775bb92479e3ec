#include "ui/film_frame_painter.h"

#include <imgui.h>

namespace ps::ui {

void paintFilmFrame(const FilmFrame& frame, const ViewProjection& eye, const std::string& label,
                    const Palette& palette) {
  ImDrawList& dl = *ImGui::GetBackgroundDrawList();
  const ImU32 outline = palette(kFilmFrameRgb[0], kFilmFrameRgb[1], kFilmFrameRgb[2]);
  const ImU32 frustum = palette(kFilmFrameRgb[0], kFilmFrameRgb[1], kFilmFrameRgb[2], 150);
  const auto line = [&](const glm::vec3& a, const glm::vec3& b, ImU32 colour, float width) {
    if (auto s = projectSegment(eye, a, b))
      dl.AddLine(ImVec2(s->first.x, s->first.y), ImVec2(s->second.x, s->second.y), colour, width);
  };
  for (const glm::vec3& c : frame.corners) line(frame.apex, c, frustum, 1.5f);
  // In the picture's corner order: top, right, bottom, left.
  const auto& k = frame.corners;
  line(k[0], k[1], outline, 2);
  line(k[1], k[3], outline, 2);
  line(k[3], k[2], outline, 2);
  line(k[2], k[0], outline, 2);
  if (const auto topLeft = eye.pixelOfEyePoint(eye.toEye(k[0])); topLeft && !label.empty()) {
    const float px = ImGui::GetFontSize() * 0.6f;
    dl.AddText(ImGui::GetFont(), px, ImVec2(topLeft->x + 4, topLeft->y - px * 1.2f), outline, label.c_str());
  }
}

}  // namespace ps::ui
