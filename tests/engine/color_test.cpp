// YUV to R'G'B' for each matrix, range and bit depth: colour bars with known R'G'B' must come
// out of the sRGB target as those bytes (within 2), whether the shader writes them encoded or
// the target encodes linear values.
#include <cmath>
#include <cstdlib>

#include <gtest/gtest.h>

#include "engine/equirect_renderer.h"
#include "engine/offscreen_target.h"
#include "engine/view.h"
#include "engine_test.h"

namespace ps::test {
namespace {

struct Rgb {
  int r, g, b;  // 0..255
};

// 100% and 75% bars, plus greys and a dark colour to exercise the offsets.
const std::vector<Rgb> kBars{{255, 255, 255}, {191, 191, 0}, {0, 191, 191}, {0, 255, 0},
                             {191, 0, 191},   {255, 0, 0},   {0, 0, 255},   {16, 40, 70}};

struct Weights {
  double kr, kb;
};

Weights weightsFor(ColorMatrix m) {
  if (m == ColorMatrix::Bt601) return {0.299, 0.114};
  if (m == ColorMatrix::Bt2020) return {0.2627, 0.0593};
  return {0.2126, 0.0722};
}

// Forward R'G'B' -> Y'CbCr code values (the textbook definition; the engine implements the inverse).
std::array<std::uint32_t, 3> encode(const Rgb& c, ColorMatrix matrix, ColorRange range, int bits) {
  const Weights w = weightsFor(matrix);
  const double r = c.r / 255.0, g = c.g / 255.0, b = c.b / 255.0;
  const double y = w.kr * r + (1 - w.kr - w.kb) * g + w.kb * b;
  const double cb = (b - y) / (2 * (1 - w.kb));
  const double cr = (r - y) / (2 * (1 - w.kr));
  const double k = std::ldexp(1.0, bits - 8);
  const double max = std::ldexp(1.0, bits) - 1;
  auto code = [&](double v) { return static_cast<std::uint32_t>(std::lround(std::clamp(v, 0.0, max))); };
  if (range == ColorRange::Limited) return {code(16 * k + 219 * k * y), code(128 * k + 224 * k * cb), code(128 * k + 224 * k * cr)};
  return {code(max * y), code(std::ldexp(1.0, bits - 1) + max * cb), code(std::ldexp(1.0, bits - 1) + max * cr)};
}

struct ColorCase {
  PixelFormat format;
  ColorMatrix matrix;
  ColorRange range;
};

void PrintTo(const ColorCase& c, std::ostream* os) {
  *os << toString(c.format) << " " << toString(c.matrix) << " " << toString(c.range);
}

class ColorTest : public EngineTest, public ::testing::WithParamInterface<ColorCase> {};

TEST_P(ColorTest, BarsRenderToTheirRgb) {
  const ColorCase param = GetParam();
  constexpr std::uint32_t kWidth = 512, kHeight = 256;
  const auto barWidth = kWidth / static_cast<std::uint32_t>(kBars.size());
  OwnedFrame frame = makeFrame(param.format, kWidth, kHeight, param.matrix, param.range);
  const bool highBits = param.format == PixelFormat::P010;
  const int bits = bytesPerSample(param.format) == 2 ? 10 : 8;
  const int chromaShiftX = planeWidth(param.format, 1, kWidth) == kWidth ? 0 : 1;
  const int chromaShiftY = planeHeight(param.format, 1, kHeight) == kHeight ? 0 : 1;
  auto stored = [&](std::uint32_t v) { return highBits ? v << 6 : v; };
  for (std::uint32_t y = 0; y < kHeight; ++y) {
    for (std::uint32_t x = 0; x < kWidth; ++x) {
      const auto yuv = encode(kBars[x / barWidth], param.matrix, param.range, bits);
      setSample(frame, 0, x, y, stored(yuv[0]));
      if ((x >> chromaShiftX << chromaShiftX) != x || (y >> chromaShiftY << chromaShiftY) != y) continue;
      const std::uint32_t cx = x >> chromaShiftX, cy = y >> chromaShiftY;
      if (planeCount(param.format) == 2) {
        setSample(frame, 1, cx, cy, stored(yuv[1]), 0);
        setSample(frame, 1, cx, cy, stored(yuv[2]), 1);
      } else {
        setSample(frame, 1, cx, cy, stored(yuv[1]));
        setSample(frame, 2, cx, cy, stored(yuv[2]));
      }
    }
  }

  // One narrow view at the centre of each bar, all drawn in one frame, twice: written encoded
  // through the target's UNORM view, and written linear for the sRGB target to encode (as into
  // a swapchain image).
  engine::EquirectRenderer renderer(device());
  std::vector<engine::OffscreenTarget> targets;
  const engine::FrameTicket ticket = renderer.beginFrame(frame.view, FrameLayout{});
  for (std::size_t i = 0; i < 2 * kBars.size(); ++i) {
    targets.emplace_back(device(), 16, 16, "bar");
    const std::size_t bar = i % kBars.size();
    const float yaw = (static_cast<float>(bar) + 0.5f) / static_cast<float>(kBars.size()) * 360.0f - 180.0f;
    engine::RenderTarget target = targets.back().target();
    if (i >= kBars.size()) target.encodedView = VK_NULL_HANDLE;
    renderer.drawView(engine::viewFromV360({yaw, 0, 0, 10, 10}), Eye::Left, target);
    renderer.recordReadback(targets.back());
  }
  renderer.submit();
  renderer.wait(ticket);
  for (std::size_t i = 0; i < targets.size(); ++i) {
    SCOPED_TRACE(i < kBars.size() ? "written encoded" : "encoded by the target");
    const Image image = toRgb(targets[i].pixels());
    const Rgb& bar = kBars[i % kBars.size()];
    const int expected[3] = {bar.r, bar.g, bar.b};
    int worst = 0;
    for (std::size_t p = 0; p < image.pixels.size(); ++p)
      worst = std::max(worst, std::abs(image.pixels[p] - expected[p % 3]));
    EXPECT_LE(worst, 2) << "bar " << i % kBars.size() << " expected " << expected[0] << "," << expected[1] << "," << expected[2]
                        << " got " << int{image.pixels[0]} << "," << int{image.pixels[1]} << ","
                        << int{image.pixels[2]};
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, ColorTest,
                         ::testing::Values(ColorCase{PixelFormat::Yuv420P, ColorMatrix::Bt709, ColorRange::Limited},
                                           ColorCase{PixelFormat::Yuv420P, ColorMatrix::Bt601, ColorRange::Full},
                                           ColorCase{PixelFormat::Nv12, ColorMatrix::Bt601, ColorRange::Limited},
                                           ColorCase{PixelFormat::Yuv444P, ColorMatrix::Bt2020, ColorRange::Full},
                                           ColorCase{PixelFormat::Yuv420P10, ColorMatrix::Bt2020, ColorRange::Limited},
                                           ColorCase{PixelFormat::P010, ColorMatrix::Bt709, ColorRange::Limited},
                                           ColorCase{PixelFormat::Yuv444P10, ColorMatrix::Bt709, ColorRange::Full}));

}  // namespace
}  // namespace ps::test
