#include "ui/marker_painter.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ps::ui {

namespace {

constexpr float kPi = std::numbers::pi_v<float>;

ImVec2 im(glm::vec2 v) { return {v.x, v.y}; }

// One icon per category, white strokes in a square of side s at top-left o.
void drawIcon(ImDrawList& dl, scenes::MarkerCategory c, ImVec2 o, float s, ImU32 ink) {
  const auto p = [&](float x, float y) { return ImVec2(o.x + x * s, o.y + y * s); };
  const float t = std::max(1.0f, s * 0.09f);
  using C = scenes::MarkerCategory;
  switch (c) {
    case C::Camera:  // body and lens hood
      dl.AddRect(p(0.05f, 0.3f), p(0.65f, 0.8f), ink, 0, 0, t);
      dl.AddTriangleFilled(p(0.65f, 0.55f), p(0.95f, 0.3f), p(0.95f, 0.8f), ink);
      dl.AddCircle(p(0.2f, 0.18f), 0.12f * s, ink, 12, t);
      dl.AddCircle(p(0.48f, 0.18f), 0.12f * s, ink, 12, t);
      break;
    case C::Light:  // a sun
      dl.AddCircleFilled(p(0.5f, 0.5f), 0.2f * s, ink, 16);
      for (int i = 0; i < 8; ++i) {
        const float a = static_cast<float>(i) * kPi / 4;
        dl.AddLine(p(0.5f + 0.3f * std::cos(a), 0.5f + 0.3f * std::sin(a)),
                   p(0.5f + 0.45f * std::cos(a), 0.5f + 0.45f * std::sin(a)), ink, t);
      }
      break;
    case C::Sound:  // a speaker and its waves
      dl.AddRectFilled(p(0.05f, 0.38f), p(0.25f, 0.62f), ink);
      dl.AddTriangleFilled(p(0.2f, 0.5f), p(0.5f, 0.15f), p(0.5f, 0.85f), ink);
      dl.PathArcTo(p(0.5f, 0.5f), 0.22f * s, -0.8f, 0.8f, 10);
      dl.PathStroke(ink, 0, t);
      dl.PathArcTo(p(0.5f, 0.5f), 0.4f * s, -0.8f, 0.8f, 12);
      dl.PathStroke(ink, 0, t);
      break;
    case C::Performance:  // a figure
      dl.AddCircleFilled(p(0.5f, 0.2f), 0.16f * s, ink, 16);
      dl.AddTriangleFilled(p(0.5f, 0.38f), p(0.2f, 0.95f), p(0.8f, 0.95f), ink);
      break;
    case C::Set:  // a house
      dl.AddTriangleFilled(p(0.5f, 0.05f), p(0.05f, 0.45f), p(0.95f, 0.45f), ink);
      dl.AddRect(p(0.18f, 0.45f), p(0.82f, 0.92f), ink, 0, 0, t);
      break;
    case C::History:  // a clock
      dl.AddCircle(p(0.5f, 0.5f), 0.42f * s, ink, 20, t);
      dl.AddLine(p(0.5f, 0.5f), p(0.5f, 0.22f), ink, t);
      dl.AddLine(p(0.5f, 0.5f), p(0.72f, 0.5f), ink, t);
      break;
    case C::Production:  // a clapperboard
      dl.AddRect(p(0.05f, 0.4f), p(0.95f, 0.92f), ink, 0, 0, t);
      dl.AddQuadFilled(p(0.05f, 0.15f), p(0.95f, 0.05f), p(0.95f, 0.3f), p(0.05f, 0.4f), ink);
      break;
  }
}

void drawEdgeArrow(ImDrawList& dl, const EdgeIndicator& edge, float size, ImU32 fill, ImU32 outline) {
  const glm::vec2 f = edge.toward, side(-f.y, f.x);
  // Long and narrow, so its point reads as a direction.
  const glm::vec2 tip = edge.at + f * size, a = edge.at - f * (size * 0.7f) + side * (size * 0.45f),
                  b = edge.at - f * (size * 0.7f) - side * (size * 0.45f);
  dl.AddTriangleFilled(im(tip), im(a), im(b), fill);
  dl.AddTriangle(im(tip), im(a), im(b), outline, 2);
}

}  // namespace

std::array<std::uint8_t, 3> categoryRgb(scenes::MarkerCategory category) {
  using C = scenes::MarkerCategory;
  switch (category) {
    case C::Camera: return {70, 165, 255};
    case C::Light: return {255, 205, 50};
    case C::Sound: return {80, 220, 140};
    case C::Performance: return {255, 105, 85};
    case C::Set: return {185, 135, 255};
    case C::History: return {210, 175, 120};
    case C::Production: return {255, 70, 200};
  }
  return {255, 255, 255};
}

