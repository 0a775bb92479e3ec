// The CPU splat reference renderer against closed forms: one Gaussian's footprint and peak,
// compositing order, view-dependent colour, depth, the near plane and the early stop.
#include "splat_reference.h"

#include <cmath>
#include <random>

#include <glm/gtc/matrix_transform.hpp>
#include <gtest/gtest.h>

namespace ps::test {
namespace {

using scenes::SplatCloud;

// A camera at the origin looking down -z, `size` pixels square, tangents +-0.5: sx = sy = size.
ReferenceCamera axisCamera(int size) {
  ReferenceCamera camera;
  camera.tanLeft = camera.tanDown = -0.5;
  camera.tanRight = camera.tanUp = 0.5;
  camera.width = camera.height = size;
  return camera;
}

std::size_t addSplat(SplatCloud& cloud, glm::vec3 position, float sigma, float opacity, glm::vec3 color) {
  const std::size_t i = cloud.size();
  cloud.positions.push_back(position);
  cloud.scales.push_back(glm::vec3(sigma));
  cloud.rotations.emplace_back(1.0f, 0.0f, 0.0f, 0.0f);
  cloud.opacities.push_back(opacity);
  cloud.baseColors.push_back(color);
  cloud.sh.resize(cloud.sh.size() + scenes::shRestPerChannel(cloud.shDegree) * 3, 0.0f);
  return i;
}

TEST(SplatReference, OneIsotropicSplatIsTheGaussianOfItsProjectedSigma) {
  // 201 pixels over tangents +-0.5: the axis lands on pixel (100, 100)'s centre.
  const ReferenceCamera camera = axisCamera(201);
  SplatCloud cloud;
  const double t = 2.0, sigma = 0.02, opacity = 0.8;
  const glm::dvec3 color(0.2, 0.6, 0.9);
  addSplat(cloud, {0.0f, 0.0f, static_cast<float>(-t)}, static_cast<float>(sigma), static_cast<float>(opacity),
           glm::vec3(color));
  const ReferenceImage image = renderSplatsReference(cloud, glm::dmat4(1.0), camera, glm::dvec3(0.0));

  const double sigmaPx = sigma * 201.0 / t;         // sigma f / t
  const double variance = sigmaPx * sigmaPx + 0.3;  // with the dilation
  const int radius = static_cast<int>(std::ceil(3.0 * std::sqrt(variance)));
  EXPECT_NEAR(image.alpha[image.index(100, 100)], opacity, 1e-6);  // float storage of the inputs
  int drawn = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const double dx = x - 100, dy = y - 100;
      double expected = static_cast<float>(opacity) * std::exp(-(dx * dx + dy * dy) / (2.0 * variance));
      if (std::abs(dx) > radius || std::abs(dy) > radius || expected < 1.0 / 255.0) expected = 0.0;
      drawn += expected > 0.0;
      const std::size_t k = image.index(x, y);
      ASSERT_NEAR(image.alpha[k], expected, 1e-6) << "at " << x << ", " << y;
      ASSERT_NEAR(image.color[k].g, expected * 0.6, 1e-6) << "at " << x << ", " << y;
    }
  EXPECT_GT(drawn, 100);
  // One sigma out along x, the closed form to the last digit the float inputs allow.
  const double sigmaAlpha = image.alpha[image.index(102, 100)];
  EXPECT_NEAR(sigmaAlpha, 0.8 * std::exp(-4.0 / (2.0 * variance)), 1e-6);
}

TEST(SplatReference, RotatedAnisotropicSplatHasItsAxesInPixels) {
  const ReferenceCamera camera = axisCamera(201);
  SplatCloud cloud;
  addSplat(cloud, {0.0f, 0.0f, -2.0f}, 0.01f, 0.9f, glm::vec3(1.0f));
  cloud.scales[0] = {0.04f, 0.01f, 0.01f};
  // 90 degrees about z: the long axis stands vertical.
  cloud.rotations[0] = glm::angleAxis(glm::radians(90.0f), glm::vec3(0.0f, 0.0f, 1.0f));
  const ReferenceImage image = renderSplatsReference(cloud, glm::dmat4(1.0), camera, glm::dvec3(0.0));
  const double sx = 0.01 * 201.0 / 2.0, sy = 0.04 * 201.0 / 2.0;
  const double vx = sx * sx + 0.3, vy = sy * sy + 0.3;
  const double peak = image.alpha[image.index(100, 100)];
  EXPECT_NEAR(peak, 0.9, 1e-6);
  EXPECT_NEAR(image.alpha[image.index(101, 100)], peak * std::exp(-1.0 / (2.0 * vx)), 1e-6);
  EXPECT_NEAR(image.alpha[image.index(100, 106)], peak * std::exp(-36.0 / (2.0 * vy)), 1e-6);
  EXPECT_NEAR(image.alpha[image.index(100, 94)], peak * std::exp(-36.0 / (2.0 * vy)), 1e-6);
}

TEST(SplatReference, CloudPlacementScalesAndMovesTheSplat) {
  const ReferenceCamera camera = axisCamera(101);
  SplatCloud near, far;
  addSplat(near, {0.0f, 0.0f, -2.0f}, 0.02f, 0.7f, glm::vec3(0.5f));
  addSplat(far, {0.0f, 0.0f, -1.0f}, 0.01f, 0.7f, glm::vec3(0.5f));
  // Twice the size at twice the distance is the same picture.
  const ReferenceImage a = renderSplatsReference(near, glm::dmat4(1.0), camera, glm::dvec3(0.0));
  const ReferenceImage b = renderSplatsReference(far, glm::scale(glm::dmat4(1.0), glm::dvec3(2.0)), camera, glm::dvec3(0.0));
  for (std::size_t k = 0; k < a.alpha.size(); ++k) ASSERT_NEAR(a.alpha[k], b.alpha[k], 1e-9);
  EXPECT_GT(a.alpha[a.index(50, 50)], 0.5);
  // Moved right by a tenth of the view at t = 2: 0.1 * 101 pixels.
  const ReferenceImage moved =
      renderSplatsReference(near, glm::translate(glm::dmat4(1.0), glm::dvec3(0.2, 0.0, 0.0)), camera, glm::dvec3(0.0));
  const glm::dvec3 p = referenceProject(camera, {0.2, 0.0, -2.0});
  EXPECT_NEAR(p.x, 50.5 + 10.1, 1e-9);
  EXPECT_NEAR(p.z, 2.0, 1e-12);
  EXPECT_LT(moved.alpha[moved.index(50, 50)], 0.01);
  EXPECT_GT(moved.alpha[moved.index(60, 50)], 0.5);
}

TEST(SplatReference, OverlappingSplatsCompositeInDepthOrderWhateverTheirOrderInTheCloud) {
  const ReferenceCamera camera = axisCamera(21);
  const glm::dvec3 red(1.0, 0.0, 0.0), blue(0.0, 0.0, 1.0), background(0.0, 1.0, 0.0);
  SplatCloud frontFirst, backFirst, blueInFront;
  addSplat(frontFirst, {0.0f, 0.0f, -2.0f}, 0.5f, 0.6f, glm::vec3(red));
  addSplat(frontFirst, {0.0f, 0.0f, -3.0f}, 0.5f, 0.5f, glm::vec3(blue));
  addSplat(backFirst, {0.0f, 0.0f, -3.0f}, 0.5f, 0.5f, glm::vec3(blue));
  addSplat(backFirst, {0.0f, 0.0f, -2.0f}, 0.5f, 0.6f, glm::vec3(red));
  addSplat(blueInFront, {0.0f, 0.0f, -3.0f}, 0.5f, 0.6f, glm::vec3(red));
  addSplat(blueInFront, {0.0f, 0.0f, -2.0f}, 0.5f, 0.5f, glm::vec3(blue));
  const ReferenceImage a = renderSplatsReference(frontFirst, glm::dmat4(1.0), camera, background);
  const ReferenceImage b = renderSplatsReference(backFirst, glm::dmat4(1.0), camera, background);
  const ReferenceImage c = renderSplatsReference(blueInFront, glm::dmat4(1.0), camera, background);

  const std::size_t k = a.index(10, 10);
  // At the centre both Gaussians peak: alpha is the opacity.
  const double aRed = static_cast<double>(0.6f), aBlue = 0.5;
  const glm::dvec3 expected = aRed * red + (1.0 - aRed) * aBlue * blue + (1.0 - aRed) * (1.0 - aBlue) * background;
  for (int ch = 0; ch < 3; ++ch) EXPECT_NEAR(a.color[k][ch], expected[ch], 1e-6) << ch;
  EXPECT_NEAR(a.alpha[k], 1.0 - (1.0 - aRed) * (1.0 - aBlue), 1e-6);
  for (std::size_t i = 0; i < a.color.size(); ++i) {
    ASSERT_EQ(a.color[i], b.color[i]) << i;
    ASSERT_EQ(a.depth[i], b.depth[i]) << i;
  }
  // The same two with blue in front is another picture: blue dominates.
  EXPECT_GT(c.color[k].b, c.color[k].r);
  EXPECT_GT(a.color[k].r, a.color[k].b);
  // Depth: weighted by alpha_i T_i.
  const double wRed = aRed, wBlue = (1.0 - aRed) * aBlue;
  EXPECT_NEAR(a.depth[k], (wRed * 2.0 + wBlue * 3.0) / (wRed + wBlue), 1e-6);
}

TEST(SplatReference, ShDegreeOneColourFollowsTheViewDirection) {
  SplatCloud cloud;
  cloud.shDegree = 1;
  addSplat(cloud, {0.0f, 0.0f, -2.0f}, 0.05f, 0.9f, glm::vec3(0.5f));
  // Coefficient k = 1 (times -c1 y) in red, k = 2 (c1 z) in green, k = 3 (-c1 x) in blue.
  cloud.sh = {0.3f, 0.0f, 0.0f, 0.0f, 0.2f, 0.0f, 0.0f, 0.0f, 0.1f};
  constexpr double c1 = 0.4886025119029199;
  const glm::dvec3 base(0.5);

  struct View {
    glm::dvec3 eye, dir;
  };
  const View views[] = {{{0.0, 0.0, 0.0}, {0.0, 0.0, -1.0}},   // looking down -z
                        {{2.0, 0.0, -2.0}, {-1.0, 0.0, 0.0}},  // from +x
                        {{0.0, -2.0, -2.0}, {0.0, 1.0, 0.0}}}; // from below
  for (const View& v : views) {
    const glm::dvec3 expected = base + glm::dvec3(-c1 * v.dir.y * 0.3, c1 * v.dir.z * 0.2, -c1 * v.dir.x * 0.1);
    const glm::dvec3 got = referenceSplatColor(cloud, 0, v.dir);
    for (int ch = 0; ch < 3; ++ch) EXPECT_NEAR(got[ch], expected[ch], 1e-7) << ch;
    // And in a render: the centre pixel, over black, is alpha times that colour.
    ReferenceCamera camera = axisCamera(21);
    camera.worldToEye = glm::lookAtRH(v.eye, glm::dvec3(0.0, 0.0, -2.0),
                                      std::abs(v.dir.y) > 0.5 ? glm::dvec3(0.0, 0.0, -1.0) : glm::dvec3(0.0, 1.0, 0.0));
    const ReferenceImage image = renderSplatsReference(cloud, glm::dmat4(1.0), camera, glm::dvec3(0.0));
    const std::size_t k = image.index(10, 10);
    for (int ch = 0; ch < 3; ++ch) EXPECT_NEAR(image.color[k][ch], image.alpha[k] * expected[ch], 1e-6) << ch;
    EXPECT_NEAR(image.alpha[k], 0.9, 1e-6);
  }
  // The direction is taken in the cloud's space: turned 90 degrees about y, the cloud's +x
  // points down world -z, so looking down -z is looking along the cloud's +x.
  const glm::dmat4 turned = glm::rotate(glm::dmat4(1.0), glm::radians(90.0), glm::dvec3(0.0, 1.0, 0.0));
  SplatCloud atOrigin = cloud;
  atOrigin.positions[0] = {2.0f, 0.0f, 0.0f};  // turned to world (0, 0, -2)
  const ReferenceImage image = renderSplatsReference(atOrigin, turned, axisCamera(21), glm::dvec3(0.0));
  const std::size_t k = image.index(10, 10);
  const glm::dvec3 expected = base + glm::dvec3(0.0, 0.0, -c1 * 1.0 * 0.1);
  for (int ch = 0; ch < 3; ++ch) EXPECT_NEAR(image.color[k][ch], image.alpha[k] * expected[ch], 1e-6) << ch;
}

TEST(SplatReference, ShEvaluationAgreesWithTheScenesFloatForm) {
  SplatCloud cloud;
  cloud.shDegree = 3;
  addSplat(cloud, {0.0f, 0.0f, -2.0f}, 0.05f, 0.9f, glm::vec3(0.4f, 0.5f, 0.6f));
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> coef(-0.3f, 0.3f), axis(-1.0f, 1.0f);
  for (float& s : cloud.sh) s = coef(rng);
  for (int n = 0; n < 50; ++n) {
    const glm::vec3 dir = glm::normalize(glm::vec3(axis(rng), axis(rng), axis(rng)) + glm::vec3(0.0f, 0.0f, 1e-3f));
    const glm::dvec3 ours = referenceSplatColor(cloud, 0, glm::dvec3(dir));
    const glm::vec3 theirs = scenes::splatColor(cloud, 0, dir);
    for (int ch = 0; ch < 3; ++ch) ASSERT_NEAR(ours[ch], theirs[ch], 1e-5) << "direction " << n;
  }
}

TEST(SplatReference, DepthOfOneSplatIsItsViewDepthAndNanWhereNothingIsDrawn) {
  ReferenceCamera camera = axisCamera(41);
  // Seen from the side and off-centre: t is along the view axis, not the distance to the eye.
  camera.worldToEye = glm::translate(glm::dmat4(1.0), glm::dvec3(-0.3, 0.1, 0.0));
  SplatCloud cloud;
  addSplat(cloud, {0.5f, -0.2f, -2.5f}, 0.04f, 0.95f, glm::vec3(1.0f));
  const ReferenceImage image = renderSplatsReference(cloud, glm::dmat4(1.0), camera, glm::dvec3(0.0));
  int drawn = 0, empty = 0;
  for (std::size_t k = 0; k < image.depth.size(); ++k) {
    if (image.alpha[k] > 0.0) {
      ++drawn;
      ASSERT_NEAR(image.depth[k], 2.5, 1e-9);
    } else {
      ++empty;
      ASSERT_TRUE(std::isnan(image.depth[k]));
    }
  }
  EXPECT_GT(drawn, 4);
  EXPECT_GT(empty, 100);
}

TEST(SplatReference, SplatBehindTheNearPlaneContributesNothing) {
  const ReferenceCamera camera = axisCamera(31);  // nearM 0.05
  const glm::dvec3 background(0.1, 0.2, 0.3);
  for (const float z : {-0.04f, 0.5f, -0.0499f}) {
    SplatCloud cloud;
    addSplat(cloud, {0.0f, 0.0f, z}, 0.001f, 1.0f, glm::vec3(1.0f));
    const ReferenceImage image = renderSplatsReference(cloud, glm::dmat4(1.0), camera, background);
    for (std::size_t k = 0; k < image.color.size(); ++k) {
      ASSERT_EQ(image.alpha[k], 0.0) << "z " << z;
      ASSERT_EQ(image.color[k], background) << "z " << z;
    }
  }
  // Just in front of it, the same splat is drawn.
  SplatCloud cloud;
  addSplat(cloud, {0.0f, 0.0f, -0.06f}, 0.001f, 1.0f, glm::vec3(1.0f));
  const ReferenceImage image = renderSplatsReference(cloud, glm::dmat4(1.0), camera, background);
  EXPECT_GT(image.alpha[image.index(15, 15)], 0.9);
}

TEST(SplatReference, CompositingStopsBeforeTransmittanceFallsBelowTheLimit) {
  const ReferenceCamera camera = axisCamera(11);
  SplatCloud cloud;
  // Two near-opaque black splats leave T = 0.02^2 = 4e-4; a third would take it below 1e-4.
  addSplat(cloud, {0.0f, 0.0f, -1.0f}, 0.3f, 0.98f, glm::vec3(0.0f));
  addSplat(cloud, {0.0f, 0.0f, -1.5f}, 0.3f, 0.98f, glm::vec3(0.0f));
  addSplat(cloud, {0.0f, 0.0f, -2.0f}, 0.3f, 0.98f, glm::vec3(1.0f, 0.0f, 0.0f));
  addSplat(cloud, {0.0f, 0.0f, -3.0f}, 0.3f, 0.5f, glm::vec3(1.0f, 0.0f, 0.0f));
  const ReferenceImage image = renderSplatsReference(cloud, glm::dmat4(1.0), camera, glm::dvec3(0.0, 0.0, 1.0));
  const std::size_t k = image.index(5, 5);
  const double t = (1.0 - static_cast<double>(0.98f)) * (1.0 - static_cast<double>(0.98f));
  EXPECT_NEAR(image.alpha[k], 1.0 - t, 1e-12);
  EXPECT_EQ(image.color[k].r, 0.0);  // neither red splat was added
  EXPECT_NEAR(image.color[k].b, t, 1e-12);
  // Alpha is capped at 0.99: one splat of opacity 1 leaves 1%.
  SplatCloud opaque;
  addSplat(opaque, {0.0f, 0.0f, -1.0f}, 0.3f, 1.0f, glm::vec3(0.0f));
  EXPECT_NEAR(renderSplatsReference(opaque, glm::dmat4(1.0), camera, glm::dvec3(0.0)).alpha[k], 0.99, 1e-12);
}

TEST(SplatReference, JacobianUsesTheCentresTangentClampedToOnePointThreeTimesTheView) {
  // A wide splat whose centre lies outside the view at tanX = 1 (twice the right edge): its
  // Jacobian takes tanX as 1.3 * 0.5, while the centre itself projects where it is.
  const ReferenceCamera camera = axisCamera(101);
  SplatCloud cloud;
  const double t = 2.0, sigma = 0.5, opacity = 0.9;
  addSplat(cloud, {2.0f, 0.0f, -2.0f}, static_cast<float>(sigma), static_cast<float>(opacity), glm::vec3(1.0f));
  const ReferenceImage image = renderSplatsReference(cloud, glm::dmat4(1.0), camera, glm::dvec3(0.0));
  const glm::dvec3 centre = referenceProject(camera, {2.0, 0.0, -2.0});
  EXPECT_NEAR(centre.x, 151.5, 1e-9);
  const double f = 101.0 / t, clamped = 0.65;
  const double cxx = sigma * sigma * f * f * (1.0 + clamped * clamped) + 0.3;
  for (int x : {60, 80, 100}) {
    const double dx = x + 0.5 - centre.x;
    EXPECT_NEAR(image.alpha[image.index(x, 50)], static_cast<float>(opacity) * std::exp(-0.5 * dx * dx / cxx), 1e-6) << x;
  }
}

TEST(SplatReference, ViewsAcrossAndInsideACloudGiveFiniteImagesWithDepthInItsRange) {
  // A random cloud in the cube [-1, 1]^3, SH degree 3, seen from outside and from its middle.
  SplatCloud cloud;
  cloud.shDegree = 3;
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> unit(-1.0f, 1.0f), size(0.01f, 0.1f), opacity(0.05f, 1.0f);
  for (int i = 0; i < 1500; ++i) {
    const std::size_t k = addSplat(cloud, {unit(rng), unit(rng), unit(rng)}, 0.05f, opacity(rng),
                                   glm::vec3(unit(rng), unit(rng), unit(rng)) * 0.5f + 0.5f);
    cloud.scales[k] = {size(rng), size(rng), size(rng)};
    cloud.rotations[k] = glm::normalize(glm::quat(unit(rng), unit(rng), unit(rng), unit(rng)) + glm::quat(1e-3f, 0, 0, 0));
  }
  for (float& v : cloud.sh) v = unit(rng) * 0.2f;
  ASSERT_EQ(cloud.check(), "");
  const ReferenceCamera views[] = {referenceLookAt({0.5, 0.8, 3.5}, {0.0, 0.0, 0.0}, 60.0, 96, 64),
                                   referenceLookAt({0.0, 0.0, 0.0}, {1.0, 0.2, -1.0}, 100.0, 96, 64)};
  for (const ReferenceCamera& camera : views) {
    double nearest = 1e9, farthest = 0.0;
    for (const glm::vec3& p : cloud.positions) {
      const double t = referenceProject(camera, glm::dvec3(p)).z;
      if (t > camera.nearM) {
        nearest = std::min(nearest, t);
        farthest = std::max(farthest, t);
      }
    }
    const ReferenceImage image = renderSplatsReference(cloud, glm::dmat4(1.0), camera, glm::dvec3(0.2));
    int drawn = 0;
    for (std::size_t k = 0; k < image.color.size(); ++k) {
      for (int ch = 0; ch < 3; ++ch) ASSERT_TRUE(std::isfinite(image.color[k][ch]) && image.color[k][ch] >= 0.0);
      ASSERT_GE(image.alpha[k], 0.0);
      ASSERT_LE(image.alpha[k], 1.0 - 1e-4);  // compositing stops before T < 1e-4
      if (image.alpha[k] > 0.0) {
        ++drawn;
        ASSERT_GE(image.depth[k], nearest - 1e-9);
        ASSERT_LE(image.depth[k], farthest + 1e-9);
      }
    }
    EXPECT_GT(drawn, static_cast<int>(image.color.size()) / 2);
  }
}

TEST(SplatReference, PsnrOfReferenceImages) {
  ReferenceImage a;
  a.width = 2;
  a.height = 1;
  a.color = {glm::dvec3(0.5), glm::dvec3(1.5)};
  ReferenceImage b = a;
  EXPECT_TRUE(std::isinf(psnr(a, b)));
  b.color[1] = glm::dvec3(0.9);  // clamped: 1 against 0.9
  EXPECT_NEAR(psnr(a, b), 10.0 * std::log10(1.0 / (0.01 / 2.0)), 1e-9);
  const Image eight = toImage8(a);
  EXPECT_EQ(eight.at(0, 0, 0), 128);
  EXPECT_EQ(eight.at(1, 0, 2), 255);
  b.width = 1;
  EXPECT_THROW((void)psnr(a, b), std::runtime_error);
}

}  // namespace
}  // namespace ps::test
