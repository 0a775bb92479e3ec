#include "ui/marker_layout.h"

#include <algorithm>
#include <cmath>

#include <glm/geometric.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/trigonometric.hpp>

namespace ps::ui {

namespace {

glm::vec3 toGlm(const scenes::Vec3& v) {
  return {static_cast<float>(v.x), static_cast<float>(v.y), static_cast<float>(v.z)};
}

// On the rectangle inset by `margin`, from the centre along `toward`.
glm::vec2 onEdge(glm::vec2 extent, glm::vec2 toward, float margin) {
  const glm::vec2 half = extent * 0.5f;
  const glm::vec2 room = glm::max(half - glm::vec2(margin), glm::vec2(1.0f));
  const float sx = std::abs(toward.x) > 1e-6f ? room.x / std::abs(toward.x) : 1e9f;
  const float sy = std::abs(toward.y) > 1e-6f ? room.y / std::abs(toward.y) : 1e9f;
  return half + toward * std::min(sx, sy);
}

}  // namespace

EdgeIndicator edgeIndicatorFor(const glm::vec3& inEye, glm::vec2 extent, float marginPx) {
  // The way to turn: the point's offset in the eye's image plane (y down), which keeps its
  // sense behind the eye too. Straight behind, any way is as good: down.
  glm::vec2 toward(inEye.x, -inEye.y);
  toward = glm::length(toward) > 1e-5f ? glm::normalize(toward) : glm::vec2(0, 1);
  return EdgeIndicator{onEdge(extent, toward, marginPx), toward};
}

glm::vec3 markerPoint(const scenes::Marker& marker, const MarkerStyle& style) {
  if (const auto* stage = std::get_if<scenes::StagePlacement>(&marker.placement))
    return toGlm(stage->position) - style.captureOrigin;
  return toGlm(scenes::markerPosition(marker));
}

glm::vec3 markerPointFor(const scenes::Marker& marker, const glm::vec3& eye, const MarkerStyle& style) {
  const glm::vec3 p = markerPoint(marker, style);
  const glm::vec3 v = p - eye;
  const float d = glm::length(v);
  if (d >= style.minDistanceM) return p;
  // At the eye itself there is no ray: keep the marker's direction from the origin.
  const float fromOrigin = glm::length(p);
  const glm::vec3 dir = d > 1e-4f ? v / d : fromOrigin > 1e-6f ? p / fromOrigin : glm::vec3(0, 0, -1);
  return eye + dir * style.minDistanceM;
}

namespace {

// Pushes marker i's sprite when it shows at t.
void layoutOne(const std::vector<scenes::Marker>& markers, std::size_t i, double t, const ViewProjection& eye,
               const MarkerStyle& style, std::vector<MarkerSprite>& sprites) {
  float opacity = static_cast<float>(scenes::markerOpacity(markers[i], t));
  if (scenes::markerActive(markers[i], t)) opacity = std::max(opacity, style.minActiveOpacity);
  if (opacity <= 0) return;
  MarkerSprite s;
  s.index = i;
  s.opacity = opacity;
  const glm::vec3 point = markerPointFor(markers[i], eye.view().position, style);
  const glm::vec3 inEye = eye.toEye(point);
  s.point = point;
  s.distanceM = glm::length(inEye);
  s.axisDepthM = -inEye.z;
  const std::optional<glm::vec2> pin = eye.pixelOfEyePoint(inEye);
  s.onScreen = pin && eye.contains(*pin);
  if (s.onScreen) {
    s.pin = *pin;
    const float pxPerDeg = eye.pixelsPerRadianAt(inEye) * glm::radians(1.0f);
    // A fixed visual angle, within what stays legible in a small window and sane in a big one.
    const float width = std::clamp(style.cardWidthDeg * pxPerDeg, style.minCardWidthPx, style.maxCardWidthPx);
    const float scale = width / style.cardWidthDeg;  // pixels per degree, after the clamp
    s.cardWidthPx = width;
    s.pinRadiusPx = std::max(3.0f, style.pinRadiusDeg * scale);
    const float left = s.pin.x + style.stemDeg * scale;
    const float half = style.titleHeightDeg * scale * 0.5f;
    s.titleBar = {{left, s.pin.y - half}, {left + width, s.pin.y + half}};
  } else {
    s.edge = edgeIndicatorFor(inEye, eye.extent(), style.edgeMarginPx);
  }
  sprites.push_back(s);
}

// Keeps the nearest maxEdgeIndicators edge sprites; then farthest first.
void finish(std::vector<MarkerSprite>& sprites, const MarkerStyle& style) {
  const auto firstEdge = std::stable_partition(sprites.begin(), sprites.end(),
                                               [](const MarkerSprite& s) { return s.onScreen; });
  if (static_cast<std::size_t>(sprites.end() - firstEdge) > style.maxEdgeIndicators) {
    std::stable_sort(firstEdge, sprites.end(),
                     [](const MarkerSprite& a, const MarkerSprite& b) { return a.distanceM < b.distanceM; });
    sprites.erase(firstEdge + static_cast<std::ptrdiff_t>(style.maxEdgeIndicators), sprites.end());
  }
  std::stable_sort(sprites.begin(), sprites.end(), [](const MarkerSprite& a, const MarkerSprite& b) {
    return a.distanceM != b.distanceM ? a.distanceM > b.distanceM : a.index < b.index;
  });
}

}  // namespace

std::vector<MarkerSprite> layoutMarkers(const std::vector<scenes::Marker>& markers, double t,
                                        const ViewProjection& eye, const MarkerStyle& style) {
  std::vector<MarkerSprite> sprites;
  for (std::size_t i = 0; i < markers.size(); ++i) layoutOne(markers, i, t, eye, style, sprites);
  finish(sprites, style);
  return sprites;
}

std::vector<MarkerSprite> layoutMarkers(const std::vector<scenes::Marker>& markers,
                                        std::span<const std::size_t> candidates, double t,
                                        const ViewProjection& eye, const MarkerStyle& style) {
  std::vector<MarkerSprite> sprites;
  layoutMarkers(markers, candidates, t, eye, style, sprites);
  return sprites;
}

void layoutMarkers(const std::vector<scenes::Marker>& markers, std::span<const std::size_t> candidates, double t,
                   const ViewProjection& eye, const MarkerStyle& style, std::vector<MarkerSprite>& sprites) {
  sprites.clear();
  sprites.reserve(candidates.size());
  for (std::size_t i : candidates)
    if (i < markers.size()) layoutOne(markers, i, t, eye, style, sprites);
  finish(sprites, style);
}

}  // namespace ps::ui
