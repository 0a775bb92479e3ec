#include "frame_textures_mips.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace ps::engine {

namespace {

// One destination row from two source rows. Fixed component counts and restrict pointers let
// the compiler vectorise the loop; it runs over every texel of every frame.
template <typename T, std::size_t C>
void averageRows(const T* __restrict row0, const T* __restrict row1, T* __restrict out, std::uint32_t dstWidth,
                 std::uint32_t srcWidth) {
  if (srcWidth == 1) {  // no right neighbour: average the two rows only
    for (std::size_t c = 0; c < C; ++c) out[c] = static_cast<T>((std::uint32_t{row0[c]} + row1[c] + 1) >> 1);
    return;
  }
  // size_t indices: with 32-bit ones the compiler must allow for wrap-around and stays scalar.
  const std::size_t width = dstWidth;
  for (std::size_t x = 0; x < width; ++x) {
    for (std::size_t c = 0; c < C; ++c) {
      const std::size_t a = 2 * x * C + c;
      const std::uint32_t sum = std::uint32_t{row0[a]} + row0[a + C] + row1[a] + row1[a + C];
      out[x * C + c] = static_cast<T>((sum + 2) >> 2);
    }
  }
}

using RowAverager = void (*)(const std::byte*, const std::byte*, std::byte*, std::uint32_t, std::uint32_t);

template <typename T, std::size_t C>
void averageRowBytes(const std::byte* row0, const std::byte* row1, std::byte* out, std::uint32_t dstWidth,
                     std::uint32_t srcWidth) {
  averageRows<T, C>(reinterpret_cast<const T*>(row0), reinterpret_cast<const T*>(row1), reinterpret_cast<T*>(out),
                    dstWidth, srcWidth);
}

RowAverager rowAverager(SampleLayout layout) {
  if (layout.sampleBytes == 2)
    return layout.components == 2 ? averageRowBytes<std::uint16_t, 2> : averageRowBytes<std::uint16_t, 1>;
  return layout.components == 2 ? averageRowBytes<std::uint8_t, 2> : averageRowBytes<std::uint8_t, 1>;
}

}  // namespace

void downsampleLevel(const PlaneLevel& src, const PlaneLevel& dst, SampleLayout layout) {
  const RowAverager average = rowAverager(layout);
  for (std::uint32_t y = 0; y < dst.height; ++y) {
    const std::uint32_t y0 = std::min(2 * y, src.height - 1);
    const std::uint32_t y1 = std::min(2 * y + 1, src.height - 1);
    average(src.data + y0 * src.rowPitch, src.data + y1 * src.rowPitch, dst.data + y * dst.rowPitch, dst.width,
            src.width);
  }
}

void copyAndDownsample(const std::byte* src, std::size_t srcStride, const PlaneLevel& level0, const PlaneLevel& level1,
                       SampleLayout layout) {
  const std::size_t rowBytes = std::size_t{level0.width} * layout.components * layout.sampleBytes;
  auto copyRow = [&](std::uint32_t y) {
    std::memcpy(level0.data + y * level0.rowPitch, src + y * srcStride, rowBytes);
  };
  if (level1.data == nullptr) {
    for (std::uint32_t y = 0; y < level0.height; ++y) copyRow(y);
    return;
  }
  const RowAverager average = rowAverager(layout);
  std::uint32_t copied = 0;
  for (std::uint32_t y = 0; y < level1.height; ++y) {
    const std::uint32_t y0 = std::min(2 * y, level0.height - 1);
    const std::uint32_t y1 = std::min(2 * y + 1, level0.height - 1);
    for (; copied <= y1; ++copied) copyRow(copied);
    average(level0.data + y0 * level0.rowPitch, level0.data + y1 * level0.rowPitch, level1.data + y * level1.rowPitch,
            level1.width, level0.width);
  }
  for (; copied < level0.height; ++copied) copyRow(copied);  // an odd last row
}

std::uint32_t levelsForMinification(double texelsPerPixel, std::uint32_t fullChain) {
  if (!(texelsPerPixel < 1e30)) return fullChain;  // unknown (no view drawn yet) or infinite
  const double lod = std::log2(std::max(texelsPerPixel, 1e-30)) + 0.5;
  if (lod <= 0) return 1;
  return std::min(fullChain, static_cast<std::uint32_t>(std::ceil(lod)) + 1);
}

}  // namespace ps::engine
