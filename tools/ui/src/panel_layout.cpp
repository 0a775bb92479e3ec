#include "ui/panel_layout.h"

#include <cmath>

namespace ps::ui {

float PanelLayout::pixelAt(double fraction) const {
  return barLeft + static_cast<float>(fraction) * (barRight - barLeft);
}

double PanelLayout::fractionAt(float x) const {
  return static_cast<double>(x - barLeft) / static_cast<double>(barRight - barLeft);
}

PointerSample PanelLayout::hit(glm::vec2 uv, double playhead, bool down) const {
  PointerSample p;
  p.down = down;
  if (uv.x < 0 || uv.x > 1 || uv.y < 0 || uv.y > 1) return p;  // off the panel
  const glm::vec2 px{uv.x * width, uv.y * canvasHeight() - previewHeight};
  p.x = fractionAt(px.x);
  const bool onBand = px.x >= barLeft - grabSlack && px.x <= barRight + grabSlack && px.y >= barTop - grabSlack &&
                      px.y <= barBottom + grabSlack;
  const glm::vec2 handle{pixelAt(playhead), (barTop + barBottom) / 2};
  const glm::vec2 d = px - handle;
  p.overGrab = onBand || std::sqrt(d.x * d.x + d.y * d.y) <= handleRadius;
  return p;
}

PanelLayout worldPanelLayout() {
  PanelLayout l;
  l.previewHeight = 144;  // the 128-pixel thumbnail and a margin
  return l;
}

}  // namespace ps::ui
