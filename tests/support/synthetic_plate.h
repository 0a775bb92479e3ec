#pragma once
// A sharp synthetic equirect frame (8-bit 4:4:4, full range, BT.709): a checkerboard with
// gradients, so any turn of the view or any wrong scaling changes the picture a lot.
// Header-only: the tests that use it link the scenes module already.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "scenes/frame_view.h"

namespace ps::test {

struct SyntheticPlate {
  std::uint32_t width, height;
  std::vector<std::byte> bytes;
  FrameView view;

  SyntheticPlate(std::uint32_t w, std::uint32_t h, std::uint32_t square)
      : width(w), height(h), bytes(std::size_t{w} * h * 3) {
    const std::size_t plane = std::size_t{w} * h;
    for (std::uint32_t y = 0; y < h; ++y) {
      for (std::uint32_t x = 0; x < w; ++x) {
        const bool dark = ((x / square) + (y / square)) % 2 == 0;
        const std::size_t i = std::size_t{y} * w + x;
        bytes[i] = std::byte(static_cast<std::uint8_t>((dark ? 40 : 200) + (x % square)));
        bytes[plane + i] = std::byte(static_cast<std::uint8_t>(x * 255 / w));
        bytes[2 * plane + i] = std::byte(static_cast<std::uint8_t>(y * 255 / h));
      }
    }
    view.format = PixelFormat::Yuv444P;
    view.width = w;
    view.height = h;
    view.matrix = ColorMatrix::Bt709;
    view.range = ColorRange::Full;
    for (std::size_t p = 0; p < 3; ++p) view.planes[p] = Plane{bytes.data() + p * plane, w};
  }
};

}  // namespace ps::test
