#include "splat_test_files.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <stdexcept>

namespace ps::test {

scenes::SplatCloud makeSplatCloud(std::size_t count, int degree, unsigned seed) {
  std::mt19937 rng(seed);
  auto uniform = [&](float a, float b) { return std::uniform_real_distribution<float>(a, b)(rng); };
  scenes::SplatCloud c;
  c.resize(count, degree);
  for (std::size_t i = 0; i < count; ++i) {
    c.positions[i] = {uniform(-2.0f, 2.0f), uniform(-1.0f, 1.5f), uniform(-3.0f, 0.5f)};
    c.scales[i] = {uniform(0.01f, 0.4f), uniform(0.01f, 0.4f), uniform(0.002f, 0.2f)};
    c.rotations[i] = glm::normalize(glm::quat(uniform(-1, 1), uniform(-1, 1), uniform(-1, 1), uniform(-1, 1)));
    c.opacities[i] = uniform(0.05f, 0.95f);
    c.baseColors[i] = {uniform(0.05f, 0.95f), uniform(0.05f, 0.95f), uniform(0.05f, 0.95f)};
  }
  for (auto& s : c.sh) s = uniform(-0.45f, 0.45f);
  return c;
}

void putFloat(std::string& out, float v) {
  char b[4];
  std::memcpy(b, &v, 4);
  out.append(b, 4);
}

void putU32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xffu));
}

namespace {

std::uint32_t quantise(float v, float lo, float hi, int bits) {
  const float t = hi > lo ? (v - lo) / (hi - lo) : 0.0f;
  const float m = float((1u << bits) - 1u);
  return static_cast<std::uint32_t>(std::clamp(std::round(t * m), 0.0f, m));
}

}  // namespace

std::string compressedPlyBytes(const scenes::SplatCloud& cloud) {
  const std::size_t n = cloud.size(), chunks = (n + 255) / 256;
  const std::size_t rest = scenes::shRestPerChannel(cloud.shDegree);
  std::string out = "ply\nformat binary_little_endian 1.0\ncomment made by the PerfectShot tests\nelement chunk " +
                    std::to_string(chunks) + "\n";
  for (const char* p : {"min_x", "min_y", "min_z", "max_x", "max_y", "max_z", "min_scale_x", "min_scale_y",
                        "min_scale_z", "max_scale_x", "max_scale_y", "max_scale_z", "min_r", "min_g", "min_b", "max_r",
                        "max_g", "max_b"})
    out += std::string("property float ") + p + "\n";
  out += "element vertex " + std::to_string(n) + "\n";
  for (const char* p : {"packed_position", "packed_rotation", "packed_scale", "packed_color"})
    out += std::string("property uint ") + p + "\n";
  if (rest > 0) {
    out += "element sh " + std::to_string(n) + "\n";
    for (std::size_t k = 0; k < rest * 3; ++k) out += "property uchar f_rest_" + std::to_string(k) + "\n";
  }
  out += "end_header\n";
  std::vector<float> bounds(chunks * 18);
  for (std::size_t c = 0; c < chunks; ++c) {
    float* b = &bounds[c * 18];
    for (int k = 0; k < 3; ++k) b[k] = b[6 + k] = b[12 + k] = 1e30f, b[3 + k] = b[9 + k] = b[15 + k] = -1e30f;
    for (std::size_t i = c * 256; i < std::min(n, c * 256 + 256); ++i)
      for (int k = 0; k < 3; ++k) {
        const float v[3] = {cloud.positions[i][k], std::log(cloud.scales[i][k]), cloud.baseColors[i][k]};
        for (int a = 0; a < 3; ++a) b[a * 6 + k] = std::min(b[a * 6 + k], v[a]), b[a * 6 + 3 + k] = std::max(b[a * 6 + 3 + k], v[a]);
      }
    for (int k = 0; k < 18; ++k) putFloat(out, b[k]);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const float* b = &bounds[(i / 256) * 18];
    auto pack111011 = [&](const float v[3], const float* lo, const float* hi) {
      return (quantise(v[0], lo[0], hi[0], 11) << 21) | (quantise(v[1], lo[1], hi[1], 10) << 11) |
             quantise(v[2], lo[2], hi[2], 11);
    };
    const float p[3] = {cloud.positions[i].x, cloud.positions[i].y, cloud.positions[i].z};
    const float s[3] = {std::log(cloud.scales[i].x), std::log(cloud.scales[i].y), std::log(cloud.scales[i].z)};
    const glm::quat& q = cloud.rotations[i];
    float r[4] = {q.w, q.x, q.y, q.z};
    int largest = 0;
    for (int k = 1; k < 4; ++k)
      if (std::fabs(r[k]) > std::fabs(r[largest])) largest = k;
    if (r[largest] < 0)
      for (float& v : r) v = -v;
    std::uint32_t rot = std::uint32_t(largest);
    const float norm = std::sqrt(2.0f) * 0.5f;
    for (int k = 0; k < 4; ++k)
      if (k != largest) rot = (rot << 10) | quantise(r[k] * norm + 0.5f, 0.0f, 1.0f, 10);
    std::uint32_t colour = 0;
    for (int k = 0; k < 3; ++k) colour |= quantise(cloud.baseColors[i][k], b[12 + k], b[15 + k], 8) << (24 - 8 * k);
    colour |= quantise(cloud.opacities[i], 0.0f, 1.0f, 8);
    putU32(out, pack111011(p, b, b + 3));
    putU32(out, rot);
    putU32(out, pack111011(s, b + 6, b + 9));
    putU32(out, colour);
  }
  for (std::size_t i = 0; i < n && rest > 0; ++i)
    for (std::size_t ch = 0; ch < 3; ++ch)
      for (std::size_t k = 0; k < rest; ++k) {
        const float v = cloud.sh[(i * rest + k) * 3 + ch] / 8.0f + 0.5f;
        out.push_back(static_cast<char>(static_cast<std::uint8_t>(std::clamp(std::trunc(v * 256.0f), 0.0f, 255.0f))));
      }
  return out;
}

std::string plyHeader(std::size_t count, const std::vector<std::string>& properties, const std::string& format) {
  std::string h = "ply\nformat " + format + " 1.0\nelement vertex " + std::to_string(count) + "\n";
  for (const auto& p : properties) h += "property " + p + "\n";
  return h + "end_header\n";
}

std::string gzip(const std::string& data) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2");
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  if (deflate(&z, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("deflate");
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  if (ZSTD_isError(n)) throw std::runtime_error("ZSTD_compress");
  out.resize(n);
  return out;
}

}  // namespace ps::test
