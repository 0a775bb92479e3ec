// No seam at +-180 degrees and no artefacts at the poles: a source that is smooth on the sphere
// must render smooth and match its analytic value everywhere, including where the seam and
// the poles are in view. Also: heavy minification is filtered (mipmaps), not aliased.
#include <cmath>
#include <cstdlib>

#include <glm/gtc/quaternion.hpp>
#include <glm/trigonometric.hpp>
#include <gtest/gtest.h>

#include "engine/view.h"
#include "engine_test.h"

namespace ps::test {
namespace {

constexpr std::uint32_t kSourceWidth = 1024;
constexpr std::uint32_t kSourceHeight = 512;

// A grey that varies smoothly over the sphere and is brightest behind the viewer (+Z), where
// the seam is, so a seam that picks a wrong texel or mip level shows as a jump.
double smoothGrey(const glm::vec3& d) { return 128.0 + 80.0 * d.z + 30.0 * d.y; }

glm::vec3 directionOfTexel(double x, double y) {
  const double lon = ((x + 0.5) / kSourceWidth - 0.5) * 2.0 * M_PI;
  const double lat = (0.5 - (y + 0.5) / kSourceHeight) * M_PI;
  return {static_cast<float>(std::cos(lat) * std::sin(lon)), static_cast<float>(std::sin(lat)),
          static_cast<float>(-std::cos(lat) * std::cos(lon))};
}

OwnedFrame smoothSource() {
  // Full-range BT.709 grey: Y' = Y / 255, chroma neutral.
  OwnedFrame frame = makeFrame(PixelFormat::Yuv420P, kSourceWidth, kSourceHeight, ColorMatrix::Bt709, ColorRange::Full);
  for (std::uint32_t y = 0; y < kSourceHeight; ++y)
    for (std::uint32_t x = 0; x < kSourceWidth; ++x)
      setSample(frame, 0, x, y, static_cast<std::uint32_t>(std::lround(smoothGrey(directionOfTexel(x, y)))));
  for (int p = 1; p < 3; ++p)
    for (std::uint32_t y = 0; y < kSourceHeight / 2; ++y)
      for (std::uint32_t x = 0; x < kSourceWidth / 2; ++x) setSample(frame, p, x, y, 128);
  return frame;
}

using SeamAndPolesTest = EngineTest;

TEST_F(SeamAndPolesTest, SmoothSourceRendersSmoothAcrossSeamAndPoles) {
  const OwnedFrame source = smoothSource();
  const std::vector<engine::V360Camera> cameras{
      {180, 0, 0, 90, 70}, {0, 90, 0, 100, 100}, {0, -90, 0, 100, 100}, {170, 80, 20, 100, 80}, {-175, -75, 0, 120, 90}};
  constexpr std::uint32_t kWidth = 160, kHeight = 120;
  for (const engine::V360Camera& camera : cameras) {
    SCOPED_TRACE("yaw " + std::to_string(camera.yawDeg) + " pitch " + std::to_string(camera.pitchDeg));
    const engine::View view = engine::viewFromV360(camera);
    const Image actual = renderV360View(device(), source.view, camera, kWidth, kHeight);

    Image expected = actual;
    const float l = std::tan(view.fov.angleLeft), r = std::tan(view.fov.angleRight);
    const float u = std::tan(view.fov.angleUp), b = std::tan(view.fov.angleDown);
    int worstJump = 0, worstError = 0;
    for (int y = 0; y < actual.height; ++y) {
      for (int x = 0; x < actual.width; ++x) {
        const float tx = (static_cast<float>(x) + 0.5f) / kWidth, ty = (static_cast<float>(y) + 0.5f) / kHeight;
        const glm::vec3 ray = glm::normalize(view.orientation * glm::vec3(l + (r - l) * tx, u + (b - u) * ty, -1));
        const auto value = static_cast<std::uint8_t>(std::lround(smoothGrey(ray)));
        for (int c = 0; c < 3; ++c)
          expected.pixels[(static_cast<std::size_t>(y) * kWidth + static_cast<std::size_t>(x)) * 3 + static_cast<std::size_t>(c)] = value;
        worstError = std::max(worstError, std::abs(actual.at(x, y, 0) - int{value}));
        if (x > 0) worstJump = std::max(worstJump, std::abs(actual.at(x, y, 0) - actual.at(x - 1, y, 0)));
        if (y > 0) worstJump = std::max(worstJump, std::abs(actual.at(x, y, 0) - actual.at(x, y - 1, 0)));
      }
    }
    // The source changes by under 2 levels per rendered pixel; rounding adds 1.
    EXPECT_LE(worstJump, 3);
    EXPECT_LE(worstError, 3);
    if (worstJump > 3 || worstError > 3)
      saveComparison(engineOutputDir() + "/smooth_yaw" + std::to_string(static_cast<int>(camera.yawDeg)) + "_pitch" +
                         std::to_string(static_cast<int>(camera.pitchDeg)),
                     actual, expected);
  }
}

TEST_F(SeamAndPolesTest, MinifiedCheckerboardIsFilteredNotAliased) {
  // One-texel black/white checks seen 8x minified: a filtered render is an even mid grey,
  // an unfiltered one a noisy mix of black and white.
  OwnedFrame frame = makeFrame(PixelFormat::Yuv444P, kSourceWidth, kSourceHeight, ColorMatrix::Bt709, ColorRange::Full);
  for (std::uint32_t y = 0; y < kSourceHeight; ++y) {
    for (std::uint32_t x = 0; x < kSourceWidth; ++x) {
      setSample(frame, 0, x, y, (x + y) % 2 == 0 ? 255 : 0);
      setSample(frame, 1, x, y, 128);
      setSample(frame, 2, x, y, 128);
    }
  }
  const Image image = renderV360View(device(), frame.view, {180, 0, 0, 90, 60}, 32, 21);  // across the seam too
  // Mid grey in R'G'B' is 128 (the average of the code values, as the filter averages Y').
  int worst = 0;
  for (std::uint8_t v : image.pixels) worst = std::max(worst, std::abs(int{v} - 128));
  EXPECT_LE(worst, 12);
}

}  // namespace
}  // namespace ps::test
