#include "rgbd_test_room.h"

#include <algorithm>
#include <cmath>

namespace ps::test {

namespace {

constexpr double kPi = 3.14159265358979323846;

glm::dvec3 direction(double u, double v) {
  const double longitude = (u - 0.5) * 2 * kPi, latitude = (0.5 - v) * kPi;
  return {std::cos(latitude) * std::sin(longitude), std::sin(latitude), -std::cos(latitude) * std::cos(longitude)};
}

bool onMarker(double u, double v) {
  const double longitudeDeg = (u - 0.5) * 360.0, latitudeDeg = (0.5 - v) * 180.0;
  return std::abs(longitudeDeg - RgbdRoom::kMarkerLongitudeDeg) <= RgbdRoom::kMarkerHalfDeg &&
         std::abs(latitudeDeg) <= 8.0;
}

glm::u8vec3 colourAt(double u, double v) {
  if (RgbdRoom::depthAlong(u, v) < RgbdRoom::kWallM) return RgbdRoom::kBoxColour;
  return onMarker(u, v) ? RgbdRoom::kMarkerColour : RgbdRoom::kWallColour;
}

// BT.709 full range, 8 bit.
glm::u8vec3 toYcbcr(glm::dvec3 rgb) {
  const double y = 0.2126 * rgb.r + 0.7152 * rgb.g + 0.0722 * rgb.b;
  const double cb = (rgb.b - y) / 1.8556 + 0.5, cr = (rgb.r - y) / 1.5748 + 0.5;
  auto byte = [](double x) { return static_cast<std::uint8_t>(std::lround(std::clamp(x, 0.0, 1.0) * 255.0)); };
  return {byte(y), byte(cb), byte(cr)};
}

}  // namespace

double RgbdRoom::depthAlong(double u, double v) {
  const glm::dvec3 d = direction(u, v);
  if (d.z < 0) {
    const double t = kBoxM / -d.z;
    if (std::abs(d.x * t) <= kBoxHalfM && std::abs(d.y * t) <= kBoxHalfM) return t;
  }
  return kWallM;
}

glm::vec3 RgbdRoom::markerCentre(glm::vec3 origin) {
  const double longitude = kMarkerLongitudeDeg * kPi / 180.0;
  return origin + glm::vec3(direction(0.5 + longitude / (2 * kPi), 0.5) * static_cast<double>(kWallM));
}

glm::vec3 hueRgb(double h) {
  const double h6 = (h - std::floor(h)) * 6.0;
  auto channel = [h6](double offset) {
    const double k = std::fmod(offset + h6, 6.0);
    return 1.0 - std::max(0.0, std::min({k, 4.0 - k, 1.0}));
  };
  return {static_cast<float>(channel(5.0)), static_cast<float>(channel(3.0)), static_cast<float>(channel(1.0))};
}

OwnedFrame roomColour(std::uint32_t width, std::uint32_t height) {
  OwnedFrame frame = makeFrame(PixelFormat::Yuv444P, width, height, ColorMatrix::Bt709, ColorRange::Full);
  for (std::uint32_t y = 0; y < height; ++y)
    for (std::uint32_t x = 0; x < width; ++x) {
      const glm::u8vec3 rgb = colourAt((x + 0.5) / width, (y + 0.5) / height);
      const glm::u8vec3 ycc = toYcbcr(glm::dvec3(rgb) / 255.0);
      for (int p = 0; p < 3; ++p) setSample(frame, p, x, y, ycc[p]);
    }
  return frame;
}

OwnedFrame roomDepth(const RgbdCase& c, std::uint32_t width, std::uint32_t height) {
  OwnedFrame frame = makeFrame(c.format, width, height, ColorMatrix::Bt709, c.range);
  const int bits = bitsPerSample(c.format);
  const double maxCode = std::ldexp(1.0, bits) - 1.0;
  for (std::uint32_t y = 0; y < height; ++y)
    for (std::uint32_t x = 0; x < width; ++x) {
      const double u = (x + 0.5) / width, v = (y + 0.5) / height;
      const double code = depthCode(c.coding, RgbdRoom::depthAlong(u, v));
      switch (c.coding.encoding) {
        case DepthEncoding::Hue: {
          const glm::u8vec3 ycc = toYcbcr(glm::dvec3(hueRgb(code)));
          setSample(frame, 0, x, y, ycc[0]);
          // Subsampled chroma takes its block's top-left pixel's; NV12 interleaves Cb and Cr.
          const std::uint32_t cx = x * planeWidth(c.format, 1, width) / width;
          const std::uint32_t cy = y * planeHeight(c.format, 1, height) / height;
          if (cx * width != x * planeWidth(c.format, 1, width) || cy * height != y * planeHeight(c.format, 1, height))
            break;
          if (planeCount(c.format) == 2) {
            setSample(frame, 1, cx, cy, ycc[1], 0);
            setSample(frame, 1, cx, cy, ycc[2], 1);
          } else {
            setSample(frame, 1, cx, cy, ycc[1]);
            setSample(frame, 2, cx, cy, ycc[2]);
          }
          break;
        }
        case DepthEncoding::InverseSplit8: {
          const auto word = static_cast<std::uint32_t>(std::lround(code * 65535.0));
          setSample(frame, 0, x, y, word >> 8);
          setSample(frame, 1, x, y, word & 0xff);
          setSample(frame, 2, x, y, 128);
          break;
        }
        case DepthEncoding::Linear:
        case DepthEncoding::Inverse: {
          double sample = code * maxCode;
          if (c.range == ColorRange::Limited) {
            const double step = std::ldexp(1.0, bits - 8);
            sample = 16.0 * step + code * 219.0 * step;
          }
          setSample(frame, 0, x, y, static_cast<std::uint32_t>(std::lround(sample)));
          break;
        }
      }
    }
  // Chroma of a grey-in-YUV depth picture is neutral.
  if (!isGray(c.format) && c.coding.encoding != DepthEncoding::Hue && c.coding.encoding != DepthEncoding::InverseSplit8) {
    const std::uint32_t neutral = 1u << (bits - 1);
    for (int p = 1; p < 3; ++p)
      for (std::uint32_t y = 0; y < planeHeight(c.format, p, height); ++y)
        for (std::uint32_t x = 0; x < planeWidth(c.format, p, width); ++x) setSample(frame, p, x, y, neutral);
  }
  return frame;
}

}  // namespace ps::test
