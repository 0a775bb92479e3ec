#pragma once
// What the headset says about a live feed, in a badge that stays in front of the eyes: "LIVE"
// with the latency from receiving a picture to showing it, or, when the pictures stop, a stall
// warning with how long the last one has been held and whether the feed is reconnecting. While
// the feed's past is shown (the live timeline), how far behind the newest picture it is.
#include <optional>
#include <string>

#include <glm/vec3.hpp>

#include "engine/font_atlas.h"
#include "engine/overlay_geometry.h"

namespace ps::ui {

struct LiveBadge {
  bool stalled = false;
  double heldSeconds = 0;         // how long the picture shown has been the last (while stalled)
  bool reconnecting = false;      // the connection was lost and is being opened again
  std::optional<double> latency;  // seconds, receive to photon; empty: not measured yet
  std::optional<double> behind;   // seconds behind the newest picture; empty: the live picture
  glm::vec3 anchor{0.0f};         // stage space: where the badge sits (ahead of the head)
  friend bool operator==(const LiveBadge&, const LiveBadge&) = default;
};

// The badge's words: "LIVE  42 ms", "FEED STALLED 3.2 s: reconnecting", "REPLAY  -12.4 s", or
// "REPLAY  -12.4 s  (feed stalled)".
std::string liveBadgeText(const LiveBadge& badge);

// Draws it at its anchor: white on dark when live (a red dot before it), on red when stalled, on
// blue in the past.
void buildLiveBadgeGeometry(const LiveBadge& badge, const engine::FontAtlas& atlas, engine::OverlayGeometry& out);

}  // namespace ps::ui
