// The equirect projection against FFmpeg's v360 filter (the oracle), and its alignment against
// the pinhole camera model with dots at known directions.
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <glm/gtc/quaternion.hpp>
#include <glm/trigonometric.hpp>
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include "engine/render_still.h"
#include "engine/view.h"
#include "engine_test.h"

namespace ps::test {
namespace {

constexpr std::uint32_t kSourceWidth = 1024;
constexpr std::uint32_t kSourceHeight = 512;

struct V360Case {
  std::string name;
  engine::V360Camera camera;
  std::uint32_t width = 0;
  std::uint32_t height = 0;
};

std::vector<V360Case> readViews() {
  std::ifstream file(engineMediaDir() + "/views.txt");
  std::vector<V360Case> cases;
  std::string line;
  while (std::getline(file, line)) {
    std::istringstream fields(line);
    V360Case c;
    fields >> c.name >> c.camera.yawDeg >> c.camera.pitchDeg >> c.camera.rollDeg >> c.camera.hFovDeg >>
        c.camera.vFovDeg >> c.width >> c.height;
    if (fields) cases.push_back(c);
  }
  return cases;
}

using ProjectionTest = EngineTest;

TEST_F(ProjectionTest, AgreesWithFfmpegV360) {
  const OwnedFrame source =
      loadRawFrame(engineMediaDir() + "/source_1024x512_yuv444p.yuv", PixelFormat::Yuv444P, kSourceWidth,
                   kSourceHeight, ColorMatrix::Bt601, ColorRange::Limited);
  const std::vector<V360Case> cases = readViews();
  ASSERT_GE(cases.size(), 8u) << "views.txt from make_media.sh is missing or short";
  for (const V360Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Image actual = renderV360View(device(), source.view, c.camera, c.width, c.height);
    const Image expected = loadRawRgb(engineMediaDir() + "/v360_" + c.name + ".rgb", static_cast<int>(c.width),
                                      static_cast<int>(c.height));
    const double score = psnr(actual, expected);
    spdlog::info("v360 {}: PSNR {:.2f} dB", c.name, score);
    RecordProperty("psnr_" + c.name, std::to_string(score));
    EXPECT_GE(score, 30.0);
    if (score < 30.0) saveComparison(engineOutputDir() + "/v360_" + c.name, actual, expected);
  }
}

TEST_F(ProjectionTest, YawOffsetTurnsTheSource) {
  // A source turned by +70 degrees seen from yaw 70 is the unturned source seen from yaw 0.
  const OwnedFrame source =
      loadRawFrame(engineMediaDir() + "/source_1024x512_yuv444p.yuv", PixelFormat::Yuv444P, kSourceWidth,
                   kSourceHeight, ColorMatrix::Bt601, ColorRange::Limited);
  engine::StillRequest turned;
  turned.view = engine::viewFromV360({70, 10, 0, 90, 60});
  turned.width = 128;
  turned.height = 96;
  turned.yawOffsetDeg = 70;
  auto actual = engine::renderStill(device(), source.view, turned);
  ASSERT_TRUE(actual.ok()) << actual.error().message();
  const Image expected = renderV360View(device(), source.view, {0, 10, 0, 90, 60}, 128, 96);
  const Image actualRgb = toRgb(actual.value());
  EXPECT_GE(psnr(actualRgb, expected), 45.0);
  const Image unturned = renderV360View(device(), source.view, {70, 10, 0, 90, 60}, 128, 96);
  EXPECT_LT(psnr(actualRgb, unturned), 25.0) << "the offset had no effect";
}

// Where the pinhole camera puts a direction, in pixel coordinates (pixel centres at i + 0.5).
bool project(const engine::View& view, std::uint32_t width, std::uint32_t height, const glm::vec3& direction,
             glm::vec2& pixel) {
  const glm::vec3 d = glm::inverse(view.orientation) * direction;
  if (d.z >= -1e-3f) return false;
  const float x = d.x / -d.z;
  const float y = d.y / -d.z;
  const float l = std::tan(view.fov.angleLeft), r = std::tan(view.fov.angleRight);
  const float u = std::tan(view.fov.angleUp), b = std::tan(view.fov.angleDown);
  pixel = glm::vec2((x - l) / (r - l) * static_cast<float>(width), (u - y) / (u - b) * static_cast<float>(height));
  return true;
}

glm::vec3 directionOf(float longitudeDeg, float latitudeDeg) {
  const float lon = glm::radians(longitudeDeg), lat = glm::radians(latitudeDeg);
  return {std::cos(lat) * std::sin(lon), std::sin(lat), -std::cos(lat) * std::cos(lon)};
}

TEST_F(ProjectionTest, DotsLandWherePinholeModelPutsThem) {
  // Gaussian dots on black, centred exactly on known longitudes and latitudes (texel centres at
  // (i + 0.5) / width, the seamless convention).
  OwnedFrame source = makeFrame(PixelFormat::Yuv444P, kSourceWidth, kSourceHeight, ColorMatrix::Bt709,
                                ColorRange::Full);
  std::fill(source.bytes.begin() + kSourceWidth * kSourceHeight, source.bytes.end(), std::byte{128});
  struct Dot {
    float lon, lat;
  };
  std::vector<Dot> dots;
  for (float lon = -180; lon < 180; lon += 22.5f)
    for (float lat = -60; lat <= 60; lat += 20) dots.push_back({lon + 3.0f, lat + 1.0f});
  const double sigma = 1.2;
  std::vector<double> luma(std::size_t{kSourceWidth} * kSourceHeight, 0.0);
  for (const Dot& dot : dots) {
    const double cx = (dot.lon / 360.0 + 0.5) * kSourceWidth - 0.5;
    const double cy = (0.5 - dot.lat / 180.0) * kSourceHeight - 0.5;
    for (int y = static_cast<int>(cy) - 6; y <= static_cast<int>(cy) + 6; ++y) {
      for (int x = static_cast<int>(cx) - 6; x <= static_cast<int>(cx) + 6; ++x) {
        const double w = std::exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * sigma * sigma));
        const auto wrapped = static_cast<std::uint32_t>((x + static_cast<int>(kSourceWidth)) % static_cast<int>(kSourceWidth));
        luma[std::size_t{static_cast<std::uint32_t>(y)} * kSourceWidth + wrapped] += 255.0 * w;
      }
    }
  }
  for (std::uint32_t y = 0; y < kSourceHeight; ++y)
    for (std::uint32_t x = 0; x < kSourceWidth; ++x)
      setSample(source, 0, x, y, static_cast<std::uint32_t>(std::lround(std::min(255.0, luma[y * kSourceWidth + x]))));

