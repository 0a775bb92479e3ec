#include "ui/thumbnail.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include <glm/geometric.hpp>
#include <glm/vec3.hpp>

#include "scenes/yuv_to_rgb.h"

namespace ps::ui {

namespace {

// One sample as the GPU's texel read gives it: UNORM of its storage word (8 or 16 bits), so
// the renderer's conversion rows apply as they are.
float sample(const FrameView& f, int plane, std::uint32_t x, std::uint32_t y, int component) {
  const Plane& p = f.planes[static_cast<std::size_t>(plane)];
  const int comps = componentsPerSample(f.format, plane);
  const std::size_t index = static_cast<std::size_t>(x) * comps + static_cast<std::size_t>(component);
  const std::byte* row = p.data + static_cast<std::size_t>(y) * p.stride;
  if (bytesPerSample(f.format) == 1) return static_cast<float>(std::to_integer<std::uint8_t>(row[index])) / 255.0f;
  std::uint16_t v = 0;
  std::memcpy(&v, row + index * 2, 2);  // little-endian, as FFmpeg's *LE formats
  return static_cast<float>(v) / 65535.0f;
}

std::uint8_t toByte(float v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); }

}  // namespace

Thumbnail makeThumbnail(const FrameView& frame, std::uint32_t width, std::uint32_t height) {
  if (frame.width == 0 || frame.height == 0 || frame.planes[0].data == nullptr || width == 0 || height == 0)
    throw std::invalid_argument("makeThumbnail: an empty frame or size");
  Thumbnail t;
  t.width = width;
  t.height = height;
  t.rgba.resize(std::size_t{width} * height * 4);
  const std::array<glm::vec4, 3> rows = yuvToRgbRows(frame.format, frame.matrix, frame.range);
  const bool interleaved = planeCount(frame.format) == 2;
  const std::uint32_t chromaW = planeWidth(frame.format, 1, frame.width);
  const std::uint32_t chromaH = planeHeight(frame.format, 1, frame.height);
  for (std::uint32_t y = 0; y < height; ++y) {
    // The source pixel at the centre of the thumbnail pixel.
    const std::uint32_t sy = std::min(frame.height - 1, (2 * y + 1) * frame.height / (2 * height));
    const std::uint32_t cy = std::min(chromaH - 1, sy * chromaH / frame.height);
    for (std::uint32_t x = 0; x < width; ++x) {
      const std::uint32_t sx = std::min(frame.width - 1, (2 * x + 1) * frame.width / (2 * width));
      const std::uint32_t cx = std::min(chromaW - 1, sx * chromaW / frame.width);
      const float yv = sample(frame, 0, sx, sy, 0);
      const float cb = sample(frame, 1, cx, cy, 0);  // Cb: plane 1, first of the pair when interleaved
      const float cr = interleaved ? sample(frame, 1, cx, cy, 1) : sample(frame, 2, cx, cy, 0);
      const glm::vec3 ycbcr(yv, cb, cr);
      std::uint8_t* out = &t.rgba[(std::size_t{y} * width + x) * 4];
      for (int c = 0; c < 3; ++c) out[c] = toByte(glm::dot(glm::vec3(rows[c]), ycbcr) + rows[c].w);
      out[3] = 255;
    }
  }
  return t;
}

}  // namespace ps::ui
