#include "scenes/splat_ray.h"

#include <memory>

#include <glm/gtc/matrix_transform.hpp>
#include <gtest/gtest.h>

namespace ps::scenes {
namespace {

std::shared_ptr<SplatCloud> cloudOf(std::initializer_list<std::pair<glm::vec3, float>> splats, float scale = 0.05f) {
  auto c = std::make_shared<SplatCloud>();
  c->resize(splats.size(), 0);
  std::size_t i = 0;
  for (const auto& [p, opacity] : splats) {
    c->positions[i] = p;
    c->opacities[i] = opacity;
    c->scales[i] = glm::vec3(scale);
    ++i;
  }
  return c;
}

TEST(SplatRay, AnOpaqueSplatOnTheRayIsHitAtItsCentre) {
  SplatRayTarget target(cloudOf({{{0, 0, -2}, 1.0f}}), glm::mat4(1.0f));
  const auto hit = target.nearestHit({0, 0, 0}, {0, 0, -1});
  ASSERT_TRUE(hit);
  EXPECT_NEAR(*hit, 2.0f, 1e-5f);
  EXPECT_FALSE(target.nearestHit({0, 0, 0}, {0, 0, 1})) << "behind the origin";
  EXPECT_FALSE(target.nearestHit({0.2f, 0, 0}, {0, 0, -1})) << "4 sigma to the side";
}

TEST(SplatRay, FaintSplatsGatherUntilHalfTheLightIsStopped) {
  // 0.3 alone stops 30 %; with a second 0.3 behind it, 51 %: the hit is at the second.
  SplatRayTarget one(cloudOf({{{0, 0, -2}, 0.3f}}), glm::mat4(1.0f));
  EXPECT_FALSE(one.nearestHit({0, 0, 0}, {0, 0, -1}));
  SplatRayTarget two(cloudOf({{{0, 0, -3}, 0.3f}, {{0, 0, -2}, 0.3f}}), glm::mat4(1.0f));
  const auto hit = two.nearestHit({0, 0, 0}, {0, 0, -1});
  ASSERT_TRUE(hit);
  EXPECT_NEAR(*hit, 3.0f, 1e-5f);
}

TEST(SplatRay, ARayPastTheCentreMeetsLessOpacity) {
  // One sigma off the centre the Gaussian gives exp(-1/2) of its opacity: 0.8 -> 0.485 < 0.5.
  SplatRayTarget target(cloudOf({{{0, 0, -2}, 0.8f}}), glm::mat4(1.0f));
  EXPECT_TRUE(target.nearestHit({0.04f, 0, 0}, {0, 0, -1}));
  EXPECT_FALSE(target.nearestHit({0.05f, 0, 0}, {0, 0, -1}));
}

TEST(SplatRay, AFlatSplatIsHitOnItsPlaneFromAnAngle) {
  auto c = cloudOf({{{0, 0, -2}, 1.0f}});
  c->scales[0] = glm::vec3(0.5f, 0.5f, 1e-4f);  // a disc facing +Z
  SplatRayTarget target(c, glm::mat4(1.0f));
  const glm::vec3 dir = glm::normalize(glm::vec3(0.1f, 0, -1));
  const auto hit = target.nearestHit({0, 0, 0}, dir);
  ASSERT_TRUE(hit);
  EXPECT_NEAR((*hit * dir).z, -2.0f, 1e-3f) << "the peak along the ray lies on the disc's plane";
}

TEST(SplatRay, ThePlacementMovesAndScalesTheCloud) {
  const glm::mat4 place = glm::scale(glm::translate(glm::mat4(1.0f), {1, 0, 0}), glm::vec3(2.0f));
  SplatRayTarget target(cloudOf({{{0, 0, -1}, 1.0f}}), place);
  const auto hit = target.nearestHit({1, 0, 0}, {0, 0, -1});
  ASSERT_TRUE(hit);
  EXPECT_NEAR(*hit, 2.0f, 1e-5f) << "stage distance, not the cloud's";
  EXPECT_FALSE(target.nearestHit({0, 0, 0}, {0, 0, -1}));
}

}  // namespace
}  // namespace ps::scenes
