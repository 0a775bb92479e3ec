#include "media/frame_rgba.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace ps::media {

namespace {

struct Coefficients {
  double kr, kb;
};

Coefficients coefficientsOf(ColorMatrix m) {
  switch (m) {
    case ColorMatrix::Bt601: return {0.299, 0.114};
    case ColorMatrix::Bt2020: return {0.2627, 0.0593};
    case ColorMatrix::Bt709: break;
  }
  return {0.2126, 0.0722};
}

// Sample `component` of plane `plane` at sample (x, y), as a fraction of full scale.
double sampleAt(const FrameView& f, int plane, std::uint32_t x, std::uint32_t y, int component) {
  const Plane& p = f.planes[static_cast<std::size_t>(plane)];
  const std::byte* row = p.data + static_cast<std::size_t>(y) * p.stride;
  const int components = componentsPerSample(f.format, plane);
  const std::size_t at = static_cast<std::size_t>(x) * static_cast<std::size_t>(components) + static_cast<std::size_t>(component);
  if (bytesPerSample(f.format) == 1) return std::to_integer<int>(row[at]) / 255.0;
  std::uint16_t word = 0;
  std::memcpy(&word, row + 2 * at, sizeof word);
  if (f.format == PixelFormat::P010) word = static_cast<std::uint16_t>(word >> 6);
  return word / 1023.0;
}

std::uint8_t toByte(double v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0)); }

// 8-bit 4:2:0 (what an atlas video nearly always is), in 16.16 fixed point: a 2048 x 2048
// atlas frame in a few milliseconds rather than the general path's tens.
void yuv420ToRgba(const FrameView& frame, const Coefficients& c, std::uint8_t* out) {
  const bool limited = frame.range == ColorRange::Limited;
  const double ys = limited ? 255.0 / 219.0 : 1.0, cs = limited ? 255.0 / 224.0 : 1.0;
  const auto fixed = [](double v) { return static_cast<int>(std::lround(v * 65536.0)); };
  const int yk = fixed(ys), rv = fixed(2.0 * (1.0 - c.kr) * cs), bu = fixed(2.0 * (1.0 - c.kb) * cs);
  const double kg = 1.0 - c.kr - c.kb;
  const int gu = fixed(2.0 * (1.0 - c.kb) * c.kb / kg * cs), gv = fixed(2.0 * (1.0 - c.kr) * c.kr / kg * cs);
  const int y0 = limited ? 16 : 0;
  const auto clampByte = [](int v) { return static_cast<std::uint8_t>(std::clamp((v + 32768) >> 16, 0, 255)); };
  for (std::uint32_t y = 0; y < frame.height; ++y) {
    const auto* luma = reinterpret_cast<const std::uint8_t*>(frame.planes[0].data + y * frame.planes[0].stride);
    const auto* cb = reinterpret_cast<const std::uint8_t*>(frame.planes[1].data + (y / 2) * frame.planes[1].stride);
    const auto* cr = reinterpret_cast<const std::uint8_t*>(frame.planes[2].data + (y / 2) * frame.planes[2].stride);
    std::uint8_t* px = out + static_cast<std::size_t>(y) * frame.width * 4;
    for (std::uint32_t x = 0; x < frame.width; ++x, px += 4) {
      const int l = (luma[x] - y0) * yk, u = cb[x / 2] - 128, v = cr[x / 2] - 128;
      px[0] = clampByte(l + rv * v);
      px[1] = clampByte(l - gu * u - gv * v);
      px[2] = clampByte(l + bu * u);
      px[3] = 255;
    }
  }
}

}  // namespace

scenes::MeshImage frameToRgba(const FrameView& frame, std::string name) {
  scenes::MeshImage out;
  out.name = std::move(name);
  out.width = frame.width;
  out.height = frame.height;
  out.rgba.resize(static_cast<std::size_t>(frame.width) * frame.height * 4);
  const Coefficients c = coefficientsOf(frame.matrix);
  if (frame.format == PixelFormat::Yuv420P) {
    yuv420ToRgba(frame, c, out.rgba.data());
    return out;
  }
  const double kg = 1.0 - c.kr - c.kb;
  const bool limited = frame.range == ColorRange::Limited;
  const bool interleaved = planeCount(frame.format) == 2;
  const std::uint32_t chromaW = planeWidth(frame.format, 1, frame.width);
  const std::uint32_t chromaH = planeHeight(frame.format, 1, frame.height);
  for (std::uint32_t y = 0; y < frame.height; ++y) {
    const std::uint32_t cy = std::min(chromaH - 1, y * chromaH / frame.height);
    for (std::uint32_t x = 0; x < frame.width; ++x) {
      const std::uint32_t cx = std::min(chromaW - 1, x * chromaW / frame.width);
      double luma = sampleAt(frame, 0, x, y, 0);
      double cb = sampleAt(frame, 1, cx, cy, 0);
      double cr = interleaved ? sampleAt(frame, 1, cx, cy, 1) : sampleAt(frame, 2, cx, cy, 0);
      if (limited) {
        luma = (luma - 16.0 / 255.0) * 255.0 / 219.0;
        cb = (cb - 128.0 / 255.0) * 255.0 / 224.0;
        cr = (cr - 128.0 / 255.0) * 255.0 / 224.0;
      } else {
        cb -= 128.0 / 255.0;
        cr -= 128.0 / 255.0;
      }
      const double r = luma + 2.0 * (1.0 - c.kr) * cr;
      const double b = luma + 2.0 * (1.0 - c.kb) * cb;
      const double g = (luma - c.kr * r - c.kb * b) / kg;
      std::uint8_t* px = out.rgba.data() + (static_cast<std::size_t>(y) * frame.width + x) * 4;
      px[0] = toByte(r);
      px[1] = toByte(g);
      px[2] = toByte(b);
      px[3] = 255;
    }
  }
  return out;
}

}  // namespace ps::media
