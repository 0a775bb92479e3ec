#include "ui/marker_geometry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include <glm/geometric.hpp>

#include "ui/film_frame_painter.h"

namespace ps::ui {

namespace {

constexpr float kPi = std::numbers::pi_v<float>;

glm::vec4 faded(std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a, float opacity) {
  return engine::linearColour(r, g, b, static_cast<float>(a) / 255.0f * opacity);
}


// A stroke between two pixel offsets from the anchor.
void stroke(engine::OverlayGeometry& out, const glm::vec3& at, glm::vec2 a, glm::vec2 b, float t,
            const glm::vec4& ink) {
  const glm::vec2 d = glm::length(b - a) > 1e-4f ? glm::normalize(b - a) : glm::vec2(1, 0);
  const glm::vec2 n = glm::vec2(-d.y, d.x) * (t * 0.5f);
  out.triangle(at, a + n, a - n, b - n, ink);
  out.triangle(at, a + n, b - n, b + n, ink);
}

// One icon per category, white strokes in a square of side s at top-left o (pixels from the anchor).
void icon(engine::OverlayGeometry& out, const glm::vec3& at, scenes::MarkerCategory c, glm::vec2 o, float s,
          const glm::vec4& ink) {
  const auto p = [&](float x, float y) { return o + glm::vec2(x, y) * s; };
  const float t = std::max(1.0f, s * 0.09f);
  const auto ring = [&](glm::vec2 centre, float r) { out.arc(at, centre, r, t, 0, 2 * kPi, ink, 16); };
  using C = scenes::MarkerCategory;
  switch (c) {
    case C::Camera:  // body and lens hood
      out.frame(at, p(0.05f, 0.3f), p(0.65f, 0.8f), t, ink);
      out.triangle(at, p(0.65f, 0.55f), p(0.95f, 0.3f), p(0.95f, 0.8f), ink);
      ring(p(0.2f, 0.18f), 0.12f * s);
      ring(p(0.48f, 0.18f), 0.12f * s);
      break;
    case C::Light:  // a sun
      out.disc(at, p(0.5f, 0.5f), 0.2f * s, ink, 16);
      for (int i = 0; i < 8; ++i) {
        const glm::vec2 d(std::cos(static_cast<float>(i) * kPi / 4), std::sin(static_cast<float>(i) * kPi / 4));
        stroke(out, at, p(0.5f, 0.5f) + d * (0.3f * s), p(0.5f, 0.5f) + d * (0.45f * s), t, ink);
      }
      break;
    case C::Sound:  // a speaker and its waves
      out.rect(at, p(0.05f, 0.38f), p(0.25f, 0.62f), ink);
      out.triangle(at, p(0.2f, 0.5f), p(0.5f, 0.15f), p(0.5f, 0.85f), ink);
      out.arc(at, p(0.5f, 0.5f), 0.22f * s, t, -0.8f, 0.8f, ink, 10);
      out.arc(at, p(0.5f, 0.5f), 0.4f * s, t, -0.8f, 0.8f, ink, 12);
      break;
    case C::Performance:  // a figure
      out.disc(at, p(0.5f, 0.2f), 0.16f * s, ink, 16);
      out.triangle(at, p(0.5f, 0.38f), p(0.2f, 0.95f), p(0.8f, 0.95f), ink);
      break;
    case C::Set:  // a house
      out.triangle(at, p(0.5f, 0.05f), p(0.05f, 0.45f), p(0.95f, 0.45f), ink);
      out.frame(at, p(0.18f, 0.45f), p(0.82f, 0.92f), t, ink);
      break;
    case C::History:  // a clock
      ring(p(0.5f, 0.5f), 0.42f * s);
      stroke(out, at, p(0.5f, 0.5f), p(0.5f, 0.22f), t, ink);
      stroke(out, at, p(0.5f, 0.5f), p(0.72f, 0.5f), t, ink);
      break;
    case C::Production:  // a clapperboard
      out.frame(at, p(0.05f, 0.4f), p(0.95f, 0.92f), t, ink);
      out.triangle(at, p(0.05f, 0.15f), p(0.95f, 0.05f), p(0.95f, 0.3f), ink);
      out.triangle(at, p(0.05f, 0.15f), p(0.95f, 0.3f), p(0.05f, 0.4f), ink);
      break;
  }
}

}  // namespace

void edgeArrow(engine::OverlayGeometry& out, const EdgeIndicator& edge, float size, const glm::vec4& fill,
               const glm::vec4& outline) {
  const glm::vec2 f = edge.toward, side(-f.y, f.x);
  // Long and narrow, so its point reads as a direction; the outline is a larger one beneath.
  const auto arrow = [&](float s, const glm::vec4& colour) {
    out.screenTriangle(edge.at + f * s, edge.at - f * (s * 0.7f) + side * (s * 0.45f),
                       edge.at - f * (s * 0.7f) - side * (s * 0.45f), colour);
  };
  arrow(size + 2.5f, outline);
  arrow(size, fill);
}

void buildMarkerGeometry(const std::vector<scenes::Marker>& markers, const std::vector<MarkerSprite>& sprites,
                         const MarkerPaint& paint, const engine::FontAtlas& atlas, engine::OverlayGeometry& common,
                         engine::OverlayGeometry& edges) {
  for (const MarkerSprite& s : sprites) {
    if (s.index >= markers.size()) continue;
    const scenes::Marker& m = markers[s.index];
    const auto [r, g, b] = categoryRgb(m.category);
    const float o = s.opacity;
    const glm::vec4 accent = faded(r, g, b, 255, o), white = faded(245, 245, 245, 255, o),
                    shade = faded(16, 16, 22, 215, o);
    if (!s.onScreen) {
      if (s.edge) edgeArrow(edges, *s.edge, 16, accent, faded(10, 10, 10, 200, o));
      continue;
    }
    // Offsets are from the pin's pixel; the anchor is the marker's point, so the card takes
    // the marker's depth.
    const glm::vec3 at = s.point;
    const glm::vec2 barMin = s.titleBar.min - s.pin, barMax = s.titleBar.max - s.pin;
    const float barH = barMax.y - barMin.y;
    const float stem = std::max(1.0f, barH * 0.05f);
    // The pin's parts do not overlap: where the scene hides it, each is drawn at the hidden
    // opacity once, and stacked translucent parts would add up to more.
    const float ring = 1.5f;
    common.rect(at, {s.pinRadiusPx + ring, -stem * 0.5f}, {barMin.x, stem * 0.5f}, white);
    common.disc(at, {0, 0}, s.pinRadiusPx, accent);
    common.arc(at, {0, 0}, s.pinRadiusPx + ring * 0.5f, ring, 0, 2 * kPi, white);
    if (paint.dwelling == s.index && paint.dwellProgress > 0)
      common.arc(at, {0, 0}, s.pinRadiusPx + 4, 2.5f, -kPi / 2, -kPi / 2 + 2 * kPi * paint.dwellProgress, white);

    const bool open = paint.open == s.index;
    const float textPx = barH * 0.6f, pad = barH * 0.2f, bodyPx = textPx * 0.8f;
    const float wrap = s.cardWidthPx - 2 * pad;
    std::vector<std::string> textLines, captionLines;
    if (open) {
      if (!m.text.empty()) textLines = atlas.wrap(m.text, bodyPx, wrap);
      if (!paint.caption.empty()) captionLines = atlas.wrap(paint.caption, bodyPx, wrap);
    }
    const float lineH = bodyPx * 1.2f;
    float bodyH = 0;
    if (!textLines.empty()) bodyH += static_cast<float>(textLines.size()) * lineH + pad;
    if (!captionLines.empty()) bodyH += static_cast<float>(captionLines.size()) * lineH + pad;
    if (bodyH > 0) bodyH += pad;
    const glm::vec2 cardMax(barMax.x, barMax.y + bodyH);
    common.rect(at, barMin, cardMax, shade);
    common.rect(at, barMin, {barMin.x + std::max(3.0f, pad * 0.6f), barMax.y}, accent);
    if (paint.highlighted == s.index) common.frame(at, barMin, cardMax, 2, white);
    const float iconSide = barH * 0.62f;
    const glm::vec2 iconAt(barMin.x + pad * 1.5f, barMin.y + (barH - iconSide) * 0.5f);
    icon(common, at, m.category, iconAt, iconSide, white);
    const float titleX = iconAt.x + iconSide + pad;
    common.text(atlas, at, {titleX, barMin.y + (barH - textPx) * 0.5f}, m.title, textPx, white,
                barMax.x - pad - titleX);
    float y = barMax.y + pad;
    for (const std::string& line : textLines) {
      common.text(atlas, at, {barMin.x + pad, y}, line, bodyPx, faded(225, 225, 230, 255, o), wrap);
      y += lineH;
    }
    if (!textLines.empty()) y += pad;
    for (const std::string& line : captionLines) {
      common.text(atlas, at, {barMin.x + pad, y}, line, bodyPx, faded(255, 225, 120, 255, o), wrap);
      y += lineH;
    }
  }
}

void buildFilmFrameGeometry(const FilmFrame& frame, const std::string& label, bool withPicture,
                            const engine::FontAtlas& atlas, engine::OverlayGeometry& out) {
  const glm::vec4 outline = engine::linearColour(kFilmFrameRgb[0], kFilmFrameRgb[1], kFilmFrameRgb[2]);
  const glm::vec4 frustum = engine::linearColour(kFilmFrameRgb[0], kFilmFrameRgb[1], kFilmFrameRgb[2], 150 / 255.0f);
  // The clip first, so the outline stays on top.
  if (withPicture) out.picture(frame.corners);
  for (const glm::vec3& c : frame.corners) out.segment(frame.apex, c, frustum, 1.5f);
  // In the picture's corner order: top, right, bottom, left.
  const auto& k = frame.corners;
  const std::array<glm::vec3, 4> ring{k[0], k[1], k[3], k[2]};
  out.polyline(ring, outline, 2, engine::WidthUnit::Pixels, true);
  if (!label.empty()) {
    constexpr float px = 13;
    out.text(atlas, k[0], {4, -px * 1.5f}, label, px, outline);
  }
}

void buildFloorGrid(const MarkerStyle& style, engine::OverlayGeometry& out, float halfExtentM, float spacingM) {
  out.floorGrid({0, -style.captureOrigin.y, 0}, halfExtentM, spacingM, engine::linearColour(200, 200, 210, 0.35f),
                0.01f);
}

}  // namespace ps::ui
