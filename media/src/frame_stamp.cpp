#include "media/frame_stamp.h"

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
  return static_cast<double>(word) / 1023.0;
}

}  // namespace

std::optional<int> readFrameStamp(const FrameView& frame, int originY) {
  if (frame.planes[0].data == nullptr || originY < 0) return std::nullopt;
  if (frame.width < static_cast<std::uint32_t>(kBits * kBlock) ||
      frame.height < static_cast<std::uint32_t>(originY + kBlock)) {
    return std::nullopt;
  }
  int value = 0;
  for (int k = 0; k < kBits; ++k) {
    // The 4x4 pixels at the block's centre: clear of compression ringing at its edges.
    double sum = 0;
    for (int dy = 6; dy < 10; ++dy) {
      for (int dx = 6; dx < 10; ++dx) sum += lumaAt(frame, k * kBlock + dx, originY + dy);
    }
    const double mean = sum / 16.0;
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
