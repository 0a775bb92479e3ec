#pragma once
// A picture read back from the GPU: 8-bit R'G'B'A (sRGB-encoded), rows top to bottom, tightly packed.
#include <cstdint>
#include <vector>

namespace ps::engine {

struct RgbaImage {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::vector<std::uint8_t> pixels;  // width * height * 4 bytes
};

}  // namespace ps::engine
