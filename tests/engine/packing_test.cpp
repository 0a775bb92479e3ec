// The CPU side of the packed picture (engine/src/frame_textures_packing, frame_textures_mips)
// and the footprint estimate that decides when a picture may be packed, against plain
// reimplementations written here from their definitions.
#include <cmath>

#include <glm/gtc/quaternion.hpp>
#include <cstdint>
#include <ostream>
#include <vector>

#include <gtest/gtest.h>

#include "frame_textures_mips.h"
#include "frame_textures_packing.h"
#include "engine/view.h"
#include "pinhole_footprint.h"

namespace ps::test {
namespace {

struct Plane {
  std::uint32_t width, height;
  std::size_t stride;
  std::vector<std::byte> bytes;
  std::uint8_t at(std::uint32_t x, std::uint32_t y, int component = 0, int components = 1) const {
    return static_cast<std::uint8_t>(bytes[y * stride + x * components + component]);
  }
};

// Bytes that differ from texel to texel and from row to row, with padding past each row.
Plane makePlane(std::uint32_t width, std::uint32_t height, int components, unsigned seed) {
  Plane p{width, height, width * components + 7, {}};
  p.bytes.resize(p.stride * height);
  unsigned state = seed;
  for (std::byte& b : p.bytes) {
    state = state * 1103515245u + 12345u;
    b = static_cast<std::byte>(state >> 23);
  }
  return p;
}

struct Level {
  std::vector<std::byte> bytes;
  engine::PlaneLevel level;
};

Level makeLevel(std::uint32_t width, std::uint32_t height, int components) {
  Level l;
  const std::size_t pitch = width * components + 12;
  l.bytes.assign(pitch * height, std::byte{0});
  l.level = engine::PlaneLevel{l.bytes.data(), width, height, pitch};
  return l;
}

std::uint8_t texel(const engine::PlaneLevel& level, std::uint32_t x, std::uint32_t y, int c) {
  return static_cast<std::uint8_t>(level.data[y * level.rowPitch + 4 * x + c]);
}

struct PackCase {
  std::uint32_t width, height;
  bool interleaved;
};

void PrintTo(const PackCase& c, std::ostream* os) {
  *os << c.width << "x" << c.height << (c.interleaved ? " nv12" : " yuv420p");
}

class PackLumaChroma : public ::testing::TestWithParam<PackCase> {};

TEST_P(PackLumaChroma, HoldsTheLumaBoxAverageAndBothChromaPlanes) {
  const auto [width, height, interleaved] = GetParam();
  const std::uint32_t cw = (width + 1) / 2, ch = (height + 1) / 2;
  const Plane luma = makePlane(width, height, 1, 1);
  const Plane cb = makePlane(cw, ch, interleaved ? 2 : 1, 2);
  const Plane cr = makePlane(cw, ch, 1, 3);
  Level packed = makeLevel(cw, ch, 4);
  Level level1 = makeLevel(std::max(1u, cw / 2), std::max(1u, ch / 2), 4);
  engine::packLumaChroma({luma.bytes.data(), luma.stride}, {cb.bytes.data(), cb.stride},
                         interleaved ? engine::PlaneRows{} : engine::PlaneRows{cr.bytes.data(), cr.stride}, width,
                         height, packed.level, level1.level);
  for (std::uint32_t y = 0; y < ch; ++y) {
    for (std::uint32_t x = 0; x < cw; ++x) {
      // The luma texels under this chroma texel: two by two, fewer on an odd last row or column.
      unsigned sum = 0, count = 0;
      for (std::uint32_t ly = 2 * y; ly < std::min(2 * y + 2, height); ++ly)
        for (std::uint32_t lx = 2 * x; lx < std::min(2 * x + 2, width); ++lx, ++count) sum += luma.at(lx, ly);
      const auto expectedLuma = static_cast<unsigned>(std::lround(static_cast<double>(sum) / count + 1e-9));
      ASSERT_EQ(texel(packed.level, x, y, 0), expectedLuma) << x << "," << y;
      ASSERT_EQ(texel(packed.level, x, y, 1), interleaved ? cb.at(x, y, 0, 2) : cb.at(x, y)) << x << "," << y;
      ASSERT_EQ(texel(packed.level, x, y, 2), interleaved ? cb.at(x, y, 1, 2) : cr.at(x, y)) << x << "," << y;
      ASSERT_EQ(texel(packed.level, x, y, 3), 255) << x << "," << y;
    }
  }
  // Level 1 built alongside is exactly what downsampleLevel makes from level 0 afterwards.
  Level reference = makeLevel(level1.level.width, level1.level.height, 4);
  engine::downsampleLevel(packed.level, reference.level, engine::SampleLayout{4, 1});
  for (std::uint32_t y = 0; y < level1.level.height; ++y)
    for (std::uint32_t x = 0; x < level1.level.width; ++x)
      for (int c = 0; c < 4; ++c)
        ASSERT_EQ(texel(level1.level, x, y, c), texel(reference.level, x, y, c)) << x << "," << y << " c" << c;
}

// Widths past 32 take the 16-texel path with a tail; odd sizes the single-column and -row texels.
INSTANTIATE_TEST_SUITE_P(Sizes, PackLumaChroma,
                         ::testing::Values(PackCase{96, 40, false}, PackCase{96, 40, true}, PackCase{77, 23, false},
                                           PackCase{77, 23, true}, PackCase{3, 3, false}, PackCase{1, 1, true},
                                           PackCase{130, 2, false}));

TEST(DownsampleRgba8, EachChannelIsTheRoundedAverageOfFourTexels) {
  for (std::uint32_t width : {2u, 7u, 8u, 9u, 40u, 41u}) {
    const Plane source = makePlane(width, 6, 4, width);
    const engine::PlaneLevel src{const_cast<std::byte*>(source.bytes.data()), width, 6, source.stride};
    Level out = makeLevel(width / 2, 3, 4);
    engine::downsampleLevel(src, out.level, engine::SampleLayout{4, 1});
    for (std::uint32_t y = 0; y < 3; ++y)
      for (std::uint32_t x = 0; x < width / 2; ++x)
        for (int c = 0; c < 4; ++c) {
          const unsigned sum = source.at(2 * x, 2 * y, c, 4) + source.at(2 * x + 1, 2 * y, c, 4) +
                               source.at(2 * x, 2 * y + 1, c, 4) + source.at(2 * x + 1, 2 * y + 1, c, 4);
          ASSERT_EQ(texel(out.level, x, y, c), (sum + 2) / 4) << "width " << width << " at " << x << "," << y;
        }
  }
}

// The angle between the rays through neighbouring pixel centres, the larger of across and
// down, at every pixel: what the shader's screen-space gradients measure.
engine::AnglePerPixel bruteForce(const engine::Fov& fov, std::uint32_t width, std::uint32_t height) {
  const double l = std::tan(fov.angleLeft), r = std::tan(fov.angleRight);
  const double d = std::tan(fov.angleDown), u = std::tan(fov.angleUp);
  auto ray = [&](double px, double py) {
    const double x = l + (r - l) * px / width, y = d + (u - d) * py / height;
    const double n = std::sqrt(1 + x * x + y * y);
    return std::array<double, 3>{x / n, y / n, -1 / n};
  };
  auto angle = [](const std::array<double, 3>& a, const std::array<double, 3>& b) {
    return std::acos(std::min(1.0, a[0] * b[0] + a[1] * b[1] + a[2] * b[2]));
  };
  engine::AnglePerPixel span{0, 1e9};
  for (std::uint32_t j = 0; j < height; ++j)
    for (std::uint32_t i = 0; i < width; ++i) {
      const auto here = ray(i + 0.5, j + 0.5);
      const double footprint = std::max(angle(here, ray(i + 1.5, j + 0.5)), angle(here, ray(i + 0.5, j + 1.5)));
      span.most = std::max(span.most, footprint);
      span.fewest = std::min(span.fewest, footprint);
    }
  return span;
}

TEST(PinholeAnglePerPixel, BoundsThePixelFootprintsOfTheView) {
  const std::vector<engine::Fov> fovs = {engine::symmetricFov(90, 90), engine::symmetricFov(100, 60),
                                         engine::Fov{-0.9f, 0.7f, 0.8f, -0.75f}, engine::symmetricFov(30, 20)};
  for (const engine::Fov& fov : fovs) {
    const engine::AnglePerPixel estimate = engine::pinholeAnglePerPixel(fov, 120, 90);
    const engine::AnglePerPixel truth = bruteForce(fov, 120, 90);
    EXPECT_GE(estimate.most, truth.most * 0.999);
    EXPECT_LE(estimate.most, truth.most * 1.05);  // an upper bound, but not a loose one
    EXPECT_LE(estimate.fewest, truth.fewest * 1.001);
    EXPECT_GE(estimate.fewest, truth.fewest * 0.95);  // the corners' half pixel
  }
}

}  // namespace
}  // namespace ps::test

