#pragma once
// How one eye's picture is held in sampled images; the equirect shader is specialised for each
// (its constant kPacking, same values).
#include <cstdint>

namespace ps::engine {

enum class PlanePacking : std::int32_t {
  Planes = 0,       // Y, Cb, Cr as the frame has them
  Interleaved = 1,  // Y, and Cb and Cr together in one two-component image (NV12, P010)
  // One RGBA8 image at chroma size holding Y averaged 2x2 (luma level n + 1), Cb and Cr (level
  // n): one texture read per pixel instead of three. Only for 8-bit 4:2:0 pictures that no view
  // samples at luma level 0, i.e. views that minify the picture at least 2x everywhere.
  Packed = 2,
};

}  // namespace ps::engine
