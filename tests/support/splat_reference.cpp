#include "splat_reference.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/mat2x2.hpp>
#include <glm/mat3x3.hpp>

namespace ps::test {
namespace {

// A splat as this eye sees it.
struct Projected {
  std::size_t index = 0;
  double t = 0.0;           // view depth of the centre
  glm::dvec2 centre{0.0};   // pixels
  double a = 0.0, b = 0.0, c = 0.0;  // inverse 2D covariance [[a, b], [b, c]]
  int radius = 0;           // pixels
  double opacity = 0.0;
  glm::dvec3 color{0.0};
};

glm::dmat3 rotationScale(const scenes::SplatCloud& cloud, std::size_t i) {
  const glm::quat& q = cloud.rotations[i];
  // Normalised again in double so that the float file's rounding does not scale the Gaussian.
  const glm::dquat dq = glm::normalize(glm::dquat(q.w, q.x, q.y, q.z));
  const glm::dmat3 r = glm::mat3_cast(dq);
  const glm::dvec3 s(cloud.scales[i]);
  return r * glm::dmat3(s.x, 0.0, 0.0, 0.0, s.y, 0.0, 0.0, 0.0, s.z);
}

double clampTan(double v, double lo, double hi) { return std::min(1.3 * hi, std::max(1.3 * lo, v)); }

}  // namespace

glm::dvec3 referenceSplatColor(const scenes::SplatCloud& cloud, std::size_t i, const glm::dvec3& dir) {
  // Real SH basis, constants and signs of the reference rasteriser (computeColorFromSH).
  constexpr double c1 = 0.4886025119029199;
  constexpr double c2[] = {1.0925484305920792, -1.0925484305920792, 0.31539156525252005, -1.0925484305920792,
                           0.5462742152960396};
  constexpr double c3[] = {-0.5900435899266435, 2.890611442640554, -0.4570457994644658, 0.3731763325901154,
                           -0.4570457994644658, 1.445305721320277, -0.5900435899266435};
  const int degree = cloud.shDegree;
  const std::size_t rest = scenes::shRestPerChannel(degree);
  const float* s = cloud.sh.data() + i * rest * 3;
  auto k = [&](std::size_t n) { return glm::dvec3(s[(n - 1) * 3], s[(n - 1) * 3 + 1], s[(n - 1) * 3 + 2]); };
  const double x = dir.x, y = dir.y, z = dir.z;
  glm::dvec3 c(cloud.baseColors[i]);
  if (degree >= 1) c += -c1 * y * k(1) + c1 * z * k(2) - c1 * x * k(3);
  if (degree >= 2) {
    const double xx = x * x, yy = y * y, zz = z * z;
    c += c2[0] * x * y * k(4) + c2[1] * y * z * k(5) + c2[2] * (2.0 * zz - xx - yy) * k(6) + c2[3] * x * z * k(7) +
         c2[4] * (xx - yy) * k(8);
    if (degree >= 3) {
      c += c3[0] * y * (3.0 * xx - yy) * k(9) + c3[1] * x * y * z * k(10) + c3[2] * y * (4.0 * zz - xx - yy) * k(11) +
           c3[3] * z * (2.0 * zz - 3.0 * xx - 3.0 * yy) * k(12) + c3[4] * x * (4.0 * zz - xx - yy) * k(13) +
           c3[5] * z * (xx - yy) * k(14) + c3[6] * x * (xx - 3.0 * yy) * k(15);
    }
  }
  return glm::max(c, glm::dvec3(0.0));
}

glm::dvec3 referenceProject(const ReferenceCamera& camera, const glm::dvec3& world) {
  const glm::dvec3 e(camera.worldToEye * glm::dvec4(world, 1.0));
  const double t = -e.z;
  const double tanX = e.x / t, tanY = e.y / t;
  return {(tanX - camera.tanLeft) / (camera.tanRight - camera.tanLeft) * camera.width,
          (camera.tanUp - tanY) / (camera.tanUp - camera.tanDown) * camera.height, t};
}

ReferenceCamera referenceLookAt(const glm::dvec3& eye, const glm::dvec3& target, double fovXDegrees, int width,
                                int height) {
  ReferenceCamera camera;
  camera.worldToEye = glm::lookAtRH(eye, target, glm::dvec3(0.0, 1.0, 0.0));
  const double tx = std::tan(glm::radians(fovXDegrees) * 0.5);
  const double ty = tx * height / width;
  camera.tanLeft = -tx;
  camera.tanRight = tx;
  camera.tanUp = ty;
  camera.tanDown = -ty;
  camera.width = width;
  camera.height = height;
  return camera;
}

ReferenceImage renderSplatsReference(const scenes::SplatCloud& cloud, const glm::dmat4& cloudToWorld,
                                     const ReferenceCamera& camera, glm::dvec3 background) {
  if (camera.width <= 0 || camera.height <= 0) throw std::invalid_argument("renderSplatsReference: empty image");
  if (!(camera.tanRight > camera.tanLeft) || !(camera.tanUp > camera.tanDown))
    throw std::invalid_argument("renderSplatsReference: the field of view is empty");
  if (const std::string why = cloud.check(); !why.empty())
    throw std::invalid_argument("renderSplatsReference: " + why);

  const glm::dmat4 cloudToEye = camera.worldToEye * cloudToWorld;
  const glm::dmat3 m(cloudToEye);
  const glm::dvec3 eyeInCloud(glm::inverse(cloudToWorld) * glm::inverse(camera.worldToEye) * glm::dvec4(0, 0, 0, 1));
  const double sx = camera.width / (camera.tanRight - camera.tanLeft);
  const double sy = camera.height / (camera.tanUp - camera.tanDown);

  std::vector<Projected> splats;
  splats.reserve(cloud.size());
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    const glm::dvec3 centre(cloud.positions[i]);
    const glm::dvec3 e(cloudToEye * glm::dvec4(centre, 1.0));
    const double t = -e.z;
    if (!(t > camera.nearM)) continue;
    const double tanX = e.x / t, tanY = e.y / t;
    const double tanXc = clampTan(tanX, camera.tanLeft, camera.tanRight);
    const double tanYc = clampTan(tanY, camera.tanDown, camera.tanUp);

    const glm::dmat3 rs = m * rotationScale(cloud, i);
    const glm::dmat3 sigma = rs * glm::transpose(rs);  // eye space
    // J as a 3x2 in glm's column-major terms: columns are J's rows.
    const glm::dvec3 j0(sx / t, 0.0, sx * tanXc / t);
    const glm::dvec3 j1(0.0, -sy / t, -sy * tanYc / t);
    const double cxx = glm::dot(j0, sigma * j0) + 0.3;
    const double cxy = glm::dot(j0, sigma * j1);
    const double cyy = glm::dot(j1, sigma * j1) + 0.3;
    const double det = cxx * cyy - cxy * cxy;
    if (!(det > 0.0)) continue;
    const double mid = 0.5 * (cxx + cyy);
    const double lambdaMax = mid + std::sqrt(std::max(0.0, mid * mid - det));

    Projected p;
    p.index = i;
    p.t = t;
    p.centre = {(tanX - camera.tanLeft) * sx, (camera.tanUp - tanY) * sy};
    p.a = cyy / det;
    p.b = -cxy / det;
    p.c = cxx / det;
    const double r = std::ceil(3.0 * std::sqrt(lambdaMax));
    // Beyond any image a test renders: the splat covers every pixel it can reach anyway.
    p.radius = static_cast<int>(std::min(r, 1.0e6));
    p.opacity = cloud.opacities[i];
    p.color = referenceSplatColor(cloud, i, glm::normalize(centre - eyeInCloud));
    splats.push_back(p);
  }
  std::stable_sort(splats.begin(), splats.end(), [](const Projected& x, const Projected& y) { return x.t < y.t; });

