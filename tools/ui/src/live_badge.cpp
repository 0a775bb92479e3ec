#include "ui/live_badge.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace ps::ui {

namespace {
constexpr float kTextPx = 22.0f;
}

std::string liveBadgeText(const LiveBadge& badge) {
  if (badge.behind) {
    const std::string replay = fmt::format("REPLAY  -{:.1f} s", std::max(0.0, *badge.behind));
    return badge.stalled ? replay + "  (feed stalled)" : replay;
  }
  if (badge.stalled) {
    const std::string held = fmt::format("FEED STALLED {:.1f} s", badge.heldSeconds);
    return badge.reconnecting ? held + ": reconnecting" : held;
  }
  if (!badge.latency) return "LIVE";
  return fmt::format("LIVE  {} ms", static_cast<long>(std::lround(*badge.latency * 1e3)));
}

void buildLiveBadgeGeometry(const LiveBadge& badge, const engine::FontAtlas& atlas, engine::OverlayGeometry& out) {
  const std::string text = liveBadgeText(badge);
  const glm::vec4 ink = engine::linearColour(255, 255, 255);
  const glm::vec4 ground = badge.behind    ? engine::linearColour(30, 70, 170, 0.85f)
                           : badge.stalled ? engine::linearColour(200, 30, 30, 0.9f)
                                           : engine::linearColour(10, 10, 14, 0.7f);
  const bool tally = !badge.stalled && !badge.behind;
  engine::OverlayGeometry measure;
  const float width = measure.text(atlas, badge.anchor, {0, 0}, text, kTextPx, ink);
  const glm::vec2 topLeft(-0.5f * width, -0.5f * kTextPx);
  // Live: a red dot before the words, as a camera's tally light.
  const float leftPad = tally ? 34.0f : 10.0f;
  out.rect(badge.anchor, topLeft - glm::vec2(leftPad, 6), topLeft + glm::vec2(width + 10, kTextPx + 6), ground);
  if (tally) out.disc(badge.anchor, topLeft + glm::vec2(-18, 0.5f * kTextPx), 6.0f, engine::linearColour(230, 40, 40));
  out.text(atlas, badge.anchor, topLeft, text, kTextPx, ink);
}

}  // namespace ps::ui