void paintMarkers(const std::vector<scenes::Marker>& markers, const std::vector<MarkerSprite>& sprites,
                  const MarkerPaint& paint, const Palette& palette) {
  ImDrawList& dl = *ImGui::GetBackgroundDrawList();
  ImFont* font = ImGui::GetFont();
  for (const MarkerSprite& s : sprites) {
    const scenes::Marker& m = markers[s.index];
    const auto [r, g, b] = categoryRgb(m.category);
    const float o = s.opacity;
    const ImU32 accent = palette.faded(r, g, b, 255, o);
    const ImU32 white = palette.faded(245, 245, 245, 255, o);
    const ImU32 shade = palette.faded(16, 16, 22, 215, o);
    if (!s.onScreen) {
      if (s.edge) drawEdgeArrow(dl, *s.edge, 16, accent, palette.faded(10, 10, 10, 200, o));
      continue;
    }
    const float barH = s.titleBar.max.y - s.titleBar.min.y;
    // Stem first, then the pin over its end.
    dl.AddLine(im(s.pin), ImVec2(s.titleBar.min.x, s.pin.y), white, std::max(1.0f, barH * 0.05f));
    dl.AddCircleFilled(im(s.pin), s.pinRadiusPx, accent, 24);
    dl.AddCircle(im(s.pin), s.pinRadiusPx + 1, white, 24, 1.5f);
    if (paint.dwelling == s.index && paint.dwellProgress > 0) {
      const float a0 = -kPi / 2;
      dl.PathArcTo(im(s.pin), s.pinRadiusPx + 4, a0, a0 + 2 * kPi * paint.dwellProgress, 24);
      dl.PathStroke(white, 0, 2.5f);
    }

    const bool open = paint.open == s.index;
    const float textPx = barH * 0.6f;
    const float pad = barH * 0.2f;
    const float wrap = s.cardWidthPx - 2 * pad;
    // The open card's body: text, then the caption, wrapped to the card.
    float bodyH = 0;
    ImVec2 textSize(0, 0), captionSize(0, 0);
    const float bodyPx = textPx * 0.8f;
    if (open) {
      if (!m.text.empty()) textSize = font->CalcTextSizeA(bodyPx, wrap, wrap, m.text.c_str());
      if (!paint.caption.empty()) captionSize = font->CalcTextSizeA(bodyPx, wrap, wrap, paint.caption.c_str());
      bodyH = textSize.y + captionSize.y + (textSize.y > 0 ? pad : 0) + (captionSize.y > 0 ? pad : 0);
      if (bodyH > 0) bodyH += pad;
    }
    const ImVec2 cardMin = im(s.titleBar.min), cardMax(s.titleBar.max.x, s.titleBar.max.y + bodyH);
    dl.AddRectFilled(cardMin, cardMax, shade, pad);
    dl.AddRectFilled(cardMin, ImVec2(cardMin.x + std::max(3.0f, pad * 0.6f), s.titleBar.max.y), accent);
    if (paint.highlighted == s.index) dl.AddRect(cardMin, cardMax, white, pad, 0, 2);
    const float iconSide = barH * 0.62f;
    const ImVec2 iconAt(cardMin.x + pad * 1.5f, cardMin.y + (barH - iconSide) * 0.5f);
    drawIcon(dl, m.category, iconAt, iconSide, white);
    const float titleX = iconAt.x + iconSide + pad;
    const ImVec4 clip(titleX, cardMin.y, s.titleBar.max.x - pad, s.titleBar.max.y);
    dl.AddText(font, textPx, ImVec2(titleX, cardMin.y + (barH - textPx) * 0.5f), white, m.title.c_str(), nullptr,
               0, &clip);
    float y = s.titleBar.max.y + pad;
    if (textSize.y > 0) {
      dl.AddText(font, bodyPx, ImVec2(cardMin.x + pad, y), palette.faded(225, 225, 230, 255, o), m.text.c_str(),
                 nullptr, wrap);
      y += textSize.y + pad;
    }
    if (captionSize.y > 0)
      dl.AddText(font, bodyPx, ImVec2(cardMin.x + pad, y), palette.faded(255, 225, 120, 255, o),
                 paint.caption.c_str(), nullptr, wrap);
  }
}

}  // namespace ps::ui
