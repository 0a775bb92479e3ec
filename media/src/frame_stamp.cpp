#include "media/frame_stamp.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace ps::media {

namespace {

// Layout: tools/media/stamp.sh.
constexpr int kBits = 16;
constexpr int kBlock = 16;

// Luma at (x, y) as a fraction of the format's full scale (0..1).
double lumaAt(const FrameView& f, int x, int y) {
  const Plane& p = f.planes[0];
  const std::byte* row = p.data + static_cast<std::size_t>(y) * p.stride;
  if (bytesPerSample(f.format) == 1) return static_cast<double>(std::to_integer<int>(row[x])) / 255.0;
  std::uint16_t word = 0;
  std::memcpy(&word, row + 2 * x, sizeof word);  // little-endian host, as FFmpeg's *le formats
  // P010 keeps its 10 bits in the high bits of each word, the planar formats in the low bits.
  if (f.format == PixelFormat::P010) word = static_cast<std::uint16_t>(word >> 6);
  return static_cast<double>(word) / static_cast<double>((1 << bitsPerSample(f.format)) - 1);
}

}  // namespace

std::optional<int> readFrameStamp(const FrameView& frame, int originY, double scale) {
  if (frame.planes[0].data == nullptr || originY < 0 || !(scale > 0)) return std::nullopt;
  const double block = kBlock * scale;
  if (frame.width < static_cast<std::uint32_t>(kBits * block) ||
      frame.height < static_cast<std::uint32_t>(originY + block)) {
    return std::nullopt;
  }
  // The pixels of the block's middle (6..10 of 16 at full size): clear of compression
  // ringing and of the blur a downscale leaves at its edges.
  const int lo = static_cast<int>(block * 6 / kBlock);
  const int hi = std::max(lo + 1, static_cast<int>(block * 10 / kBlock));
  int value = 0;
  for (int k = 0; k < kBits; ++k) {
    const int x0 = static_cast<int>(k * block);
    double sum = 0;
    for (int dy = lo; dy < hi; ++dy) {
      for (int dx = lo; dx < hi; ++dx) sum += lumaAt(frame, x0 + dx, originY + dy);
    }
    const double mean = sum / ((hi - lo) * (hi - lo));
    // Black is 0 (full range) or 16/255 (limited), white 1 or 235/255; anything
    // in between means there is no clean stamp here.
    if (mean > 0.75) {
      value |= 1 << k;
    } else if (mean > 0.25) {
      return std::nullopt;
    }
  }
  return value;
}

}  // namespace ps::media