  const std::vector<engine::V360Camera> cameras{
      {20, 10, 15, 90, 70}, {180, -5, 0, 100, 70}, {-100, 40, -25, 80, 60}};
  constexpr std::uint32_t kWidth = 320, kHeight = 240;
  int checked = 0;
  for (const engine::V360Camera& camera : cameras) {
    const engine::View view = engine::viewFromV360(camera);
    const Image image = renderV360View(device(), source.view, camera, kWidth, kHeight);
    for (const Dot& dot : dots) {
      glm::vec2 expected;
      if (!project(view, kWidth, kHeight, directionOf(dot.lon, dot.lat), expected)) continue;
      constexpr int kWindow = 7;
      if (expected.x < kWindow + 1 || expected.y < kWindow + 1 || expected.x > kWidth - kWindow - 1 ||
          expected.y > kHeight - kWindow - 1)
        continue;
      double sum = 0, sx = 0, sy = 0;
      for (int y = static_cast<int>(expected.y) - kWindow; y <= static_cast<int>(expected.y) + kWindow; ++y) {
        for (int x = static_cast<int>(expected.x) - kWindow; x <= static_cast<int>(expected.x) + kWindow; ++x) {
          const double v = image.at(x, y, 1);
          sum += v;
          sx += v * (x + 0.5);
          sy += v * (y + 0.5);
        }
      }
      ASSERT_GT(sum, 0.0) << "dot at " << dot.lon << "," << dot.lat << " not drawn";
      const double dx = sx / sum - expected.x, dy = sy / sum - expected.y;
      EXPECT_LE(std::hypot(dx, dy), 0.5) << "dot at lon " << dot.lon << " lat " << dot.lat << " camera yaw "
                                         << camera.yawDeg << " is off by (" << dx << ", " << dy << ") px";
      ++checked;
    }
  }
  EXPECT_GE(checked, 20) << "too few dots in view to say anything";
}

}  // namespace
}  // namespace ps::test