  const std::size_t pixels = static_cast<std::size_t>(camera.width) * static_cast<std::size_t>(camera.height);
  std::vector<double> transmittance(pixels, 1.0), weight(pixels, 0.0), weightedDepth(pixels, 0.0);
  std::vector<std::uint8_t> done(pixels, 0);
  ReferenceImage image;
  image.width = camera.width;
  image.height = camera.height;
  image.color.assign(pixels, glm::dvec3(0.0));

  for (const Projected& p : splats) {
    // Pixel centres within r of the projected centre: i + 0.5 in [cx - r, cx + r].
    const double r = p.radius;
    const double w1 = camera.width - 1.0, h1 = camera.height - 1.0;
    const int x0 = static_cast<int>(std::clamp(std::ceil(p.centre.x - r - 0.5), 0.0, w1 + 1.0));
    const int x1 = static_cast<int>(std::clamp(std::floor(p.centre.x + r - 0.5), -1.0, w1));
    const int y0 = static_cast<int>(std::clamp(std::ceil(p.centre.y - r - 0.5), 0.0, h1 + 1.0));
    const int y1 = static_cast<int>(std::clamp(std::floor(p.centre.y + r - 0.5), -1.0, h1));
    for (int y = y0; y <= y1; ++y) {
      for (int x = x0; x <= x1; ++x) {
        const std::size_t k = image.index(x, y);
        if (done[k]) continue;
        const double dx = x + 0.5 - p.centre.x, dy = y + 0.5 - p.centre.y;
        const double power = -0.5 * (p.a * dx * dx + 2.0 * p.b * dx * dy + p.c * dy * dy);
        const double alpha = std::min(0.99, p.opacity * std::exp(power));
        if (alpha < 1.0 / 255.0) continue;
        const double next = transmittance[k] * (1.0 - alpha);
        if (next < 1e-4) {
          done[k] = 1;
          continue;
        }
        const double w = alpha * transmittance[k];
        image.color[k] += w * p.color;
        weight[k] += w;
        weightedDepth[k] += w * p.t;
        transmittance[k] = next;
      }
    }
  }

