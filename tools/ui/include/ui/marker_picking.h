#pragma once
// Which marker the user means: a click on the window's view, a controller ray or the head's
// gaze in the headset. The same shapes the painter draws (marker_layout.h) are the targets:
// the pin and the card's title bar. Through the same depth: a marker that the scene (a set's
// meshes) hides where the pick lands is picked only when nothing nearer is hit, which a
// SceneHit answers on the CPU (no readback of the GPU's depth).
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include "engine/eye_camera.h"
#include "scenes/marker.h"
#include "ui/marker_layout.h"
#include "ui/view_projection.h"

namespace ps::ui {

// The distance along a ray (unit direction, in the space the markers are laid out in: relative
// to the capture point) to the nearest surface of the scene it hits; empty when it hits none.
// Empty function: a scene with nothing in it.
using SceneHit = std::function<std::optional<float>(const engine::Ray&)>;

// The marker whose pin or title bar holds `pixel` (within slopPx of the pin), the one drawn
// on top when several do. An index into the markers that were laid out.
std::optional<std::size_t> markerAtPixel(const std::vector<MarkerSprite>& sprites, glm::vec2 pixel,
                                         float slopPx = 6);
// The same, leaving out a marker the scene hides at that pixel (a surface nearer along the
// eye's view axis than the marker's card, as the depth test draws it); `eye` is the one the
// sprites were laid out for.
std::optional<std::size_t> markerAtPixel(const std::vector<MarkerSprite>& sprites, glm::vec2 pixel,
                                         const ViewProjection& eye, const SceneHit& scene, float slopPx = 6);

// The nearest marker active at t whose pin (within toleranceDeg) or title bar the ray from
// `origin` along `direction` (relative to the capture point) passes through, and that is not
// behind the scene's nearest hit on that ray.
std::optional<std::size_t> markerOnRay(const std::vector<scenes::Marker>& markers, double t, const glm::vec3& origin,
                                       const glm::vec3& direction, const MarkerStyle& style = {},
                                       float toleranceDeg = 2.5f, const SceneHit& scene = {});
// The same over only the markers `candidates` names (such as those active at t).
std::optional<std::size_t> markerOnRay(const std::vector<scenes::Marker>& markers,
                                       std::span<const std::size_t> candidates, double t, const glm::vec3& origin,
                                       const glm::vec3& direction, const MarkerStyle& style = {},
                                       float toleranceDeg = 2.5f, const SceneHit& scene = {});

// Gaze dwell: resting the head's gaze on one marker for dwellSeconds selects it, once per rest
// (look away and back to select it again).
class GazeDwell {
 public:
  explicit GazeDwell(double dwellSeconds = 1.5) : dwellSeconds_(dwellSeconds) {}

  // Once per frame with what the gaze rests on now; the marker to select when its dwell completes.
  std::optional<std::size_t> update(double nowSeconds, std::optional<std::size_t> gazed);
  // The dwell on target() so far, 0..1 (for a progress ring); 0 once it has fired.
  float progress(double nowSeconds) const;
  std::optional<std::size_t> target() const { return target_; }

 private:
  double dwellSeconds_;
  std::optional<std::size_t> target_;
  double since_ = 0;
  bool fired_ = false;
};

}  // namespace ps::ui
