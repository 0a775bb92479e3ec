#pragma once
// Where the narration markers active at a shot time appear in one eye's view: the pin at the
// marker's point, the card beside it at a fixed visual angle (readable at any distance,
// facing the viewer because it is drawn in the eye's image plane), and, for an active marker
// outside the view, an indicator on the view's edge pointing the way to turn. Pure geometry:
// the painter (marker_painter.h) and the hit tests (marker_picking.h) share it.
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include "scenes/marker.h"
#include "ui/view_projection.h"

namespace ps::ui {

struct MarkerStyle {
  float cardWidthDeg = 16;    // the card's visual angle: about a hand's width at arm's length
  float titleHeightDeg = 2.6f;
  float pinRadiusDeg = 0.6f;
  float stemDeg = 1.2f;        // from the pin to the card's left edge
  float minDistanceM = 0.6f;   // a marker nearer the eye is pushed out along its ray
  float minCardWidthPx = 140;  // a small window still shows readable cards
  float maxCardWidthPx = 520;
  float edgeMarginPx = 30;     // edge indicators sit this far inside the view
  // At least this opaque while active, fades or not: the editor shows a marker at its t_in.
  float minActiveOpacity = 0;
  // Off-screen markers get edge indicators, the nearest this many: thousands of arrows piled
  // on the edge say no more than a dozen and cost a frame.
  std::size_t maxEdgeIndicators = 12;
  // Where the capture point (the shot's origin, where direction markers are measured from and
  // the viewer's space is centred) stands on the stage, whose floor is y = 0: a `stage` marker
  // at y = 0 lies on the floor, 1.6 m below an eye at the capture point by default.
  glm::vec3 captureOrigin{0.0f, 1.6f, 0.0f};
  friend bool operator==(const MarkerStyle&, const MarkerStyle&) = default;
};

struct PixelRect {
  glm::vec2 min{0.0f}, max{0.0f};
  bool contains(glm::vec2 p) const { return p.x >= min.x && p.y >= min.y && p.x <= max.x && p.y <= max.y; }
  friend bool operator==(const PixelRect&, const PixelRect&) = default;
};

struct EdgeIndicator {
  glm::vec2 at{0.0f};         // pixels, inside the view
  glm::vec2 toward{1.0f, 0};  // unit, in pixels (y down): the way to turn
  friend bool operator==(const EdgeIndicator&, const EdgeIndicator&) = default;
};

struct MarkerSprite {
  std::size_t index = 0;      // into the markers laid out
  float opacity = 0;          // the fade, 0..1
  float distanceM = 0;        // from the eye, after the near limit
  float axisDepthM = 0;       // along the eye's view axis (what the depth buffer holds there)
  glm::vec3 point{0.0f};      // where it is drawn, relative to the capture point (after the near limit)
  bool onScreen = false;      // the pin is in front of the eye and inside the view
  glm::vec2 pin{0.0f};        // pixels; meaningful when onScreen
  float pinRadiusPx = 0;
  PixelRect titleBar;         // the closed card: category icon and title
  float cardWidthPx = 0;      // the open card's width; its body hangs below titleBar
  std::optional<EdgeIndicator> edge;  // active, not on screen
  friend bool operator==(const MarkerSprite&, const MarkerSprite&) = default;
};

// The indicator on the edge of an eye's view (`extent` pixels, `marginPx` inside it) for a
// point it does not show, at `inEye` in the eye's frame (x right, y up, -z forward).
EdgeIndicator edgeIndicatorFor(const glm::vec3& inEye, glm::vec2 extent, float marginPx);

// Where a marker stands relative to the capture point: a direction marker on its sphere around
// it; a stage marker at its stage position less style.captureOrigin (the floor is at
// -captureOrigin.y).
glm::vec3 markerPoint(const scenes::Marker& marker, const MarkerStyle& style);
// The point (relative to the capture point) a marker is drawn at for an eye at `eye` (relative
// to it too): markerPoint, pushed out to style.minDistanceM along the ray from the eye when
// nearer, so a card never meets the viewer.
glm::vec3 markerPointFor(const scenes::Marker& marker, const glm::vec3& eye, const MarkerStyle& style);

// The markers visible at shot time t (opacity > 0, or active with style.minActiveOpacity),
// farthest first (the order to draw them). Visits every marker.
std::vector<MarkerSprite> layoutMarkers(const std::vector<scenes::Marker>& markers, double t,
                                        const ViewProjection& eye, const MarkerStyle& style = {});
// The same over only the markers `candidates` names (indices into markers, such as those a
// scenes::MarkerTimeIndex finds active at t): the work grows with them, not with the shot's.
std::vector<MarkerSprite> layoutMarkers(const std::vector<scenes::Marker>& markers,
                                        std::span<const std::size_t> candidates, double t,
                                        const ViewProjection& eye, const MarkerStyle& style = {});
// The same into `sprites` (cleared first), whose capacity a caller laying out every frame keeps.
void layoutMarkers(const std::vector<scenes::Marker>& markers, std::span<const std::size_t> candidates, double t,
                   const ViewProjection& eye, const MarkerStyle& style, std::vector<MarkerSprite>& sprites);

}  // namespace ps::ui
