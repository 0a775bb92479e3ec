// The INRIA 3DGS .ply body: one vertex row per splat, properties matched by name, values turned
// from what the trainer stores (logit, log, unnormalised quaternion, f_dc) into activated ones.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "splat_readers.h"

namespace ps::media::splat {
namespace {

struct Field {
  const PlyProperty* p = nullptr;
};

bool floatType(PlyType t) { return t == PlyType::Float32 || t == PlyType::Float64; }

}  // namespace

Result<int> shDegreeOfRestCount(std::size_t restCount) {
  for (int d = 0; d <= 3; ++d)
    if (restCount == scenes::shRestPerChannel(d) * 3) return d;
  for (int d = 4; d <= 16; ++d)
    if (restCount == scenes::shRestPerChannel(d) * 3)
      return Error{"", std::to_string(restCount) + " f_rest values mean spherical harmonics of degree " +
                           std::to_string(d) + "; PerfectShot reads degrees 0 to 3",
                   "re-export the capture with at most degree 3"};
  return Error{"", std::to_string(restCount) +
                       " f_rest values make no spherical-harmonics degree (0, 9, 24 or 45 are degrees 0 to 3)",
               ""};
}

Result<SplatFile> readInriaPly(std::span<const std::uint8_t> bytes, const PlyHeader& header, const std::string& name,
                               const SplatLimits& limits) {
  const PlyElement* v = header.find("vertex");
  if (!v) return fileError(name, std::nullopt, "the PLY has no vertex element, so no splats");
  if (v->count == 0) return fileError(name, v->firstByte, "the PLY holds no splats (element vertex 0)");
  if (v->count > limits.maxSplats)
    return fileError(name, std::nullopt, std::to_string(v->count) + " splats is over the limit of " +
                                             std::to_string(limits.maxSplats));

  auto need = [&](const std::string& prop, Field& f) -> std::optional<Error> {
    f.p = v->find(prop);
    if (!f.p)
      return fileError(name, std::nullopt,
                       "the vertex element has no property " + prop + " (an INRIA splat file needs x y z, f_dc_0..2, "
                       "opacity, scale_0..2 and rot_0..3)");
    if (!floatType(f.p->type))
      return fileError(name, std::nullopt, "property " + prop + " is " + plyTypeName(f.p->type) +
                                               "; the splat fields must be float or double");
    return std::nullopt;
  };
  Field pos[3], dc[3], opacity, scale[3], rot[4];
  const char* axis[3] = {"x", "y", "z"};
  for (int k = 0; k < 3; ++k) {
    if (auto e = need(axis[k], pos[k])) return *e;
    if (auto e = need("f_dc_" + std::to_string(k), dc[k])) return *e;
    if (auto e = need("scale_" + std::to_string(k), scale[k])) return *e;
  }
  for (int k = 0; k < 4; ++k)
    if (auto e = need("rot_" + std::to_string(k), rot[k])) return *e;
  if (auto e = need("opacity", opacity)) return *e;

  std::size_t restCount = 0;
  for (const auto& p : v->properties)
    if (p.name.rfind("f_rest_", 0) == 0) ++restCount;
  auto degree = shDegreeOfRestCount(restCount);
  if (!degree) return fileError(name, std::nullopt, degree.error().what + (degree.error().hint.empty() ? "" : " (" + degree.error().hint + ")"));
  std::vector<Field> rest(restCount);
  for (std::size_t k = 0; k < restCount; ++k)
    if (auto e = need("f_rest_" + std::to_string(k), rest[k])) return *e;

  SplatFile out;
  out.format = SplatFileFormat::InriaPly;
  auto& cloud = out.cloud;
  cloud.resize(v->count, *degree);
  const std::size_t perChannel = scenes::shRestPerChannel(*degree);
  const auto c0 = scenes::kShC0;
  for (std::uint64_t i = 0; i < v->count; ++i) {
    const std::uint8_t* row = bytes.data() + v->firstByte + i * v->stride;
    auto value = [&](const Field& f, double& x) -> std::optional<Error> {
      x = readPlyScalar(row + f.p->offset, f.p->type);
      if (!std::isfinite(x))
        return fileError(name, v->byteOf(i, *f.p), "splat " + std::to_string(i) + ": " + f.p->name + " is " +
                                                       (std::isnan(x) ? "NaN" : "infinite"));
      // A double beyond float's range has no float to become.
      if (std::fabs(x) > double(std::numeric_limits<float>::max()) / 4.0)
        return fileError(name, v->byteOf(i, *f.p), "splat " + std::to_string(i) + ": " + f.p->name + " = " +
                                                       std::to_string(x) + " is beyond what a float holds");
      return std::nullopt;
    };
    double x[4];
    for (int k = 0; k < 3; ++k)
      if (auto e = value(pos[k], x[k])) return *e;
    cloud.positions[i] = glm::vec3(float(x[0]), float(x[1]), float(x[2]));
    for (int k = 0; k < 3; ++k)
      if (auto e = value(dc[k], x[k])) return *e;
    cloud.baseColors[i] = glm::vec3(float(0.5 + c0 * x[0]), float(0.5 + c0 * x[1]), float(0.5 + c0 * x[2]));
    for (int k = 0; k < 3; ++k) {
      if (auto e = value(scale[k], x[k])) return *e;
      const double e = std::exp(x[k]);
      const float s = e < double(std::numeric_limits<float>::max()) ? static_cast<float>(e) : 0.0f;
      if (!(s > 0.0f) || !std::isfinite(s))
        return fileError(name, v->byteOf(i, *scale[k].p),
                         "splat " + std::to_string(i) + ": scale_" + std::to_string(k) + " = " + std::to_string(x[k]) +
                             " (a log) gives a scale no float can hold");
      cloud.scales[i][k] = s;
    }
    for (int k = 0; k < 4; ++k)
      if (auto e = value(rot[k], x[k])) return *e;
    const double len = std::sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2] + x[3] * x[3]);
    if (!(len > 1e-12) || !std::isfinite(len))
      return fileError(name, v->byteOf(i, *rot[0].p), "splat " + std::to_string(i) + ": rot_0..3 is a zero quaternion");
    cloud.rotations[i] = glm::quat(float(x[0] / len), float(x[1] / len), float(x[2] / len), float(x[3] / len));
    if (auto e = value(opacity, x[0])) return *e;
    cloud.opacities[i] = static_cast<float>(1.0 / (1.0 + std::exp(-x[0])));
    // INRIA's f_rest is channel-major (all of red, then green, then blue); the cloud keeps the
    // three channels of a coefficient together.
    for (std::size_t ch = 0; ch < 3; ++ch)
      for (std::size_t k = 0; k < perChannel; ++k) {
        if (auto e = value(rest[ch * perChannel + k], x[0])) return *e;
        cloud.sh[(i * perChannel + k) * 3 + ch] = static_cast<float>(x[0]);
      }
  }
  if (auto why = cloud.check(); !why.empty()) return fileError(name, std::nullopt, why);
  return out;
}

}  // namespace ps::media::splat
