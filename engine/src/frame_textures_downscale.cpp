#include "frame_textures_downscale.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace ps::engine {

namespace {

template <typename T>
void downscale(const std::byte* src, std::size_t srcStride, std::uint32_t srcWidth, std::uint32_t srcHeight,
               const PlaneLevel& dst, std::uint32_t level, std::size_t components) {
  const std::uint64_t box = std::uint64_t{1} << level;
  std::vector<std::uint64_t> sums(std::size_t{dst.width} * components);
  for (std::uint32_t y = 0; y < dst.height; ++y) {
    std::fill(sums.begin(), sums.end(), 0);
    const std::uint64_t y0 = y * box;
    const std::uint64_t y1 = std::min<std::uint64_t>(srcHeight, y0 + box);
    for (std::uint64_t row = y0; row < y1; ++row) {
      const T* in = reinterpret_cast<const T*>(src + row * srcStride);
      for (std::uint32_t x = 0; x < dst.width; ++x) {
        const std::uint64_t x0 = x * box;
        const std::uint64_t x1 = std::min<std::uint64_t>(srcWidth, x0 + box);
        std::uint64_t* sum = &sums[x * components];
        for (std::uint64_t column = x0; column < x1; ++column)
          for (std::size_t c = 0; c < components; ++c) sum[c] += in[column * components + c];
      }
    }
    T* out = reinterpret_cast<T*>(dst.data + y * dst.rowPitch);
    for (std::uint32_t x = 0; x < dst.width; ++x) {
      const std::uint64_t x0 = x * box;
      const std::uint64_t count = (std::min<std::uint64_t>(srcWidth, x0 + box) - x0) * (y1 - y0);
      for (std::size_t c = 0; c < components; ++c)
        out[x * components + c] = static_cast<T>((sums[x * components + c] + count / 2) / count);
    }
  }
}

}  // namespace

void downscalePlane(const std::byte* src, std::size_t srcStride, std::uint32_t srcWidth, std::uint32_t srcHeight,
                    const PlaneLevel& dst, std::uint32_t level, SampleLayout layout) {
  if (level >= 32 || srcWidth == 0 || srcHeight == 0 ||
      dst.width != std::max(1u, srcWidth >> level) || dst.height != std::max(1u, srcHeight >> level))
    throw std::invalid_argument("downscalePlane: the destination is not the source's level");
  const auto components = static_cast<std::size_t>(layout.components);
  if (layout.sampleBytes == 2) {
    downscale<std::uint16_t>(src, srcStride, srcWidth, srcHeight, dst, level, components);
  } else {
    downscale<std::uint8_t>(src, srcStride, srcWidth, srcHeight, dst, level, components);
  }
}

}  // namespace ps::engine
