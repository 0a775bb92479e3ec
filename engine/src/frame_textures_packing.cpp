#include "frame_textures_packing.h"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ps::engine {

namespace {

struct RowSources {
  const std::uint8_t* y0;  // the two luma rows (the same one twice for an odd last row)
  const std::uint8_t* y1;
  const std::uint8_t* cb;  // Cb, or CbCr pairs when cr is null
  const std::uint8_t* cr;
};

// Texels [from, to) of a row whose two luma columns both exist.
template <bool kInterleaved>
void packPairs(const RowSources& in, std::uint8_t* __restrict out, std::size_t from, std::size_t to) {
  for (std::size_t x = from; x < to; ++x) {
    const std::uint32_t sum = std::uint32_t{in.y0[2 * x]} + in.y0[2 * x + 1] + in.y1[2 * x] + in.y1[2 * x + 1];
    out[4 * x] = static_cast<std::uint8_t>((sum + 2) >> 2);
    out[4 * x + 1] = kInterleaved ? in.cb[2 * x] : in.cb[x];
    out[4 * x + 2] = kInterleaved ? in.cb[2 * x + 1] : in.cr[x];
    out[4 * x + 3] = 255;
  }
}

#if defined(__SSE2__)
// 16 texels at a time; the compiler vectorises the sums of packPairs but stores byte by byte.
template <bool kInterleaved>
std::size_t packPairsSse2(const RowSources& in, std::uint8_t* out, std::size_t pairs) {
  auto load = [](const std::uint8_t* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); };
  const __m128i lowBytes = _mm_set1_epi16(0x00FF);
  const __m128i two = _mm_set1_epi16(2);
  const __m128i opaque = _mm_set1_epi8(-1);
  // Adjacent bytes summed into 16-bit lanes: 16 bytes -> 8 pair sums.
  auto pairSums = [&](__m128i v) { return _mm_add_epi16(_mm_and_si128(v, lowBytes), _mm_srli_epi16(v, 8)); };
  std::size_t x = 0;
  for (; x + 16 <= pairs; x += 16) {
    const std::size_t l = 2 * x;
    const __m128i sumA = _mm_add_epi16(_mm_add_epi16(pairSums(load(in.y0 + l)), pairSums(load(in.y1 + l))), two);
    const __m128i sumB =
        _mm_add_epi16(_mm_add_epi16(pairSums(load(in.y0 + l + 16)), pairSums(load(in.y1 + l + 16))), two);
    const __m128i luma = _mm_packus_epi16(_mm_srli_epi16(sumA, 2), _mm_srli_epi16(sumB, 2));
    __m128i cb, cr;
    if constexpr (kInterleaved) {
      const __m128i first = load(in.cb + 2 * x), second = load(in.cb + 2 * x + 16);
      cb = _mm_packus_epi16(_mm_and_si128(first, lowBytes), _mm_and_si128(second, lowBytes));
      cr = _mm_packus_epi16(_mm_srli_epi16(first, 8), _mm_srli_epi16(second, 8));
    } else {
      cb = load(in.cb + x);
      cr = load(in.cr + x);
    }
    const __m128i lumaCbLow = _mm_unpacklo_epi8(luma, cb), lumaCbHigh = _mm_unpackhi_epi8(luma, cb);
    const __m128i crAlphaLow = _mm_unpacklo_epi8(cr, opaque), crAlphaHigh = _mm_unpackhi_epi8(cr, opaque);
    auto store = [&](std::size_t texel, __m128i v) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 4 * texel), v);
    };
    store(x, _mm_unpacklo_epi16(lumaCbLow, crAlphaLow));
    store(x + 4, _mm_unpackhi_epi16(lumaCbLow, crAlphaLow));
    store(x + 8, _mm_unpacklo_epi16(lumaCbHigh, crAlphaHigh));
    store(x + 12, _mm_unpackhi_epi16(lumaCbHigh, crAlphaHigh));
  }
  return x;
}
#endif

template <bool kInterleaved>
void packRow(const RowSources& in, std::uint8_t* out, std::size_t pairs, bool oddColumn) {
  std::size_t done = 0;
#if defined(__SSE2__)
  done = packPairsSse2<kInterleaved>(in, out, pairs);
#endif
  packPairs<kInterleaved>(in, out, done, pairs);
  if (oddColumn) {
    const std::size_t x = pairs;
    out[4 * x] = static_cast<std::uint8_t>((std::uint32_t{in.y0[2 * x]} + in.y1[2 * x] + 1) >> 1);
    out[4 * x + 1] = kInterleaved ? in.cb[2 * x] : in.cb[x];
    out[4 * x + 2] = kInterleaved ? in.cb[2 * x + 1] : in.cr[x];
    out[4 * x + 3] = 255;
  }
}

}  // namespace

void packLumaChroma(PlaneRows luma, PlaneRows cb, PlaneRows cr, std::uint32_t lumaWidth, std::uint32_t lumaHeight,
                    const PlaneLevel& packed, const PlaneLevel& level1) {
  constexpr SampleLayout kRgba8{4, 1};
  std::uint32_t nextLevel1Row = 0;
  const std::size_t pairs = lumaWidth / 2;
  const bool oddColumn = lumaWidth % 2 != 0;
  auto bytes = [](const std::byte* p) { return reinterpret_cast<const std::uint8_t*>(p); };
  for (std::uint32_t y = 0; y < packed.height; ++y) {
    const std::uint32_t row0 = std::min(2 * y, lumaHeight - 1);
    const std::uint32_t row1 = std::min(2 * y + 1, lumaHeight - 1);
    const RowSources in{bytes(luma.data + row0 * luma.stride), bytes(luma.data + row1 * luma.stride),
                        bytes(cb.data + y * cb.stride),
                        cr.data == nullptr ? nullptr : bytes(cr.data + y * cr.stride)};
    auto* out = reinterpret_cast<std::uint8_t*>(packed.data + y * packed.rowPitch);
    if (cr.data == nullptr) {
      packRow<true>(in, out, pairs, oddColumn);
    } else {
      packRow<false>(in, out, pairs, oddColumn);
    }
    // Level 1's row n reads rows 2n and 2n + 1 (the last one alone when it is all there is).
    if (level1.data == nullptr) continue;
    for (; nextLevel1Row < level1.height && std::min(2 * nextLevel1Row + 1, packed.height - 1) <= y; ++nextLevel1Row)
      downsampleRow(packed, level1, nextLevel1Row, kRgba8);
  }
}

}  // namespace ps::engine
