#pragma once
// Packing an 8-bit 4:2:0 picture into one RGBA8 image at chroma size (PlanePacking::Packed):
// the CPU side of "one texture read per pixel" for views that never read luma level 0.
#include <cstddef>
#include <cstdint>

#include "frame_textures_mips.h"

namespace ps::engine {

// A plane as read for packing: rows `stride` bytes apart.
struct PlaneRows {
  const std::byte* data = nullptr;
  std::size_t stride = 0;
};

// Writes `packed` (RGBA8 texels, packed.width x packed.height = the luma size halved and
// rounded up) from a picture of lumaWidth x lumaHeight: R the 2x2 average of luma rounded to
// nearest (luma level 1 as downsampleLevel makes it; an odd last luma row or column is averaged
// on its own), G Cb, B Cr, A 255. Cb and Cr come from `cb` and `cr`, or (NV12) interleaved from
// `cb` with cr.data == nullptr. Each source byte is read once. `level1` (data may be null: none)
// gets the next mip level of `packed`, each row made while its two source rows are in cache.
void packLumaChroma(PlaneRows luma, PlaneRows cb, PlaneRows cr, std::uint32_t lumaWidth, std::uint32_t lumaHeight,
                    const PlaneLevel& packed, const PlaneLevel& level1);

}  // namespace ps::engine
