#include "make_rgbd/rgbd_picture.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ps::make_rgbd {

namespace {

constexpr double kR = 0.2126, kB = 0.0722, kG = 1 - kR - kB;  // BT.709

std::uint16_t quantise(double v, int bits) {
  const double max = std::ldexp(1.0, bits) - 1;
  return static_cast<std::uint16_t>(std::clamp(std::lround(v), 0L, static_cast<long>(max)));
}

void putWord(std::vector<std::uint8_t>& out, std::uint16_t v, bool wide) {
  out.push_back(static_cast<std::uint8_t>(v & 0xff));
  if (wide) out.push_back(static_cast<std::uint8_t>(v >> 8));
}

void checkRows(const Picture& p, int row0, std::size_t samples) {
  if (samples % static_cast<std::size_t>(p.width) != 0 || row0 < 0 ||
      row0 + static_cast<int>(samples / static_cast<std::size_t>(p.width)) > p.height)
    throw std::invalid_argument("rgbd picture: rows outside the picture");
}

void putYcbcr(Picture& p, std::size_t i, double r, double g, double b) {
  const double y = kR * r + kG * g + kB * b;
  const double scale = std::ldexp(1.0, p.bits - 8);
  p.y[i] = quantise((16 + 219 * y) * scale, p.bits);
  if (p.chroma == Chroma::Gray) return;
  p.cb[i] = quantise((128 + 224 * (b - y) / (2 * (1 - kB))) * scale, p.bits);
  p.cr[i] = quantise((128 + 224 * (r - y) / (2 * (1 - kR))) * scale, p.bits);
}

}  // namespace

Picture::Picture(Chroma c, int b, int w, int h) : chroma(c), bits(b), width(w), height(h) {
  if (w <= 0 || h <= 0 || (c == Chroma::Yuv420 && (w % 2 || h % 2)))
    throw std::invalid_argument("rgbd picture: size must be positive (and even for 4:2:0)");
  const auto n = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
  y.assign(n, 0);
  if (c != Chroma::Gray) {
    cb.assign(n, neutral());
    cr.assign(n, neutral());
  }
}

std::string pixelFormatName(Chroma chroma, int bits) {
  const std::string depth = bits == 8 ? "" : std::to_string(bits) + "le";
  switch (chroma) {
    case Chroma::Yuv420: return "yuv420p" + depth;
    case Chroma::Yuv444: return "yuv444p" + depth;
    case Chroma::Gray: return bits == 8 ? "gray" : "gray" + depth;
  }
  return "?";
}

std::vector<std::uint8_t> frameBytes(const Picture& p) {
  const bool wide = p.bits > 8;
  std::vector<std::uint8_t> out;
  out.reserve(p.y.size() * (wide ? 2 : 1) * 3);
  for (std::uint16_t v : p.y) putWord(out, v, wide);
  if (p.chroma == Chroma::Gray) return out;
  for (const auto* plane : {&p.cb, &p.cr}) {
    if (p.chroma == Chroma::Yuv444) {
      for (std::uint16_t v : *plane) putWord(out, v, wide);
      continue;
    }
    const auto w = static_cast<std::size_t>(p.width);
    for (std::size_t y = 0; y < static_cast<std::size_t>(p.height); y += 2)
      for (std::size_t x = 0; x < w; x += 2) {
        const unsigned sum = (*plane)[y * w + x] + (*plane)[y * w + x + 1] + (*plane)[(y + 1) * w + x] +
                             (*plane)[(y + 1) * w + x + 1];
        putWord(out, static_cast<std::uint16_t>((sum + 2) / 4), wide);
      }
  }
  return out;
}

void putColour(Picture& p, int row0, std::span<const Rgb> rgb) {
  checkRows(p, row0, rgb.size());
  const std::size_t base = static_cast<std::size_t>(row0) * static_cast<std::size_t>(p.width);
  for (std::size_t i = 0; i < rgb.size(); ++i)
    putYcbcr(p, base + i, rgb[i][0] / 255.0, rgb[i][1] / 255.0, rgb[i][2] / 255.0);
}

