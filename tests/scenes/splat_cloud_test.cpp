#include "scenes/splat_cloud.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace ps::scenes {
namespace {

TEST(SplatCloud, AFreshCloudOfEachDegreeChecksClean) {
  for (int degree = 0; degree <= kMaxShDegree; ++degree) {
    SplatCloud c;
    c.resize(5, degree);
    EXPECT_EQ(c.check(), "") << degree;
    EXPECT_EQ(c.sh.size(), 5u * shRestPerChannel(degree) * 3);
  }
  EXPECT_EQ(shRestPerChannel(3), 15u);
}

TEST(SplatCloud, CheckNamesTheSplatAndFieldAtFault) {
  SplatCloud c;
  c.resize(4, 1);
  c.scales[2].y = 0.0f;
  EXPECT_EQ(c.check(), "splat 2 scale is not a positive finite number");
  c.scales[2].y = 1.0f;
  c.rotations[3] = glm::quat(2.0f, 0.0f, 0.0f, 0.0f);
  EXPECT_EQ(c.check(), "splat 3 rotation is not a unit quaternion");
  c.rotations[3] = glm::quat(1.0f, 0.0f, 0.0f, 0.0f);
  c.sh[3 * 3 * 3 + 4] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_EQ(c.check(), "splat 3 spherical harmonic is not finite");
  c.sh.pop_back();
  EXPECT_NE(c.check().find("spherical-harmonics array holds"), std::string::npos);
  c.shDegree = 7;
  EXPECT_NE(c.check().find("degree 7"), std::string::npos);
}

TEST(SplatCloud, BoundsAndBytesCoverEverySplat) {
  SplatCloud c;
  c.resize(3, 0);
  c.positions = {{1, -2, 3}, {-1, 5, 0}, {0, 0, -4}};
  const auto b = c.bounds();
  EXPECT_EQ(b.min, glm::vec3(-1, -2, -4));
  EXPECT_EQ(b.max, glm::vec3(1, 5, 3));
  EXPECT_EQ(c.bytes(), 3u * (12 + 12 + 16 + 4 + 12));
}

TEST(SplatCloud, SortByImportancePutsWhatCoversMostFirstAndKeepsEachSplatWhole) {
  SplatCloud c;
  c.resize(4, 1);
  // Importance: opacity times the two largest axes' product.
  c.scales = {{0.01f, 0.01f, 0.01f}, {0.2f, 0.1f, 0.001f}, {0.05f, 0.05f, 0.05f}, {0.2f, 0.1f, 0.001f}};
  c.opacities = {1.0f, 0.5f, 1.0f, 1.0f};
  for (std::size_t i = 0; i < 4; ++i) {
    c.positions[i] = glm::vec3(static_cast<float>(i), 0, 0);
    c.sh[i * 9] = static_cast<float>(i);
  }
  sortByImportance(c);
  EXPECT_EQ(c.check(), "");
  // 3 (0.02), 1 (0.01: half as opaque), 2 (0.0025), 0 (0.0001).
  const float order[] = {3, 1, 2, 0};
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_EQ(c.positions[k].x, order[k]) << k;
    EXPECT_EQ(c.sh[k * 9], order[k]) << "the splat's harmonics move with it";
  }
  EXPECT_EQ(c.opacities[1], 0.5f);
}

TEST(SplatColor, DegreeOneFollowsTheViewDirectionWithTheReferenceSigns) {
  SplatCloud c;
  c.resize(1, 1);
  c.baseColors[0] = glm::vec3(0.5f);
  // Coefficient 1 pairs with -y, 2 with +z, 3 with -x (the reference basis).
  c.sh = {0.1f, 0, 0, 0, 0.2f, 0, 0, 0, 0.3f};
  const float c1 = 0.4886025119029199f;
  const auto up = splatColor(c, 0, {0, 1, 0});
  EXPECT_NEAR(up.r, 0.5f - c1 * 0.1f, 1e-6f);
  EXPECT_NEAR(up.g, 0.5f, 1e-6f);
  const auto fwd = splatColor(c, 0, {0, 0, 1});
  EXPECT_NEAR(fwd.g, 0.5f + c1 * 0.2f, 1e-6f);
  const auto side = splatColor(c, 0, {-1, 0, 0});
  EXPECT_NEAR(side.b, 0.5f + c1 * 0.3f, 1e-6f);
}

TEST(SplatColor, IsClampedBelowAtZeroOnly) {
  SplatCloud c;
  c.resize(1, 0);
  c.baseColors[0] = glm::vec3(-0.2f, 0.4f, 1.7f);
  EXPECT_EQ(splatColor(c, 0, {0, 0, 1}), glm::vec3(0.0f, 0.4f, 1.7f));
}

}  // namespace
}  // namespace ps::scenes
