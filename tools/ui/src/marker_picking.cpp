#include "ui/marker_picking.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

namespace ps::ui {

std::optional<std::size_t> markerAtPixel(const std::vector<MarkerSprite>& sprites, glm::vec2 pixel, float slopPx) {
  // Drawn farthest first: the last that holds the pixel is the one on top.
  for (auto it = sprites.rbegin(); it != sprites.rend(); ++it) {
    if (!it->onScreen) continue;
    if (glm::length(pixel - it->pin) <= it->pinRadiusPx + slopPx || it->titleBar.contains(pixel)) return it->index;
  }
  return std::nullopt;
}

std::optional<std::size_t> markerAtPixel(const std::vector<MarkerSprite>& sprites, glm::vec2 pixel,
                                         const ViewProjection& eye, const SceneHit& scene, float slopPx) {
  std::optional<float> sceneAxisDepth;
  if (scene) {
    const engine::Ray ray = eye.rayAt(pixel);
    if (const auto hit = scene(ray)) {
      const glm::vec3 forward = eye.view().orientation * glm::vec3(0, 0, -1);
      sceneAxisDepth = *hit * glm::dot(ray.direction, forward);
    }
  }
  for (auto it = sprites.rbegin(); it != sprites.rend(); ++it) {
    if (!it->onScreen) continue;
    // Cards are drawn at their marker's depth: hidden where the scene is nearer.
    if (sceneAxisDepth && *sceneAxisDepth < it->axisDepthM) continue;
    if (glm::length(pixel - it->pin) <= it->pinRadiusPx + slopPx || it->titleBar.contains(pixel)) return it->index;
  }
  return std::nullopt;
}

namespace {

template <typename Indices>
std::optional<std::size_t> nearestOnRay(const std::vector<scenes::Marker>& markers, const Indices& indices, double t,
                                        const glm::vec3& origin, const glm::vec3& direction, const MarkerStyle& style,
                                        float toleranceDeg, const SceneHit& scene) {
  const glm::vec3 d = glm::normalize(direction);
  // What the scene hides: anything beyond its nearest hit along the ray.
  const std::optional<float> sceneHit = scene ? scene(engine::Ray{origin, d}) : std::nullopt;
  std::optional<std::size_t> best;
  float bestDistance = std::numeric_limits<float>::max();
  for (const std::size_t i : indices) {
    if (i >= markers.size()) continue;
    // Visible as layoutMarkers shows it: fading in or out, or active under the editor's floor.
    const bool shown = scenes::markerOpacity(markers[i], t) > 0 ||
                       (style.minActiveOpacity > 0 && scenes::markerActive(markers[i], t));
    if (!shown) continue;
    const glm::vec3 toMarker = markerPointFor(markers[i], origin, style) - origin;
    const float distance = glm::length(toMarker);
    const glm::vec3 forward = toMarker / distance;
    const float along = glm::dot(d, forward);
    if (along <= 0) continue;
    // The ray's angles off the marker's direction, right and up as the card is drawn: level
    // with the horizon (a marker straight up or down has no "right": any will do).
    glm::vec3 right = glm::cross(forward, glm::vec3(0, 1, 0));
    right = glm::length(right) > 1e-4f ? glm::normalize(right) : glm::vec3(1, 0, 0);
    const glm::vec3 up = glm::cross(right, forward);
    const float x = glm::degrees(std::atan2(glm::dot(d, right), along));
    const float y = glm::degrees(std::atan2(glm::dot(d, up), along));
    const bool onPin = std::hypot(x, y) <= style.pinRadiusDeg + toleranceDeg;
    const bool onTitle = x >= style.stemDeg && x <= style.stemDeg + style.cardWidthDeg &&
                         std::abs(y) <= style.titleHeightDeg * 0.5f + toleranceDeg * 0.5f;
    if (sceneHit && *sceneHit < distance * along) continue;
    if ((onPin || onTitle) && distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}

// Every index of a list, without storing them.
struct AllOf {
  std::size_t n;
  struct Iterator {
    std::size_t i;
    std::size_t operator*() const { return i; }
    Iterator& operator++() {
      ++i;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return i != o.i; }
  };
  Iterator begin() const { return {0}; }
  Iterator end() const { return {n}; }
};

}  // namespace

std::optional<std::size_t> markerOnRay(const std::vector<scenes::Marker>& markers, double t, const glm::vec3& origin,
                                       const glm::vec3& direction, const MarkerStyle& style, float toleranceDeg,
                                       const SceneHit& scene) {
  return nearestOnRay(markers, AllOf{markers.size()}, t, origin, direction, style, toleranceDeg, scene);
}

std::optional<std::size_t> markerOnRay(const std::vector<scenes::Marker>& markers,
                                       std::span<const std::size_t> candidates, double t, const glm::vec3& origin,
                                       const glm::vec3& direction, const MarkerStyle& style, float toleranceDeg,
                                       const SceneHit& scene) {
  return nearestOnRay(markers, candidates, t, origin, direction, style, toleranceDeg, scene);
}

std::optional<std::size_t> GazeDwell::update(double nowSeconds, std::optional<std::size_t> gazed) {
  if (gazed != target_) {
    target_ = gazed;
    since_ = nowSeconds;
    fired_ = false;
    return std::nullopt;
  }
  if (!target_ || fired_ || nowSeconds - since_ < dwellSeconds_) return std::nullopt;
  fired_ = true;
  return target_;
}

float GazeDwell::progress(double nowSeconds) const {
  if (!target_ || fired_) return 0;
  return static_cast<float>(std::clamp((nowSeconds - since_) / dwellSeconds_, 0.0, 1.0));
}

}  // namespace ps::ui