void putDepthGrey(Picture& p, int row0, std::span<const double> metres, const DepthCoding& coding) {
  checkRows(p, row0, metres.size());
  const std::size_t base = static_cast<std::size_t>(row0) * static_cast<std::size_t>(p.width);
  const double max = std::ldexp(1.0, p.bits) - 1;
  for (std::size_t i = 0; i < metres.size(); ++i) {
    p.y[base + i] = quantise(depthCode(coding, metres[i]) * max, p.bits);
    if (p.chroma != Chroma::Gray) p.cb[base + i] = p.cr[base + i] = p.neutral();
  }
}

void putDepthSplit8(Picture& p, int row0, std::span<const double> metres, const DepthCoding& coding) {
  if (p.chroma != Chroma::Yuv444 || p.bits != 8)
    throw std::invalid_argument("rgbd picture: inverse-split8 needs an 8-bit 4:4:4 picture");
  checkRows(p, row0, metres.size());
  const std::size_t base = static_cast<std::size_t>(row0) * static_cast<std::size_t>(p.width);
  for (std::size_t i = 0; i < metres.size(); ++i) {
    const std::uint16_t code = quantise(depthCode(coding, metres[i]) * 65535, 16);
    p.y[base + i] = code >> 8;
    p.cb[base + i] = code & 0xff;
    p.cr[base + i] = p.neutral();
  }
}

void putDepthHue(Picture& p, int row0, std::span<const double> metres, const DepthCoding& coding) {
  if (p.chroma == Chroma::Gray) throw std::invalid_argument("rgbd picture: hue depth needs chroma");
  checkRows(p, row0, metres.size());
  const std::size_t base = static_cast<std::size_t>(row0) * static_cast<std::size_t>(p.width);
  for (std::size_t i = 0; i < metres.size(); ++i) {
    const Rgb c = hueColour(depthCode(coding, metres[i]));
    putYcbcr(p, base + i, c[0] / 255.0, c[1] / 255.0, c[2] / 255.0);
  }
}

void putDepth(Picture& p, int row0, std::span<const double> metres, const DepthCoding& coding) {
  switch (coding.encoding) {
    case DepthEncoding::Linear:
    case DepthEncoding::Inverse: return putDepthGrey(p, row0, metres, coding);
    case DepthEncoding::InverseSplit8: return putDepthSplit8(p, row0, metres, coding);
    case DepthEncoding::Hue: return putDepthHue(p, row0, metres, coding);
  }
}

Rgb hueColour(double v) {
  // HSV with S = V = 1: six segments of the hue circle.
  const double h = std::clamp(v, 0.0, 1.0) * 6;
  const int segment = std::min(5, static_cast<int>(h));
  const double f = h - segment;
  const auto up = static_cast<std::uint8_t>(std::lround(255 * f));
  const auto down = static_cast<std::uint8_t>(std::lround(255 * (1 - f)));
  switch (segment) {
    case 0: return {255, up, 0};
    case 1: return {down, 255, 0};
    case 2: return {0, 255, up};
    case 3: return {0, down, 255};
    case 4: return {up, 0, 255};
    default: return {255, 0, down};
  }
}

double hueOf(double r, double g, double b) {
  const double max = std::max({r, g, b}), min = std::min({r, g, b});
  const double delta = std::max(max - min, 1e-9);
  double h;
  if (max == r) h = (g - b) / delta;
  else if (max == g) h = 2 + (b - r) / delta;
  else h = 4 + (r - g) / delta;
  h /= 6;
  return h < 0 ? h + 1 : h;
}

bool hueValid(double r, double g, double b) { return r + g + b > 0.3; }

void yuvToRgb(double y, double cb, double cr, int bits, double rgb[3]) {
  const double scale = std::ldexp(1.0, bits - 8);
  const double yy = (y / scale - 16) / 219, pb = (cb / scale - 128) / 224, pr = (cr / scale - 128) / 224;
  rgb[0] = yy + 2 * (1 - kR) * pr;
  rgb[2] = yy + 2 * (1 - kB) * pb;
  rgb[1] = (yy - kR * rgb[0] - kB * rgb[2]) / kG;
}

}  // namespace ps::make_rgbd
