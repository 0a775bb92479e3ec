#pragma once
// What a view needs of an equirect picture: how much of the sphere one target pixel covers, as
// the shader's texture footprint measures it (the larger of the angles the ray turns through
// when stepping one pixel across and one pixel down), which gives the mip levels and packing,
// and which part of the picture its rays reach, which gives what a packed picture must fill.
#include <cstdint>

#include <glm/mat3x3.hpp>

#include "engine/view.h"

namespace ps::engine {

struct AnglePerPixel {
  double most = 0;    // radians: an upper bound over the target
  double fewest = 0;  // radians: the least over the target (sampled densely, corners included)
};

// For a pinhole view of `fov` drawn into width x height pixels.
AnglePerPixel pinholeAnglePerPixel(const Fov& fov, std::uint32_t width, std::uint32_t height);


// The part of an equirect picture (one eye's) that a draw samples, in normalised picture
// coordinates: u from uStart over uSpan (past 1 it wraps round, for 360 sources), v from
// vStart to vEnd. Filtering footprints are not included.
struct UvRegion {
  double uStart = 0;
  double uSpan = 1;
  double vStart = 0;
  double vEnd = 1;
};

// For a pinhole view of `fov` turned by `viewToSource` (the shader's viewToStage, the source's
// yaw folded in), of a 360 or (halfSphere) 180 source. Found from rays along the view's edges:
// the latitude and longitude ranges of a view's rays are reached on its edges unless a pole is
// inside it, which is tested apart; a small margin covers what lies between the edge samples.
UvRegion pinholeUvRegion(const glm::mat3& viewToSource, const Fov& fov, bool halfSphere);

}  // namespace ps::engine
