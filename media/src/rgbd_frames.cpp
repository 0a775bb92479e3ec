#include "media/rgbd_frames.h"

#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace ps::media {

namespace {

bool isFourTwoZero(PixelFormat f) { return !isGray(f) && planeHeight(f, 1, 4) == 2; }

// Sample (x, y) of plane `plane`, component c, as a fraction of full scale.
double sample(const FrameView& f, int plane, std::uint32_t x, std::uint32_t y, int c) {
  const Plane& p = f.planes[static_cast<std::size_t>(plane)];
  const std::byte* row = p.data + static_cast<std::size_t>(y) * p.stride;
  const int comps = componentsPerSample(f.format, plane);
  const std::size_t i = static_cast<std::size_t>(x) * static_cast<std::size_t>(comps) + static_cast<std::size_t>(c);
  if (bytesPerSample(f.format) == 1) return std::to_integer<int>(row[i]) / 255.0;
  std::uint16_t word = 0;
  std::memcpy(&word, row + 2 * i, sizeof word);
  if (f.format == PixelFormat::P010) word = static_cast<std::uint16_t>(word >> 6);
  return word / static_cast<double>((1 << bitsPerSample(f.format)) - 1);
}

// The largest distance of a chroma sample from neutral (0.5) in chroma rows [y0, y1).
double chromaSpread(const FrameView& f, std::uint32_t y0, std::uint32_t y1) {
  double most = 0;
  const std::uint32_t w = planeWidth(f.format, 1, f.width);
  for (int plane = 1; plane < planeCount(f.format); ++plane)
    for (int c = 0; c < componentsPerSample(f.format, plane); ++c)
      for (std::uint32_t y = y0; y < y1; ++y)
        for (std::uint32_t x = 0; x < w; ++x) most = std::max(most, std::abs(sample(f, plane, x, y, c) - 0.5));
  return most;
}

}  // namespace

Result<RgbdViews> splitTopBottom(const FrameView& stacked, const std::string& where) {
  if (stacked.height % 2 != 0)
    return Error{where, fmt::format("a top-bottom RGB-D frame is {}x{}: its height is odd, so colour and depth cannot "
                                    "each have half of it", stacked.width, stacked.height),
                 "encode colour and depth at the same size, stacked"};
  const std::uint32_t half = stacked.height / 2;
  if (isFourTwoZero(stacked.format) && half % 2 != 0)
    return Error{where, fmt::format("a top-bottom RGB-D frame is {}x{} in 4:2:0: each half is {} rows, odd, so one "
                                    "chroma row would mix colour and depth", stacked.width, stacked.height, half),
                 "make each half's height even"};
  RgbdViews out{stacked, stacked};
  out.colour.height = half;
  out.depth.height = half;
  for (int i = 0; i < planeCount(stacked.format); ++i) {
    Plane& p = out.depth.planes[static_cast<std::size_t>(i)];
    p.data += static_cast<std::size_t>(planeHeight(stacked.format, i, half)) * p.stride;
  }
  return out;
}

Status checkDepthPicture(const FrameView& depth, const DepthDeclared& declared, const std::string& where) {
  const int bits = bitsPerSample(depth.format);
  if (declared.bits && *declared.bits != bits)
    return Error{where, fmt::format("the depth picture is {}-bit ({}), but the shot declares \"bits\": {}", bits,
                                    toString(depth.format), *declared.bits),
                 "encode the depth at the declared bit depth, or declare what the video carries"};
  if (declared.encoding == DepthEncoding::InverseSplit8 && depth.format != PixelFormat::Yuv444P)
    return Error{where, fmt::format("\"inverse-split8\" depth needs an 8-bit 4:4:4 picture (yuv444p: high byte in Y, "
                                    "low byte in Cb), found {}", toString(depth.format)),
                 "encode the depth with -pix_fmt yuv444p"};
  if (declared.encoding == DepthEncoding::Hue && isGray(depth.format))
    return Error{where, fmt::format("\"hue\" depth is read from the pixel's colour, but the depth picture is grey ({})",
                                    toString(depth.format)),
                 ""};
  return ok();
}

bool looksLikeStackedDepth(const FrameView& frame) {
  if (isGray(frame.format) || frame.height % 2 != 0 || frame.height < 4) return false;
  const std::uint32_t chromaRows = planeHeight(frame.format, 1, frame.height);
  const std::uint32_t topRows = planeHeight(frame.format, 1, frame.height / 2);
  // Lossy coding leaves a little chroma in grey: a few code values of 8-bit.
  constexpr double kNeutral = 4.0 / 255.0;
  return chromaSpread(frame, topRows, chromaRows) <= kNeutral && chromaSpread(frame, 0, topRows) > kNeutral;
}

}  // namespace ps::media
