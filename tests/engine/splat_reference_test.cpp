// The splat layer against the CPU reference renderer (tests/support/splat_reference.h: double
// precision, the published splatting equations, written apart from the shaders): on generated
// clouds of up to 4k splats, SH degree 0 and 3, seen from outside the cloud and from inside it,
// both eyes' pictures match the reference at 35 dB PSNR or better (encoded colour over black).
// Built only when the reference renderer is in the tree (tests/engine/CMakeLists.txt).
#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <glm/gtc/quaternion.hpp>

#include "engine/splat_layer.h"
#include "engine_test.h"
#include "mesh_test_rig.h"
#include "scenes/splat_cloud.h"
#include "splat_reference.h"

namespace ps::test {
namespace {

using engine::EyeCamera;

class SplatReferenceTest : public EngineTest {};

constexpr int kSize = 128;

// Splats in a ball of `radius` around the origin: sizes spread over a decade, random
// orientations, opacities and colours, SH coefficients up to `degree` of +-0.25.
std::shared_ptr<scenes::SplatCloud> generatedCloud(std::size_t count, int degree, float radius, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f), signedUnit(-1.0f, 1.0f);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  auto cloud = std::make_shared<scenes::SplatCloud>();
  cloud->resize(count, degree);
  for (std::size_t i = 0; i < count; ++i) {
    glm::vec3 p;
    do p = glm::vec3(signedUnit(random), signedUnit(random), signedUnit(random));
    while (glm::length(p) > 1.0f);
    cloud->positions[i] = p * radius;
    const float size = radius * 0.01f * std::pow(10.0f, unit(random));
    cloud->scales[i] = glm::vec3(size * (0.3f + unit(random)), size * (0.3f + unit(random)), size * 0.2f);
    cloud->rotations[i] =
        glm::normalize(glm::quat(normal(random), normal(random), normal(random), normal(random)));
    cloud->opacities[i] = 0.1f + 0.85f * unit(random);
    cloud->baseColors[i] = glm::vec3(unit(random), unit(random), unit(random));
  }
  for (float& c : cloud->sh) c = 0.25f * signedUnit(random);
  EXPECT_EQ(cloud->check(), "");
  return cloud;
}

ReferenceCamera referenceOf(const EyeCamera& camera) {
  ReferenceCamera r;
  r.worldToEye = glm::dmat4(camera.viewMatrix());
  // Signed as EyeCamera::tanFov: left and down negative for a centred view.
  const glm::dvec4 tan = glm::dvec4(camera.tanFov());
  r.tanLeft = tan.x;
  r.tanRight = tan.y;
  r.tanUp = tan.z;
  r.tanDown = tan.w;
  r.width = kSize;
  r.height = kSize;
  r.nearM = camera.nearM();
  return r;
}

// Over the whole picture, or (footprintOnly) over the pixels the reference's splats touch, so
// that a black background cannot dilute the error.
double psnr(const engine::RgbaImage& gpu, const ReferenceImage& reference, bool footprintOnly = false) {
  double squared = 0.0;
  std::size_t counted = 0;
  for (std::size_t i = 0; i < reference.color.size(); ++i) {
    if (footprintOnly && !(reference.alpha[i] > 1.0 / 255.0)) continue;
    ++counted;
    for (int c = 0; c < 3; ++c) {
      const double expected = std::clamp(reference.color[i][c], 0.0, 1.0);
      const double got = gpu.pixels[i * 4 + static_cast<std::size_t>(c)] / 255.0;
      squared += (got - expected) * (got - expected);
    }
  }
  const double mse = squared / (3.0 * static_cast<double>(std::max<std::size_t>(counted, 1)));
  return mse <= 0.0 ? 99.0 : 10.0 * std::log10(1.0 / mse);
}

EyeCamera eyeLookingAt(glm::vec3 position, glm::vec3 target) {
  engine::View view;
  view.position = position;
  const glm::vec3 forward = glm::normalize(target - position);
  view.orientation = glm::quatLookAt(forward, glm::vec3(0.0f, 1.0f, 0.0f));
  view.fov = engine::symmetricFov(90.0f, 90.0f);
  return EyeCamera(view);
}

void expectMatches(engine::Device& device, const std::shared_ptr<scenes::SplatCloud>& cloud, glm::vec3 head,
                   glm::vec3 target, const std::string& what) {
  MeshRig rig(device, kSize, kSize);
  engine::SplatLayer layer(device);
  layer.add(cloud);
  // Eyes 64 mm apart along the head's right axis.
  const glm::vec3 right = glm::normalize(glm::cross(target - head, glm::vec3(0.0f, 1.0f, 0.0f)));
  const EyeCamera eyes[] = {eyeLookingAt(head - 0.032f * right, target - 0.032f * right),
                            eyeLookingAt(head + 0.032f * right, target + 0.032f * right)};
  engine::Layer* layers[] = {&layer};
  const auto pictures = rig.render(layers, eyes);
  for (std::size_t e = 0; e < 2; ++e) {
    const ReferenceImage reference =
        renderSplatsReference(*cloud, glm::dmat4(1.0), referenceOf(eyes[e]), glm::dvec3(0.0));
    ASSERT_EQ(reference.color.size(), static_cast<std::size_t>(kSize) * kSize);
    // A comparison of two empty pictures proves nothing: the cloud must fill much of the view.
    const auto covered = std::count_if(reference.alpha.begin(), reference.alpha.end(), [](double a) { return a > 0.5; });
    EXPECT_GT(static_cast<double>(covered), 0.05 * static_cast<double>(reference.alpha.size())) << what << ", eye " << e;
    const double db = psnr(pictures[e].color, reference);
    EXPECT_GE(db, 35.0) << what << ", eye " << e;
    const double footprintDb = psnr(pictures[e].color, reference, true);
    EXPECT_GE(footprintDb, 35.0) << what << ", eye " << e << ", over the splats' footprint alone";
    ::testing::Test::RecordProperty(what + " eye " + std::to_string(e) + " dB", std::to_string(db));
  }
}

TEST_F(SplatReferenceTest, ACloudSeenFromOutsideMatchesTheReferenceInBothEyesShDegree0) {
  expectMatches(device(), generatedCloud(4000, 0, 0.5f, 11), {0.3f, 0.2f, 1.6f}, glm::vec3(0.0f), "outside, SH 0");
}

TEST_F(SplatReferenceTest, ACloudSeenFromOutsideMatchesTheReferenceInBothEyesShDegree3) {
  expectMatches(device(), generatedCloud(3000, 3, 0.5f, 12), {-0.4f, 0.1f, 1.5f}, glm::vec3(0.0f), "outside, SH 3");
}

TEST_F(SplatReferenceTest, ACloudSeenFromInsideMatchesTheReferenceInBothEyes) {
  expectMatches(device(), generatedCloud(2000, 3, 2.0f, 13), glm::vec3(0.0f), {0.0f, 0.0f, -1.0f}, "inside, SH 3");
}

}  // namespace
}  // namespace ps::test
