#pragma once
// Where an RGB-D capture's head box is, on the floor: the square of the box (its faces headBoxM
// from the capture point, engine::RgbdPlacement) on the stage floor (y = 0) under the capture
// point, in a floor grid around it, as overlay geometry in stage space. It fades in as the head
// nears the box's faces, so it is out of the way at the capture point and plain where the
// parallax starts to ease (3/4 of the way to a face) and beyond.
#include <glm/vec3.hpp>

#include "engine/overlay_geometry.h"

namespace ps::ui {

struct HeadBoxFloor {
  glm::vec3 capturePoint{0.0f, 1.6f, 0.0f};  // stage metres; the floor under it is y = 0
  float headBoxM = 0.5f;                     // from the capture point to each face
};

// How much of the outline shows for a head at `head` (stage): 0 within half of the box
// (horizontally), 1 from 3/4 of it outward, linear between, in steps of 1/8 (so the geometry
// is rebuilt only when a step is crossed).
float headBoxFloorAlpha(const HeadBoxFloor& box, const glm::vec3& head);

// The grid (0.5 m squares, 2 m around the box) and the box's square, at `alpha`; nothing at 0.
void buildHeadBoxFloor(const HeadBoxFloor& box, float alpha, engine::OverlayGeometry& out);

// The outline's colour (sRGB bytes; a cyan nothing in a capture is likely to be).
inline constexpr unsigned char kHeadBoxOutlineRgb[3] = {40, 230, 255};

}  // namespace ps::ui
