#include <cmath>
#include <cstring>
#include <string>

#include "media/splat_files.h"
#include "scenes/atomic_file.h"

namespace ps::media {
namespace {

void putFloat(std::string& out, float v) {
  static_assert(sizeof(float) == 4);
  char b[4];
  std::memcpy(b, &v, 4);  // the project builds for little-endian hosts only, as the format is
  out.append(b, 4);
}

float logit(float p) {
  // Opacity 0 and 1 have no finite logit: files clamp them just inside.
  const float q = std::fmin(std::fmax(p, 1e-6f), 1.0f - 1e-6f);
  return std::log(q / (1.0f - q));
}

}  // namespace

std::string splatPlyBytes(const scenes::SplatCloud& cloud) {
  const std::size_t rest = scenes::shRestPerChannel(cloud.shDegree);
  std::string out = "ply\nformat binary_little_endian 1.0\nelement vertex " + std::to_string(cloud.size()) + "\n";
  for (const char* p : {"x", "y", "z", "nx", "ny", "nz", "f_dc_0", "f_dc_1", "f_dc_2"})
    out += std::string("property float ") + p + "\n";
  for (std::size_t k = 0; k < rest * 3; ++k) out += "property float f_rest_" + std::to_string(k) + "\n";
  for (const char* p : {"opacity", "scale_0", "scale_1", "scale_2", "rot_0", "rot_1", "rot_2", "rot_3"})
    out += std::string("property float ") + p + "\n";
  out += "end_header\n";
  out.reserve(out.size() + cloud.size() * (17 + rest * 3) * 4);
  const auto c0 = static_cast<float>(scenes::kShC0);
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    const auto& p = cloud.positions[i];
    for (float v : {p.x, p.y, p.z, 0.0f, 0.0f, 0.0f}) putFloat(out, v);
    const auto& c = cloud.baseColors[i];
    for (float v : {c.r, c.g, c.b}) putFloat(out, (v - 0.5f) / c0);
    // INRIA's f_rest is channel-major: every coefficient of red, then green, then blue.
    for (std::size_t ch = 0; ch < 3; ++ch)
      for (std::size_t k = 0; k < rest; ++k) putFloat(out, cloud.sh[(i * rest + k) * 3 + ch]);
    putFloat(out, logit(cloud.opacities[i]));
    const auto& s = cloud.scales[i];
    for (float v : {s.x, s.y, s.z}) putFloat(out, std::log(v));
    const auto& q = cloud.rotations[i];
    for (float v : {q.w, q.x, q.y, q.z}) putFloat(out, v);
  }
  return out;
}

Status writeSplatPly(const scenes::SplatCloud& cloud, const std::filesystem::path& file) {
  if (auto why = cloud.check(); !why.empty())
    return Error{file.string(), "cannot write this splat cloud: " + why, ""};
  return scenes::writeFileAtomically(file, splatPlyBytes(cloud));
}

}  // namespace ps::media
