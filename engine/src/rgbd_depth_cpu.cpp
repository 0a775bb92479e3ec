#include "rgbd_depth_cpu.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "engine/picture_fit.h"
#include "frame_textures.h"
#include "scenes/yuv_to_rgb.h"

namespace ps::engine {

namespace {

// Reads component `component` of plane `plane`'s samples of one eye, as raw integers.
class PlaneReader {
 public:
  PlaneReader(const FrameView& frame, StereoLayout stereo, int eye, int plane, int component = 0) {
    const VkExtent2D extent = eyePlaneExtent(frame.format, plane, frame.width, frame.height, stereo);
    width_ = extent.width;
    height_ = extent.height;
    bytes_ = static_cast<std::size_t>(bytesPerSample(frame.format));
    texelBytes_ = bytes_ * static_cast<std::size_t>(componentsPerSample(frame.format, plane));
    stride_ = frame.planes[plane].stride;
    data_ = frame.planes[plane].data;
    if (stereo == StereoLayout::TopBottom) data_ += std::size_t{height_} * stride_ * static_cast<std::size_t>(eye);
    if (stereo == StereoLayout::LeftRight) data_ += std::size_t{width_} * texelBytes_ * static_cast<std::size_t>(eye);
    data_ += bytes_ * static_cast<std::size_t>(component);
  }

  std::uint32_t width() const { return width_; }
  std::uint32_t height() const { return height_; }
  double unormMax() const { return bytes_ == 2 ? 65535.0 : 255.0; }

  std::uint32_t raw(std::uint32_t x, std::uint32_t y) const {
    const std::byte* at = data_ + std::size_t{y} * stride_ + std::size_t{x} * texelBytes_;
    if (bytes_ == 1) return std::to_integer<std::uint32_t>(at[0]);
    std::uint16_t word = 0;
    std::memcpy(&word, at, sizeof(word));
    return word;
  }

 private:
  const std::byte* data_ = nullptr;
  std::size_t stride_ = 0, bytes_ = 1, texelBytes_ = 1;
  std::uint32_t width_ = 0, height_ = 0;
};

// rgbd_depth.glsl's depthkitHue.
double depthkitHue(double r, double g, double b) {
  const double lo = std::min({r, g, b}), hi = std::max({r, g, b});
  const double div = 1.0 / (6.0 * std::max(hi - lo, 1e-5));
  const double hr = (g - b) * div;
  const double hg = 1.0 / 3.0 + (b - r) * div;
  const double hb = 2.0 / 3.0 + (r - g) * div;
  return r < std::max(g, b) ? (g < b ? hb : hg) : hr;
}

}  // namespace

void checkDepthPicture(const std::string& where, const FrameView& depth, StereoLayout stereo, const DepthCoding& coding) {
  const auto require = [](bool ok, const std::string& what) {
    if (!ok) throw std::invalid_argument(what);
  };
  require(std::isfinite(coding.nearM) && std::isfinite(coding.farM) && coding.nearM > 0 && coding.farM > coding.nearM,
          where + "depth needs 0 < near_m < far_m (got near " + std::to_string(coding.nearM) + ", far " +
              std::to_string(coding.farM) + ")");
  try {
    checkFrame(depth, stereo);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(where + "depth picture: " + e.what());
  }
  switch (coding.encoding) {
    case DepthEncoding::InverseSplit8:
      require(depth.format == PixelFormat::Yuv444P,
              where + "inverse-split8 depth needs an 8-bit 4:4:4 picture (high byte in Y, low byte in Cb), got " +
                  std::string(toString(depth.format)));
      break;
    case DepthEncoding::Hue:
      require(!isGray(depth.format), where + "hue depth needs a colour picture, got the grey plane " +
                                         std::string(toString(depth.format)));
      break;
    case DepthEncoding::Linear:
    case DepthEncoding::Inverse: break;  // the luma plane of any format
  }
}

DepthMetres decodeDepthMetres(const FrameView& depth, StereoLayout stereo, int eye, const DepthCoding& coding) {
  const PlaneReader luma(depth, stereo, eye, 0);
  DepthMetres out;
  out.width = luma.width();
  out.height = luma.height();
  out.metres.resize(std::size_t{out.width} * out.height);
  const double nearM = coding.nearM, farM = coding.farM;
  const auto fromV = [&](double v) {
    if (coding.encoding == DepthEncoding::Linear || coding.encoding == DepthEncoding::Hue) return nearM + v * (farM - nearM);
    return 1.0 / (1.0 / farM + v * (1.0 / nearM - 1.0 / farM));
  };
  const int planes = planeCount(depth.format);
  switch (coding.encoding) {
    case DepthEncoding::Linear:
    case DepthEncoding::Inverse: {
      // pictureConstants' code and its range: a sampled value to its code, the code to v.
      const int bits = bitsPerSample(depth.format);
      const double shift = depth.format == PixelFormat::P010 ? 64.0 : 1.0;
      double scale = 1.0 / (std::ldexp(1.0, bits) - 1.0), offset = 0.0;
      if (depth.range == ColorRange::Limited) {
        scale = 1.0 / (219.0 * std::ldexp(1.0, bits - 8));
        offset = -16.0 / 219.0;
      }
      for (std::uint32_t y = 0; y < out.height; ++y)
        for (std::uint32_t x = 0; x < out.width; ++x) {
          const double code = std::round(luma.raw(x, y) / shift);
          out.metres[std::size_t{y} * out.width + x] = static_cast<float>(fromV(std::clamp(code * scale + offset, 0.0, 1.0)));
        }
      break;
    }
    case DepthEncoding::InverseSplit8: {
      const PlaneReader low(depth, stereo, eye, 1);
      for (std::uint32_t y = 0; y < out.height; ++y)
        for (std::uint32_t x = 0; x < out.width; ++x) {
          const double v = (luma.raw(x, y) * 256.0 + low.raw(x, y)) / 65535.0;
          out.metres[std::size_t{y} * out.width + x] = static_cast<float>(fromV(v));
        }
      break;
    }
    case DepthEncoding::Hue: {
      // Cb and Cr: planes 1 and 2, or the two components of plane 1 (NV12, P010).
      const PlaneReader cb(depth, stereo, eye, 1);
      const PlaneReader cr = planes == 2 ? PlaneReader(depth, stereo, eye, 1, 1) : PlaneReader(depth, stereo, eye, 2);
      const auto rows = yuvToRgbRows(depth.format, depth.matrix, depth.range);
      const double unorm = luma.unormMax();
      for (std::uint32_t y = 0; y < out.height; ++y)
        for (std::uint32_t x = 0; x < out.width; ++x) {
          const std::uint32_t cx = x * cb.width() / out.width, cy = y * cb.height() / out.height;
          const std::array<double, 3> ycbcr{luma.raw(x, y) / unorm, cb.raw(cx, cy) / unorm, cr.raw(cx, cy) / unorm};
          std::array<double, 3> rgb{};
          for (int i = 0; i < 3; ++i) {
            const auto& row = rows[static_cast<std::size_t>(i)];
            rgb[static_cast<std::size_t>(i)] =
                std::clamp(row.x * ycbcr[0] + row.y * ycbcr[1] + row.z * ycbcr[2] + row.w, 0.0, 1.0);
          }
          const double v = rgb[0] + rgb[1] + rgb[2] > 0.3 ? std::max(depthkitHue(rgb[0], rgb[1], rgb[2]), 0.0) : 1.0;
          out.metres[std::size_t{y} * out.width + x] = static_cast<float>(fromV(v));
        }
      break;
    }
  }
  return out;
}

}  // namespace ps::engine
