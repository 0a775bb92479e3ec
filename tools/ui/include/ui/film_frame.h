#pragma once
// The original film camera's frame inside the capture: its frustum from the camera's position
// to a rectangle `distanceM` ahead of it, at its orientation, horizontal fov and aspect, at a
// shot time (the camera's track). Pure geometry in stage space, and its projection into an
// eye's pixels with near-plane clipping, for the overlay that draws it.
#include <array>
#include <optional>
#include <utility>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include "scenes/camera.h"
#include "ui/view_projection.h"

namespace ps::ui {

// Far enough that the frame sits among the scenery of a room-sized set, near enough that the
// frustum's lines still read when the camera stands away from the viewer.
inline constexpr float kFilmFrameDistanceM = 4.0f;

struct FilmFrame {
  glm::vec3 apex{0.0f};  // the camera's position
  // The frame's corners, in the picture's order: top-left, top-right, bottom-left, bottom-right
  // (texture coordinates (0,0) (1,0) (0,1) (1,1)) as the camera sees them.
  std::array<glm::vec3, 4> corners{};
};

FilmFrame filmFrameAt(const scenes::FilmCamera& camera, double shotSeconds, float distanceM = kFilmFrameDistanceM);

// The segment a-b (stage space) in the eye's pixels, cut at the near plane; empty when it lies
// wholly behind it.
std::optional<std::pair<glm::vec2, glm::vec2>> projectSegment(const ViewProjection& eye, const glm::vec3& a,
                                                              const glm::vec3& b);

}  // namespace ps::ui
