#pragma once
// One eye's depth picture decoded to metres on the CPU, as rgbd_depth.glsl decodes it on the GPU
// (the same planes, components, code values and hue rule), so that what the layer measures of a
// picture (rgbd_patches.h) is what its shaders draw.
#include <cstdint>
#include <string>
#include <vector>

#include "scenes/frame_view.h"
#include "scenes/layout.h"
#include "scenes/rgbd_depth.h"

namespace ps::engine {

struct DepthMetres {
  std::uint32_t width = 0, height = 0;  // one eye's depth texels
  std::vector<float> metres;            // row-major, width x height

  float at(std::uint32_t x, std::uint32_t y) const { return metres[std::size_t{y} * width + x]; }
};

// Throws std::invalid_argument, `where` followed by what, for a depth picture that does not
// split into `stereo`'s eyes or whose format cannot carry `coding` (or near/far out of order).
void checkDepthPicture(const std::string& where, const FrameView& depth, StereoLayout stereo, const DepthCoding& coding);

// Eye `eye` (0: left, or the only one) of `depth`, split by `stereo`. The picture must have
// passed checkDepthPicture.
DepthMetres decodeDepthMetres(const FrameView& depth, StereoLayout stereo, int eye, const DepthCoding& coding);

}  // namespace ps::engine
