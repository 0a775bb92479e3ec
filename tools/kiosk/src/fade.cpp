#include "kiosk/fade.h"

#include <algorithm>

#include "engine/font_atlas.h"

namespace ps::kiosk {

float FadeCurve::opacity(double t) const {
  if (!start_) return 0;
  if (seconds_ <= 0) return 0;
  const double o = 1.0 - (t - *start_) / seconds_;
  return static_cast<float>(std::clamp(o, 0.0, 1.0));
}

engine::Layer* FadeLayer::at(const engine::Device& device, float opacity) {
  if (opacity <= 0) return nullptr;
  if (!layer_) {
    // The overlay draws glyphs too; the fade has none, but the layer wants its atlas.
    layer_ = std::make_unique<engine::OverlayLayer>(device, engine::FontAtlas::shared());
    opacity_ = -1;
  }
  if (opacity != opacity_) {
    // Two triangles in the target's pixels, larger than any view.
    constexpr float kFar = 1e5f;
    const glm::vec4 black(0, 0, 0, opacity);
    engine::OverlayGeometry g;
    g.screenTriangle({-1, -1}, {kFar, -1}, {-1, kFar}, black);
    g.screenTriangle({kFar, -1}, {kFar, kFar}, {-1, kFar}, black);
    layer_->setGeometry(std::move(g));
    opacity_ = opacity;
  }
  return layer_.get();
}

}  // namespace ps::kiosk
