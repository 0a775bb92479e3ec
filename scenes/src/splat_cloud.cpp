#include "scenes/splat_cloud.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace ps::scenes {
namespace {

bool finite(const glm::vec3& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

std::string at(std::size_t i, const char* field) { return "splat " + std::to_string(i) + " " + field; }

}  // namespace

void SplatCloud::resize(std::size_t count, int degree) {
  shDegree = degree;
  positions.assign(count, glm::vec3(0.0f));
  scales.assign(count, glm::vec3(1.0f));
  rotations.assign(count, glm::quat(1.0f, 0.0f, 0.0f, 0.0f));
  opacities.assign(count, 1.0f);
  baseColors.assign(count, glm::vec3(0.5f));
  sh.assign(count * shRestPerChannel(degree) * 3, 0.0f);
}

std::string SplatCloud::check() const {
  if (shDegree < 0 || shDegree > kMaxShDegree)
    return "spherical-harmonics degree " + std::to_string(shDegree) + " is outside 0..3";
  const std::size_t n = size();
  if (scales.size() != n || rotations.size() != n || opacities.size() != n || baseColors.size() != n)
    return "the per-splat arrays disagree in length";
  if (sh.size() != n * shRestPerChannel(shDegree) * 3)
    return "the spherical-harmonics array holds " + std::to_string(sh.size()) + " values, not " +
           std::to_string(n * shRestPerChannel(shDegree) * 3);
  for (std::size_t i = 0; i < n; ++i) {
    if (!finite(positions[i])) return at(i, "position is not finite");
    if (!finite(scales[i]) || !(scales[i].x > 0.0f && scales[i].y > 0.0f && scales[i].z > 0.0f))
      return at(i, "scale is not a positive finite number");
    const glm::quat& q = rotations[i];
    const float len2 = q.w * q.w + q.x * q.x + q.y * q.y + q.z * q.z;
    if (!std::isfinite(len2) || std::abs(len2 - 1.0f) > 2e-3f) return at(i, "rotation is not a unit quaternion");
    if (!(opacities[i] >= 0.0f && opacities[i] <= 1.0f)) return at(i, "opacity is outside [0, 1]");
    if (!finite(baseColors[i])) return at(i, "colour is not finite");
  }
  for (std::size_t k = 0; k < sh.size(); ++k)
    if (!std::isfinite(sh[k])) return at(k / (shRestPerChannel(shDegree) * 3), "spherical harmonic is not finite");
  return {};
}

SplatBounds SplatCloud::bounds() const {
  SplatBounds b;
  if (positions.empty()) return b;
  b.min = b.max = positions.front();
  for (const auto& p : positions) {
    b.min = glm::min(b.min, p);
    b.max = glm::max(b.max, p);
  }
  return b;
}

std::size_t SplatCloud::bytes() const {
  return positions.size() * sizeof(glm::vec3) + scales.size() * sizeof(glm::vec3) +
         rotations.size() * sizeof(glm::quat) + opacities.size() * sizeof(float) +
         baseColors.size() * sizeof(glm::vec3) + sh.size() * sizeof(float);
}

void sortByImportance(SplatCloud& cloud) {
  const std::size_t n = cloud.size();
  std::vector<float> importance(n);
  for (std::size_t i = 0; i < n; ++i) {
    glm::vec3 s = cloud.scales[i];
    // The two largest axes' product: all three's over the smallest.
    const float smallest = std::min({s.x, s.y, s.z});
    const float area = (s.x * s.y * s.z) / smallest;
    importance[i] = cloud.opacities[i] * area;
  }
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return importance[a] > importance[b]; });
  const std::size_t rest = shRestPerChannel(cloud.shDegree) * 3;
  SplatCloud sorted;
  sorted.resize(n, cloud.shDegree);
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = order[k];
    sorted.positions[k] = cloud.positions[i];
    sorted.scales[k] = cloud.scales[i];
    sorted.rotations[k] = cloud.rotations[i];
    sorted.opacities[k] = cloud.opacities[i];
    sorted.baseColors[k] = cloud.baseColors[i];
    std::copy_n(cloud.sh.begin() + static_cast<std::ptrdiff_t>(i * rest), rest, sorted.sh.begin() + static_cast<std::ptrdiff_t>(k * rest));
  }
  cloud = std::move(sorted);
}

glm::vec3 splatColor(const SplatCloud& cloud, std::size_t i, const glm::vec3& dir) {
  // Real SH basis with the reference rasteriser's constants and signs.
  constexpr float c1 = 0.4886025119029199f;
  constexpr float c2[] = {1.0925484305920792f, -1.0925484305920792f, 0.31539156525252005f, -1.0925484305920792f,
                          0.5462742152960396f};
  constexpr float c3[] = {-0.5900435899266435f, 2.890611442640554f, -0.4570457994644658f, 0.3731763325901154f,
                          -0.4570457994644658f, 1.445305721320277f, -0.5900435899266435f};
  glm::vec3 c = cloud.baseColors[i];
  const std::size_t rest = shRestPerChannel(cloud.shDegree);
  if (rest > 0) {
    const float* s = cloud.sh.data() + i * rest * 3;
    auto coef = [&](std::size_t k) { return glm::vec3(s[(k - 1) * 3], s[(k - 1) * 3 + 1], s[(k - 1) * 3 + 2]); };
    const float x = dir.x, y = dir.y, z = dir.z;
    c += -c1 * y * coef(1) + c1 * z * coef(2) - c1 * x * coef(3);
    if (cloud.shDegree > 1) {
      const float xx = x * x, yy = y * y, zz = z * z, xy = x * y, yz = y * z, xz = x * z;
      c += c2[0] * xy * coef(4) + c2[1] * yz * coef(5) + c2[2] * (2.0f * zz - xx - yy) * coef(6) +
           c2[3] * xz * coef(7) + c2[4] * (xx - yy) * coef(8);
      if (cloud.shDegree > 2) {
        c += c3[0] * y * (3.0f * xx - yy) * coef(9) + c3[1] * xy * z * coef(10) +
             c3[2] * y * (4.0f * zz - xx - yy) * coef(11) + c3[3] * z * (2.0f * zz - 3.0f * xx - 3.0f * yy) * coef(12) +
             c3[4] * x * (4.0f * zz - xx - yy) * coef(13) + c3[5] * z * (xx - yy) * coef(14) +
             c3[6] * x * (xx - 3.0f * yy) * coef(15);
      }
    }
  }
  return glm::max(c, glm::vec3(0.0f));
}

}  // namespace ps::scenes
