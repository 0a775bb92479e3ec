#include "ui/headset_keyboard_geometry.h"

#include <algorithm>

#include "ui/headset_keyboard.h"
#include "ui/headset_menu_geometry.h"

namespace ps::ui {

HeadsetKeyboardLayout layoutHeadsetKeyboard(float pixelsPerDegree) {
  HeadsetKeyboardLayout l;
  // A key of 2.6 degrees is an easy target for a hand-held ray; below 16 pixels a label stops reading.
  l.keyPx = std::max(16.0f, 2.6f * pixelsPerDegree);
  l.textPx = l.keyPx * 0.5f, l.pad = l.keyPx * 0.25f;
  const float width = kKeyboardWidth * l.keyPx + 2 * l.pad;
  // Below the marker's pin (which stays in sight), centred on it.
  l.min = {-0.5f * width, 1.5f * pixelsPerDegree};
  l.fieldY = l.min.y + l.pad + l.keyPx * 0.6f;
  l.keys = {l.min.x + l.pad, l.fieldY + l.keyPx + l.pad};
  l.max = {l.min.x + width, l.keys.y + kKeyboardRows * l.keyPx + l.pad + l.textPx * 1.3f + l.pad};
  return l;
}

void buildHeadsetKeyboardGeometry(const HeadsetKeyboardView& view, float pixelsPerDegree,
                                  const engine::FontAtlas& atlas, engine::OverlayGeometry& out) {
  const HeadsetKeyboardLayout l = layoutHeadsetKeyboard(pixelsPerDegree);
  // The menu card's colours (headset_menu_geometry.cpp), so the two read as one tool.
  const glm::vec4 shade = engine::linearColour(16, 16, 22, 0.86f), white = engine::linearColour(245, 245, 245),
                  dim = engine::linearColour(190, 190, 200), mark = engine::linearColour(90, 200, 255, 0.9f),
                  key = engine::linearColour(48, 48, 60, 0.95f), held = engine::linearColour(240, 190, 70, 0.95f),
                  ink = engine::linearColour(10, 10, 14);
  const glm::vec3& a = view.anchor;
  out.rect(a, l.min, l.max, shade);
  out.frame(a, l.min, l.max, 1.5f, dim);
  const float innerW = l.max.x - l.min.x - 2 * l.pad;
  out.text(atlas, a, {l.min.x + l.pad, l.min.y + l.pad * 0.5f}, view.heading, l.textPx * 0.8f, dim, innerW);
  // The field: what is typed and a caret, else the present title dimmed.
  out.rect(a, {l.min.x + l.pad, l.fieldY}, {l.max.x - l.pad, l.fieldY + l.keyPx}, key);
  const glm::vec2 textAt{l.min.x + l.pad * 2, l.fieldY + (l.keyPx - l.textPx) * 0.5f};
  if (view.text.empty()) {
    out.text(atlas, a, textAt, view.placeholder, l.textPx, engine::linearColour(120, 120, 130), innerW - 2 * l.pad);
  } else {
    const float w = out.text(atlas, a, textAt, view.text, l.textPx, white, innerW - 2 * l.pad);
    out.rect(a, {textAt.x + w + 1, textAt.y}, {textAt.x + w + 3, textAt.y + l.textPx}, mark);
  }
  const std::vector<KeyboardKey>& keys = keyboardKeys();
  const float gap = std::max(1.0f, l.keyPx * 0.06f);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const KeyboardKey& k = keys[i];
    const glm::vec2 kMin = l.keys + glm::vec2(k.x, k.y) * l.keyPx + gap;
    const glm::vec2 kMax = l.keys + glm::vec2(k.x + k.width, k.y + 1) * l.keyPx - gap;
    const bool lit = view.hovered == i, on = k.kind == KeyKind::Shift && view.shift;
    out.rect(a, kMin, kMax, lit ? mark : on ? held : key);
    const std::string label = keyLabel(k, view.shift);
    const float labelW = atlas.widthOf(label, l.textPx);
    out.text(atlas, a, {0.5f * (kMin.x + kMax.x - labelW), 0.5f * (kMin.y + kMax.y - l.textPx)}, label, l.textPx,
             lit || on ? ink : white);
  }
  out.text(atlas, a, {l.min.x + l.pad, l.keys.y + kKeyboardRows * l.keyPx + l.pad * 0.5f}, view.hint,
           l.textPx * 0.8f, dim, innerW);
}

std::optional<HeadsetKeyboardHit> rayOnHeadsetKeyboard(const engine::Ray& ray, const HeadsetKeyboardView& view,
                                                       const ViewProjection& eye) {
  const std::optional<CardPoint> on = rayOnCardPlane(ray, view.anchor, eye);
  if (!on) return std::nullopt;
  const HeadsetKeyboardLayout l = layoutHeadsetKeyboard(pixelsPerDegree(eye.view().fov, eye.extent().y));
  if (on->px.x < l.min.x || on->px.x > l.max.x || on->px.y < l.min.y || on->px.y > l.max.y) return std::nullopt;
  return HeadsetKeyboardHit{on->alongM, keyAt((on->px - l.keys) / l.keyPx)};
}

}  // namespace ps::ui
