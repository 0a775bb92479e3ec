#pragma once
// The affine map from sampled plane values (UNORM, 0..1 of the texel format) to R'G'B' 0..1,
// folding in bit depth and packing (10 bits low or high in 16), range and matrix. The one
// conversion: the renderer's shader and the CPU thumbnails both apply these rows.
#include <array>

#include <glm/vec4.hpp>

#include "scenes/frame_view.h"

namespace ps {

// Row i gives channel i (R', G', B'): dot(row.xyz, sampled YCbCr) + row.w.
std::array<glm::vec4, 3> yuvToRgbRows(PixelFormat format, ColorMatrix matrix, ColorRange range);

}  // namespace ps
