#pragma once
// A picture held at a lower mip level than it comes in (see engine/picture_fit.h): one plane
// averaged down to that level in one pass, on the CPU, as it is copied in.
#include <cstddef>
#include <cstdint>

#include "frame_textures_mips.h"

namespace ps::engine {

// Writes `dst`, whose size must be levelExtent({srcWidth, srcHeight}, level), as level `level`
// of the plane at `src` (rows `srcStride` bytes apart): each sample the average, rounded to
// nearest, of the 2^level x 2^level box of source samples it covers. Boxes are cut at the plane's
// edge where it is narrower or lower than one box; samples past the last whole box are left out,
// as halving level by level would leave them out.
void downscalePlane(const std::byte* src, std::size_t srcStride, std::uint32_t srcWidth, std::uint32_t srcHeight,
                    const PlaneLevel& dst, std::uint32_t level, SampleLayout layout);

}  // namespace ps::engine
