#pragma once
// The generated RGB-D room: a 10 x 10 m room, 3 m high, seen from a capture point 1.6 m above
// its floor at its centre, with three boxes in front, ray-cast analytically (no sampling, so
// every pixel is one surface: edges are exact). Coordinates are the capture point's: +Y up,
// -Z the capture's front (the centre of the equirect), +X right, metres.
//
//   surface      where                                         colour
//   near box     front face z = -1.5, x -0.4..0.4, y -1.6..0.2  red, flat
//   far box      front face z = -3,   x 0.9..1.9,  y -1.6..0.6  blue, flat
//   moving box   front face z = -movingBoxMetres(frame), x -2..-1.2, y -0.8..0; 0.5 m deep
//                                                                green, flat
//   walls        x = +-5, z = +-5 (5 m from the capture point)  a 0.5 m checker of two tones
//   floor        y = -1.6; ceiling y = 1.4                       a checker; flat white
//
// The moving box steps 2 cm further away each frame (100 frames, then it starts again), so a
// frame's depth says which frame it is; the colour carries the frame stamp as well.
// The room behind (castRay's `behind`) is the layer a background medium carries: the same room
// without the near box, its front wall one flat colour (kBehindRgb), so what a step uncovers
// behind the near box says which layer filled it.
#include <array>
#include <cstddef>
#include <cstdint>

#include <glm/vec3.hpp>

#include "scenes/layout.h"

namespace ps::make_rgbd {

enum class Surface : std::uint8_t { NearBox, FarBox, MovingBox, FrontWall, BackWall, LeftWall, RightWall, Floor, Ceiling };

inline constexpr double kNearBoxMetres = 1.5;  // front faces, straight ahead
inline constexpr double kFarBoxMetres = 3.0;
inline constexpr double kWallMetres = 5.0;
inline constexpr double kFloorMetres = 1.6;  // the capture point's height
inline constexpr double kCeilingMetres = 1.4;
// The farthest point of the room (a lower corner): sqrt(5^2 + 5^2 + 1.6^2).
inline constexpr double kFarthestMetres = 7.25;

// The moving box's front face distance in frame `frame`: 2 m + 2 cm per frame, period 100.
double movingBoxMetres(std::size_t frame);

using Rgb = std::array<std::uint8_t, 3>;

struct RoomHit {
  double metres = 0;  // along the (unit) ray from the capture point
  Surface surface = Surface::Floor;
  Rgb rgb{};
};

inline constexpr Rgb kBehindRgb = {255, 0, 255};  // the front wall of the room behind

// What the unit ray `dir` from `from` (the capture point's coordinates; a stereo eye's capture
// point stands beside it) meets first in frame `frame`; `behind`: in the room behind.
RoomHit castRay(const glm::dvec3& dir, std::size_t frame, bool behind = false, const glm::dvec3& from = glm::dvec3(0.0));

// The unit ray through the centre of pixel (x, y) of a width x height equirect eye with the
// player's conventions (engine/shaders/equirect.frag, v360's): longitude -180..180 (360) or
// -90..90 (180) left to right, latitude +90..-90 top to bottom, the centre straight ahead (-Z).
glm::dvec3 pixelRay(Projection projection, double x, double y, int width, int height);
// The pixel coordinates (fractional; pixel (x, y)'s centre is x, y) that `dir` falls on:
// pixelRay's inverse.
std::array<double, 2> rayPixel(Projection projection, const glm::dvec3& dir, int width, int height);

}  // namespace ps::make_rgbd
