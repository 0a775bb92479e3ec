#include "ui/headset_menu_geometry.h"

#include <algorithm>
#include <cmath>

#include <glm/trigonometric.hpp>

namespace ps::ui {

float pixelsPerDegree(const engine::Fov& fov, float heightPx) {
  const float degrees = glm::degrees(fov.angleUp - fov.angleDown);
  return degrees > 0 ? heightPx / degrees : 0.0f;
}

HeadsetMenuLayout layoutHeadsetMenu(const HeadsetMenuView& view, float pixelsPerDegree,
                                    const engine::FontAtlas& atlas) {
  HeadsetMenuLayout l;
  // Below about 9 pixels a glyph stops reading, whatever the angle.
  l.rowPx = std::max(14.0f, 1.9f * pixelsPerDegree);
  l.textPx = l.rowPx * 0.68f, l.pad = l.rowPx * 0.3f, l.hintPx = l.textPx * 0.8f;
  // As wide as its widest line (at least 15 degrees); the hint wraps inside that.
  float widest = atlas.widthOf(view.heading, l.textPx);
  for (const std::string& row : view.rows) widest = std::max(widest, atlas.widthOf(row, l.textPx) + l.pad);
  const float widthPx = std::max(widest + 2.5f * l.pad, 15.0f * pixelsPerDegree);
  l.hint = atlas.wrap(view.hint, l.hintPx, widthPx - 2 * l.pad);
  l.max = {-1.5f * pixelsPerDegree, -l.rowPx * 0.5f};
  l.min.x = l.max.x - widthPx;
  l.min.y = l.max.y;
  l.firstRowY = l.min.y + l.pad + l.rowPx + l.pad;
  l.max.y = l.firstRowY + l.rowPx * static_cast<float>(view.rows.size()) + l.pad +
            l.hintPx * 1.25f * static_cast<float>(l.hint.size()) + l.pad;
  return l;
}

void buildHeadsetMenuGeometry(const HeadsetMenuView& view, float pixelsPerDegree, const engine::FontAtlas& atlas,
                              engine::OverlayGeometry& out) {
  const HeadsetMenuLayout l = layoutHeadsetMenu(view, pixelsPerDegree, atlas);
  const glm::vec4 shade = engine::linearColour(16, 16, 22, 0.86f), white = engine::linearColour(245, 245, 245),
                  dim = engine::linearColour(190, 190, 200), mark = engine::linearColour(90, 200, 255, 0.9f);
  out.rect(view.anchor, l.min, l.max, shade);
  out.frame(view.anchor, l.min, l.max, 1.5f, dim);
  const float textW = l.max.x - l.min.x - 2 * l.pad;
  out.text(atlas, view.anchor, {l.min.x + l.pad, l.min.y + l.pad + (l.rowPx - l.textPx) * 0.5f}, view.heading,
           l.textPx, white, textW);
  float y = l.firstRowY;
  for (std::size_t i = 0; i < view.rows.size(); ++i) {
    const bool lit = i == view.highlighted;
    if (lit) out.rect(view.anchor, {l.min.x + l.pad * 0.5f, y}, {l.max.x - l.pad * 0.5f, y + l.rowPx}, mark);
    out.text(atlas, view.anchor, {l.min.x + l.pad * 1.5f, y + (l.rowPx - l.textPx) * 0.5f}, view.rows[i], l.textPx,
             lit ? engine::linearColour(10, 10, 14) : white, textW - l.pad);
    y += l.rowPx;
  }
  y += l.pad;
  for (const std::string& line : l.hint) {
    out.text(atlas, view.anchor, {l.min.x + l.pad, y}, line, l.hintPx, dim, textW);
    y += l.hintPx * 1.25f;
  }
}

std::optional<CardPoint> rayOnCardPlane(const engine::Ray& ray, const glm::vec3& anchor, const ViewProjection& eye) {
  // The card is flat on screen at the anchor's depth: the plane through the anchor square to
  // the eye's view axis. The eye's frame is a rigid move of the space, so lengths are kept.
  const glm::vec3 a = eye.toEye(anchor);
  const std::optional<glm::vec2> anchorPx = eye.pixelOfEyePoint(a);
  if (!anchorPx) return std::nullopt;
  const glm::vec3 o = eye.toEye(ray.origin), d = eye.toEye(ray.origin + ray.direction) - o;
  if (std::abs(d.z) < 1e-6f) return std::nullopt;
  const float along = (a.z - o.z) / d.z;
  if (along <= 0) return std::nullopt;
  const std::optional<glm::vec2> px = eye.pixelOfEyePoint(o + along * d);
  if (!px) return std::nullopt;
  return CardPoint{along, *px - *anchorPx};
}

std::optional<HeadsetMenuHit> rayOnHeadsetMenu(const engine::Ray& ray, const HeadsetMenuView& view,
                                               const ViewProjection& eye, const engine::FontAtlas& atlas) {
  const std::optional<CardPoint> on = rayOnCardPlane(ray, view.anchor, eye);
  if (!on) return std::nullopt;
  const glm::vec2 at = on->px;
  const HeadsetMenuLayout l = layoutHeadsetMenu(view, pixelsPerDegree(eye.view().fov, eye.extent().y), atlas);
  if (at.x < l.min.x || at.x > l.max.x || at.y < l.min.y || at.y > l.max.y) return std::nullopt;
  HeadsetMenuHit hit{on->alongM, std::nullopt};
  const float row = std::floor((at.y - l.firstRowY) / l.rowPx);
  if (row >= 0 && row < static_cast<float>(view.rows.size())) hit.row = static_cast<std::size_t>(row);
  return hit;
}

void buildPointerGeometry(const glm::vec3& from, const glm::vec3& to, engine::OverlayGeometry& out) {
  // Pale cyan: apart from the categories' colours, the film frame's and the blocking's red.
  const glm::vec4 ray = engine::linearColour(140, 230, 255, 0.85f), ring = engine::linearColour(20, 20, 28, 0.9f);
  out.segment(from, to, ray, 3.0f);
  out.disc(to, {0, 0}, 7.0f, ring, 20);
  out.disc(to, {0, 0}, 4.5f, engine::linearColour(255, 255, 255), 16);
}

}  // namespace ps::ui
