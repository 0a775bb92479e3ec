#pragma once
// Mip levels of a plane built on the CPU, and how many levels a view can need.
//
// Why on the CPU: on a CPU Vulkan driver (lavapipe) vkCmdBlitImage runs a generic shader per
// destination texel, several times the cost of a 2x2 average written in C++; playback there is
// decode-bound on the same cores, so every cycle the mips take is taken from the decoder.
#include <cstddef>
#include <cstdint>

namespace ps::engine {

// A level of one plane in host memory: rows of `width` samples of `components` components of
// `sampleBytes` bytes (1 or 2), `rowPitch` bytes apart.
struct PlaneLevel {
  std::byte* data = nullptr;
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::size_t rowPitch = 0;
};

struct SampleLayout {
  int components = 1;   // 1, 2 for interleaved chroma, 4 for a packed picture (8-bit only)
  int sampleBytes = 1;  // 1 for 8 bit, 2 for 16-bit words
};

// Writes `dst` (half the size of `src`, rounded down, at least 1) as the 2x2 box average of
// `src`, rounding to nearest. An odd last row or column of `src` is left out (as a blit that
// halves the size would nearly do); a plane one texel wide or high is averaged along the other axis only.
void downsampleLevel(const PlaneLevel& src, const PlaneLevel& dst, SampleLayout layout);

// Row `dstRow` of downsampleLevel's result alone: for building a level while the rows of the
// one above are still in cache.
void downsampleRow(const PlaneLevel& src, const PlaneLevel& dst, std::uint32_t dstRow, SampleLayout layout);

// Copies rows [0, src.height) of a plane (rows `srcStride` bytes apart) into `level0` and
// builds `level1` from them while the rows are still in cache (level1 may have data == nullptr:
// copy only). Reading each source row once matters: a 3840x1920 frame is 11 MB.
void copyAndDownsample(const std::byte* src, std::size_t srcStride, const PlaneLevel& level0, const PlaneLevel& level1,
                       SampleLayout layout);

// The mip levels (level 0 included) that views minifying a plane by at most `texelsPerPixel`
// (plane texels per output pixel, larger is smaller on screen) sample, capped at `fullChain`.
// Trilinear filtering reads the level above floor(lod) too, so the count is ceil(lod) + 1,
// with half a level of margin for the driver's approximate level-of-detail.
std::uint32_t levelsForMinification(double texelsPerPixel, std::uint32_t fullChain);

}  // namespace ps::engine
