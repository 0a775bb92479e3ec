#include "spz_body.h"

#include <algorithm>
#include <cmath>

namespace ps::media::splat {
namespace {

// f_dc is stored as 0.5 + 0.15 f_dc in a byte, wider than C0 so that colours a little outside
// [0, 1] survive.
constexpr float kColourScale = 0.15f;
constexpr float kSqrt1_2 = 0.70710678118654752f;

std::uint8_t toByte(float x) { return static_cast<std::uint8_t>(std::clamp(std::round(x), 0.0f, 255.0f)); }

// SPZ keeps quaternions as x y z w; glm's are w x y z.
float component(const glm::quat& q, int i) { return i == 0 ? q.x : i == 1 ? q.y : i == 2 ? q.z : q.w; }

// The SH byte, rounded to the bits the reference writer keeps (5 for degree 1, 4 above):
// fewer distinct values compress better and cost little.
std::uint8_t shByte(float x, int bits) {
  const int bucket = 1 << (8 - bits);
  int q = static_cast<int>(std::round(std::clamp(x, -2.0f, 2.0f) * 128.0f) + 128.0f);
  q = (q + bucket / 2) / bucket * bucket;
  return static_cast<std::uint8_t>(std::clamp(q, 0, 255));
}

}  // namespace

std::array<std::uint64_t, kSpzStreams> spzStreamSizes(const SpzHeader& h) {
  const std::uint64_t n = h.count;
  return {n * 9, n, n * 3, n * 3, n * (h.version >= 3 ? 4u : 3u), n * scenes::shRestPerChannel(h.shDegree) * 3};
}

scenes::SplatCloud decodeSpzBody(const SpzHeader& h, std::span<const std::uint8_t> body) {
  const auto sizes = spzStreamSizes(h);
  const std::uint8_t* at[kSpzStreams];
  std::uint64_t offset = 0;
  for (int k = 0; k < kSpzStreams; ++k) {
    at[k] = body.data() + offset;
    offset += sizes[std::size_t(k)];
  }
  scenes::SplatCloud cloud;
  cloud.resize(h.count, h.shDegree);
  const float unit = 1.0f / float(1u << h.fractionalBits);
  const std::size_t rest = scenes::shRestPerChannel(h.shDegree);
  for (std::size_t i = 0; i < h.count; ++i) {
    const std::uint8_t* p = at[0] + i * 9;
    for (int k = 0; k < 3; ++k, p += 3) {
      std::int32_t fixed = std::int32_t(p[0]) | (std::int32_t(p[1]) << 8) | (std::int32_t(p[2]) << 16);
      if (fixed & 0x800000) fixed -= 0x1000000;  // sign of the 24-bit value
      cloud.positions[i][k] = float(fixed) * unit;
    }
    cloud.opacities[i] = float(at[1][i]) / 255.0f;
    for (int k = 0; k < 3; ++k) {
      const float dc = (float(at[2][i * 3 + std::size_t(k)]) / 255.0f - 0.5f) / kColourScale;
      cloud.baseColors[i][k] = 0.5f + float(scenes::kShC0) * dc;
      cloud.scales[i][k] = std::exp(float(at[3][i * 3 + std::size_t(k)]) / 16.0f - 10.0f);
    }
    float q[4];  // x y z w
    if (h.version >= 3) {
      const std::uint8_t* r = at[4] + i * 4;
      std::uint32_t comp = std::uint32_t(r[0]) | (std::uint32_t(r[1]) << 8) | (std::uint32_t(r[2]) << 16) |
                           (std::uint32_t(r[3]) << 24);
      const int largest = int(comp >> 30);
      float sum = 0.0f;
      for (int k = 3; k >= 0; --k) {
        if (k == largest) continue;
        const float mag = kSqrt1_2 * float(comp & 511u) / 511.0f;
        q[k] = (comp >> 9) & 1u ? -mag : mag;
        comp >>= 10;
        sum += q[k] * q[k];
      }
      q[largest] = std::sqrt(std::fmax(0.0f, 1.0f - sum));
    } else {
      const std::uint8_t* r = at[4] + i * 3;
      float sum = 0.0f;
      for (int k = 0; k < 3; ++k) {
        q[k] = float(r[k]) / 127.5f - 1.0f;
        sum += q[k] * q[k];
      }
      q[3] = std::sqrt(std::fmax(0.0f, 1.0f - sum));
    }
    const float len = std::sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
    cloud.rotations[i] = glm::quat(q[3] / len, q[0] / len, q[1] / len, q[2] / len);
    for (std::size_t k = 0; k < rest * 3; ++k) cloud.sh[i * rest * 3 + k] = (float(at[5][i * rest * 3 + k]) - 128.0f) / 128.0f;
  }
  return cloud;
}

std::array<std::string, kSpzStreams> encodeSpzBody(const SpzHeader& h, const scenes::SplatCloud& cloud) {
  const auto sizes = spzStreamSizes(h);
  std::array<std::string, kSpzStreams> out;
  for (int k = 0; k < kSpzStreams; ++k) out[std::size_t(k)].reserve(sizes[std::size_t(k)]);
  const float unit = float(1u << h.fractionalBits);
  const std::size_t rest = scenes::shRestPerChannel(h.shDegree);
  for (std::size_t i = 0; i < cloud.size(); ++i) {
    for (int k = 0; k < 3; ++k) {
      const auto fixed = static_cast<std::int32_t>(std::lround(cloud.positions[i][k] * unit));
      for (int b = 0; b < 3; ++b) out[0].push_back(static_cast<char>((fixed >> (8 * b)) & 0xff));
    }
    out[1].push_back(static_cast<char>(toByte(cloud.opacities[i] * 255.0f)));
    for (int k = 0; k < 3; ++k) {
      const float dc = (cloud.baseColors[i][k] - 0.5f) / float(scenes::kShC0);
      out[2].push_back(static_cast<char>(toByte(dc * (kColourScale * 255.0f) + 127.5f)));
    }
    for (int k = 0; k < 3; ++k)
      out[3].push_back(static_cast<char>(toByte((std::log(cloud.scales[i][k]) + 10.0f) * 16.0f)));
    const glm::quat q = glm::normalize(cloud.rotations[i]);
    if (h.version >= 3) {
      int largest = 0;
      for (int k = 1; k < 4; ++k)
        if (std::fabs(component(q, k)) > std::fabs(component(q, largest))) largest = k;
      // -q is the same rotation: the largest component is made positive and not stored.
      const bool negate = component(q, largest) < 0.0f;
      std::uint32_t comp = std::uint32_t(largest);
      for (int k = 0; k < 4; ++k) {
        if (k == largest) continue;
        const float c = component(q, k);
        const std::uint32_t sign = (c < 0.0f) != negate ? 1u : 0u;
        const auto mag = static_cast<std::uint32_t>(std::min(511.0f, 511.0f * std::fabs(c) / kSqrt1_2 + 0.5f));
        comp = (comp << 10) | (sign << 9) | mag;
      }
      for (int b = 0; b < 4; ++b) out[4].push_back(static_cast<char>((comp >> (8 * b)) & 0xffu));
    } else {
      const float s = q.w < 0.0f ? -127.5f : 127.5f;
      for (int k = 0; k < 3; ++k) out[4].push_back(static_cast<char>(toByte(component(q, k) * s + 127.5f)));
    }
    for (std::size_t k = 0; k < rest; ++k)
      for (int c = 0; c < 3; ++c)
        out[5].push_back(static_cast<char>(shByte(cloud.sh[(i * rest + k) * 3 + std::size_t(c)], k < 3 ? 5 : 4)));
  }
  return out;
}

}  // namespace ps::media::splat
