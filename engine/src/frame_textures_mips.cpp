#include "frame_textures_mips.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

#if defined(__SSE2__)
// RGBA8 texels, four destination texels at a time: the compiler does not find this shuffle.
void averageRgba8Rows(const std::byte* row0Bytes, const std::byte* row1Bytes, std::byte* outBytes,
                      std::uint32_t dstWidth, std::uint32_t srcWidth) {
  if (srcWidth == 1 || dstWidth < 4) {
    averageRowBytes<std::uint8_t, 4>(row0Bytes, row1Bytes, outBytes, dstWidth, srcWidth);
    return;
  }
  auto load = [](const std::byte* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); };
  const __m128i zero = _mm_setzero_si128();
  const __m128i two = _mm_set1_epi16(2);
  // Per output texel: its two source texels' channels summed down the two rows (16 bits each)...
  auto columnSums = [&](__m128i top, __m128i bottom, __m128i& lowPair, __m128i& highPair) {
    lowPair = _mm_add_epi16(_mm_unpacklo_epi8(top, zero), _mm_unpacklo_epi8(bottom, zero));
    highPair = _mm_add_epi16(_mm_unpackhi_epi8(top, zero), _mm_unpackhi_epi8(bottom, zero));
  };
  // ...then each pair's two texels (the two 64-bit halves) added, rounded and divided by 4.
  auto average = [&](__m128i pairA, __m128i pairB) {
    const __m128i sum = _mm_add_epi16(_mm_unpacklo_epi64(pairA, pairB), _mm_unpackhi_epi64(pairA, pairB));
    return _mm_srli_epi16(_mm_add_epi16(sum, two), 2);
  };
  std::size_t x = 0;
  for (; x + 4 <= dstWidth; x += 4) {
    const std::size_t in = 8 * x;  // bytes: 2 source texels of 4 bytes per output texel
    __m128i s0, s1, s2, s3;
    columnSums(load(row0Bytes + in), load(row1Bytes + in), s0, s1);
    columnSums(load(row0Bytes + in + 16), load(row1Bytes + in + 16), s2, s3);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(outBytes + 4 * x), _mm_packus_epi16(average(s0, s1), average(s2, s3)));
  }
  if (x < dstWidth)
    averageRowBytes<std::uint8_t, 4>(row0Bytes + 8 * x, row1Bytes + 8 * x, outBytes + 4 * x,
                                     static_cast<std::uint32_t>(dstWidth - x), srcWidth);
}
#endif

RowAverager rowAverager(SampleLayout layout) {
  if (layout.sampleBytes == 2)
    return layout.components == 2 ? averageRowBytes<std::uint16_t, 2> : averageRowBytes<std::uint16_t, 1>;
#if defined(__SSE2__)
  if (layout.components == 4) return averageRgba8Rows;
#else
  if (layout.components == 4) return averageRowBytes<std::uint8_t, 4>;
#endif
  return layout.components == 2 ? averageRowBytes<std::uint8_t, 2> : averageRowBytes<std::uint8_t, 1>;
}

}  // namespace

void downsampleRow(const PlaneLevel& src, const PlaneLevel& dst, std::uint32_t dstRow, SampleLayout layout) {
  const std::uint32_t y0 = std::min(2 * dstRow, src.height - 1);
  const std::uint32_t y1 = std::min(2 * dstRow + 1, src.height - 1);
  rowAverager(layout)(src.data + y0 * src.rowPitch, src.data + y1 * src.rowPitch, dst.data + dstRow * dst.rowPitch,
                      dst.width, src.width);
}

void downsampleLevel(const PlaneLevel& src, const PlaneLevel& dst, SampleLayout layout) {
  for (std::uint32_t y = 0; y < dst.height; ++y) downsampleRow(src, dst, y, layout);
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
