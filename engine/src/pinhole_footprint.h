#pragma once
// How much of the sphere one target pixel covers, as the equirect shader's texture footprint
// measures it: the larger of the angles the ray turns through when stepping one pixel across
// and one pixel down. The renderer turns these into the mip levels and the packing a picture needs.
#include <cstdint>

#include "engine/view.h"

namespace ps::engine {

struct AnglePerPixel {
  double most = 0;    // radians: an upper bound over the target
  double fewest = 0;  // radians: the least over the target (sampled densely, corners included)
};

// For a pinhole view of `fov` drawn into width x height pixels.
AnglePerPixel pinholeAnglePerPixel(const Fov& fov, std::uint32_t width, std::uint32_t height);

}  // namespace ps::engine