  image.alpha.resize(pixels);
  image.depth.resize(pixels);
  for (std::size_t k = 0; k < pixels; ++k) {
    image.color[k] += transmittance[k] * background;
    image.alpha[k] = 1.0 - transmittance[k];
    image.depth[k] = weight[k] > 0.0 ? weightedDepth[k] / weight[k] : std::numeric_limits<double>::quiet_NaN();
  }
  return image;
}

Image toImage8(const ReferenceImage& image) {
  Image out;
  out.width = image.width;
  out.height = image.height;
  out.channels = 3;
  out.pixels.resize(image.color.size() * 3);
  for (std::size_t k = 0; k < image.color.size(); ++k)
    for (int c = 0; c < 3; ++c)
      out.pixels[k * 3 + static_cast<std::size_t>(c)] =
          static_cast<std::uint8_t>(std::lround(std::clamp(image.color[k][c], 0.0, 1.0) * 255.0));
  return out;
}

double psnr(const ReferenceImage& a, const ReferenceImage& b) {
  if (a.width != b.width || a.height != b.height || a.color.size() != b.color.size())
    throw std::runtime_error("psnr: image sizes differ");
  if (a.color.empty()) throw std::runtime_error("psnr: empty images");
  double sum = 0.0;
  for (std::size_t k = 0; k < a.color.size(); ++k)
    for (int c = 0; c < 3; ++c) {
      const double d = std::clamp(a.color[k][c], 0.0, 1.0) - std::clamp(b.color[k][c], 0.0, 1.0);
      sum += d * d;
    }
  const double mse = sum / static_cast<double>(a.color.size() * 3);
  if (mse == 0.0) return std::numeric_limits<double>::infinity();
  return 10.0 * std::log10(1.0 / mse);
}

}  // namespace ps::test
