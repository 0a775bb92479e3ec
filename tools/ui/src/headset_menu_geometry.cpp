#include "ui/headset_menu_geometry.h"

#include <algorithm>

namespace ps::ui {

void buildHeadsetMenuGeometry(const HeadsetMenuView& view, float pixelsPerDegree, const engine::FontAtlas& atlas,
                              engine::OverlayGeometry& out) {
  // Below about 9 pixels a glyph stops reading, whatever the angle.
  const float rowPx = std::max(14.0f, 1.9f * pixelsPerDegree);
  const float textPx = rowPx * 0.68f, pad = rowPx * 0.3f, hintPx = textPx * 0.8f;
  // As wide as its widest line (at least 15 degrees); the hint wraps inside that.
  float widest = atlas.widthOf(view.heading, textPx);
  for (const std::string& row : view.rows) widest = std::max(widest, atlas.widthOf(row, textPx) + pad);
  const float widthPx = std::max(widest + 2.5f * pad, 15.0f * pixelsPerDegree);
  const float textW = widthPx - 2 * pad;
  const std::vector<std::string> hint = atlas.wrap(view.hint, hintPx, textW);
  const float rightX = -1.5f * pixelsPerDegree, leftX = rightX - widthPx;
  const float topY = -rowPx * 0.5f;
  const float heightPx = rowPx * static_cast<float>(view.rows.size() + 1) +
                         hintPx * 1.25f * static_cast<float>(hint.size()) + 3 * pad;
  const glm::vec4 shade = engine::linearColour(16, 16, 22, 0.86f), white = engine::linearColour(245, 245, 245),
                  dim = engine::linearColour(190, 190, 200), mark = engine::linearColour(90, 200, 255, 0.9f);
  out.rect(view.anchor, {leftX, topY}, {rightX, topY + heightPx}, shade);
  out.frame(view.anchor, {leftX, topY}, {rightX, topY + heightPx}, 1.5f, dim);
  float y = topY + pad;
  out.text(atlas, view.anchor, {leftX + pad, y + (rowPx - textPx) * 0.5f}, view.heading, textPx, white, textW);
  y += rowPx + pad;
  for (std::size_t i = 0; i < view.rows.size(); ++i) {
    const bool lit = i == view.highlighted;
    if (lit) out.rect(view.anchor, {leftX + pad * 0.5f, y}, {rightX - pad * 0.5f, y + rowPx}, mark);
    out.text(atlas, view.anchor, {leftX + pad * 1.5f, y + (rowPx - textPx) * 0.5f}, view.rows[i], textPx,
             lit ? engine::linearColour(10, 10, 14) : white, textW - pad);
    y += rowPx;
  }
  y += pad;
  for (const std::string& line : hint) {
    out.text(atlas, view.anchor, {leftX + pad, y}, line, hintPx, dim, textW);
    y += hintPx * 1.25f;
  }
}

void buildPointerGeometry(const glm::vec3& from, const glm::vec3& to, engine::OverlayGeometry& out) {
  // Pale cyan: apart from the categories' colours, the film frame's and the blocking's red.
  const glm::vec4 ray = engine::linearColour(140, 230, 255, 0.85f), ring = engine::linearColour(20, 20, 28, 0.9f);
  out.segment(from, to, ray, 3.0f);
  out.disc(to, {0, 0}, 7.0f, ring, 20);
  out.disc(to, {0, 0}, 4.5f, engine::linearColour(255, 255, 255), 16);
}

}  // namespace ps::ui