namespace ps::test {
namespace {

struct RegionCase {
  engine::V360Camera camera;
  bool halfSphere;
  bool wholeWidth;  // the view takes every column (a pole inside it, or wider than the source)
};

void PrintTo(const RegionCase& c, std::ostream* os) {
  *os << "yaw " << c.camera.yawDeg << " pitch " << c.camera.pitchDeg << " roll " << c.camera.rollDeg << " fov "
      << c.camera.hFovDeg << "x" << c.camera.vFovDeg << (c.halfSphere ? " 180" : " 360");
}

class PinholeUvRegion : public ::testing::TestWithParam<RegionCase> {};

// Every pixel's ray of a 96x96 view, mapped to the picture as the shader maps it, lies in the
// region; and the region is not everything unless it must be.
TEST_P(PinholeUvRegion, HoldsEveryRayOfTheView) {
  const RegionCase param = GetParam();
  const engine::View view = engine::viewFromV360(param.camera);
  const glm::mat3 rotation = glm::mat3_cast(glm::normalize(view.orientation));
  const engine::UvRegion region = engine::pinholeUvRegion(rotation, view.fov, param.halfSphere);
  const double span = param.halfSphere ? M_PI : 2 * M_PI;
  const double l = std::tan(view.fov.angleLeft), r = std::tan(view.fov.angleRight);
  const double d = std::tan(view.fov.angleDown), u = std::tan(view.fov.angleUp);
  constexpr int kSize = 96;
  for (int j = 0; j <= kSize; ++j) {
    for (int i = 0; i <= kSize; ++i) {
      const glm::vec3 ray = rotation * glm::vec3(static_cast<float>(l + (r - l) * i / kSize),
                                                 static_cast<float>(d + (u - d) * j / kSize), -1.0f);
      const double longitude = std::atan2(ray.x, -ray.z);
      const double latitude = std::atan2(ray.y, std::hypot(ray.x, ray.z));
      const double v = 0.5 - latitude / M_PI;
      ASSERT_GE(v, region.vStart) << i << "," << j;
      ASSERT_LE(v, region.vEnd) << i << "," << j;
      if (param.halfSphere && std::abs(longitude) > M_PI / 2) continue;  // drawn black, not sampled
      const double uu = longitude / span + 0.5;
      const double offset = uu - region.uStart - std::floor(uu - region.uStart);  // wrapped into [0, 1)
      ASSERT_LE(offset, region.uSpan) << i << "," << j << " u " << uu;
    }
  }
  if (param.wholeWidth) {
    EXPECT_GE(region.uSpan, 1.0);
  } else {
    EXPECT_LT(region.uSpan, 0.6);
    EXPECT_LT(region.vEnd - region.vStart, 0.8);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Views, PinholeUvRegion,
    ::testing::Values(RegionCase{{30, 10, 0, 90, 90}, false, false},     // the playback benchmark's view
                      RegionCase{{178, -5, 20, 60, 45}, false, false},   // across the seam, rolled
                      RegionCase{{-120, 60, 0, 50, 40}, false, false},   // high, the pole just outside
                      RegionCase{{10, 85, 0, 40, 40}, false, true},      // the north pole inside
                      RegionCase{{-70, -88, 45, 30, 30}, false, true},   // the south pole inside
                      RegionCase{{40, 0, 0, 50, 50}, true, false},       // 180, inside the hemisphere
                      RegionCase{{90, 0, 0, 60, 60}, true, true}));      // 180, across its edge

}  // namespace
}  // namespace ps::test
