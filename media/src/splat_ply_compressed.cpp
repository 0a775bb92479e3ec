// SuperSplat's compressed .ply (PlayCanvas): splats in chunks of 256 that share bounds (element
// chunk, floats), each splat four packed uint32 (element vertex): position and log-scale as
// 11-10-11-bit fractions of the chunk's bounds, the rotation as its three smallest components
// (2-bit index of the largest, 10 bits each), colour and opacity as 8-bit fractions. An
// optional element sh holds f_rest as uchar, channel-major as INRIA's.
#include <cmath>
#include <string>

#include "splat_readers.h"

namespace ps::media::splat {
namespace {

constexpr std::uint64_t kChunk = 256;
const char* const kBounds[] = {"min_x", "min_y", "min_z", "max_x", "max_y", "max_z",
                               "min_scale_x", "min_scale_y", "min_scale_z", "max_scale_x", "max_scale_y", "max_scale_z"};
const char* const kColourBounds[] = {"min_r", "min_g", "min_b", "max_r", "max_g", "max_b"};
const char* const kPacked[] = {"packed_position", "packed_rotation", "packed_scale", "packed_color"};

float unorm(std::uint32_t v, int bits) { return float(v & ((1u << bits) - 1u)) / float((1u << bits) - 1u); }
float lerp(float a, float b, float t) { return a * (1.0f - t) + b * t; }

}  // namespace

bool isCompressedPly(const PlyHeader& header) {
  const PlyElement* v = header.find("vertex");
  return header.find("chunk") && v && v->find("packed_position");
}

Result<SplatFile> readCompressedPly(std::span<const std::uint8_t> bytes, const PlyHeader& header,
                                    const std::string& name, const SplatLimits& limits) {
  const PlyElement& chunk = *header.find("chunk");
  const PlyElement& v = *header.find("vertex");
  if (v.count == 0) return fileError(name, v.firstByte, "the compressed PLY holds no splats (element vertex 0)");
  if (v.count > limits.maxSplats)
    return fileError(name, std::nullopt, std::to_string(v.count) + " splats is over the limit of " +
                                             std::to_string(limits.maxSplats));
  const std::uint64_t chunksNeeded = (v.count + kChunk - 1) / kChunk;
  if (chunk.count < chunksNeeded)
    return fileError(name, chunk.firstByte, std::to_string(v.count) + " splats need " + std::to_string(chunksNeeded) +
                                                " chunks of 256; the file has " + std::to_string(chunk.count));

  const PlyProperty* bounds[12];
  for (int k = 0; k < 12; ++k) {
    bounds[k] = chunk.find(kBounds[k]);
    if (!bounds[k] || bounds[k]->type != PlyType::Float32)
      return fileError(name, std::nullopt, std::string("the chunk element needs a float property ") + kBounds[k]);
  }
  const PlyProperty* colourBounds[6];
  int colourCount = 0;
  for (int k = 0; k < 6; ++k) {
    colourBounds[k] = chunk.find(kColourBounds[k]);
    if (colourBounds[k]) {
      if (colourBounds[k]->type != PlyType::Float32)
        return fileError(name, std::nullopt, std::string("chunk property ") + kColourBounds[k] + " must be float");
      ++colourCount;
    }
  }
  if (colourCount != 0 && colourCount != 6)
    return fileError(name, std::nullopt, "the chunk element has some of min_r..max_b but not all six");
  const PlyProperty* packed[4];
  for (int k = 0; k < 4; ++k) {
    packed[k] = v.find(kPacked[k]);
    if (!packed[k] || packed[k]->type != PlyType::UInt32)
      return fileError(name, std::nullopt, std::string("the vertex element needs a uint property ") + kPacked[k]);
  }

  int degree = 0;
  const PlyElement* sh = header.find("sh");
  std::vector<const PlyProperty*> rest;
  if (sh) {
    auto d = shDegreeOfRestCount(sh->properties.size());
    if (!d) return fileError(name, std::nullopt, "element sh: " + d.error().what);
    degree = *d;
    if (sh->count != v.count)
      return fileError(name, sh->firstByte, "element sh has " + std::to_string(sh->count) + " rows for " +
                                                std::to_string(v.count) + " splats");
    for (std::size_t k = 0; k < sh->properties.size(); ++k) {
      const PlyProperty* p = sh->find("f_rest_" + std::to_string(k));
      if (!p || p->type != PlyType::UInt8)
        return fileError(name, std::nullopt, "element sh needs a uchar property f_rest_" + std::to_string(k));
      rest.push_back(p);
    }
  }

  // Every chunk's bounds are checked before any splat uses them.
  std::vector<float> chunkValues(chunksNeeded * 18, 0.0f);
  for (std::uint64_t c = 0; c < chunksNeeded; ++c)
    for (int k = 0; k < 12 + colourCount; ++k) {
      const PlyProperty& p = k < 12 ? *bounds[k] : *colourBounds[k - 12];
      const float x = static_cast<float>(readPlyScalar(bytes.data() + chunk.byteOf(c, p), p.type));
      if (!std::isfinite(x))
        return fileError(name, chunk.byteOf(c, p), "chunk " + std::to_string(c) + ": " + p.name + " is not finite");
      chunkValues[c * 18 + std::size_t(k)] = x;
    }

  SplatFile out;
  out.format = SplatFileFormat::CompressedPly;
  auto& cloud = out.cloud;
  cloud.resize(v.count, degree);
  const std::size_t perChannel = scenes::shRestPerChannel(degree);
  const float norm = std::sqrt(2.0f);  // the three smallest components lie in +-1/sqrt(2)
  for (std::uint64_t i = 0; i < v.count; ++i) {
    const float* b = chunkValues.data() + (i / kChunk) * 18;
    std::uint32_t u[4];
    for (int k = 0; k < 4; ++k) u[k] = static_cast<std::uint32_t>(readPlyScalar(bytes.data() + v.byteOf(i, *packed[k]), PlyType::UInt32));
    const glm::vec3 tp(unorm(u[0] >> 21, 11), unorm(u[0] >> 11, 10), unorm(u[0], 11));
    cloud.positions[i] = glm::vec3(lerp(b[0], b[3], tp.x), lerp(b[1], b[4], tp.y), lerp(b[2], b[5], tp.z));
    const glm::vec3 ts(unorm(u[2] >> 21, 11), unorm(u[2] >> 11, 10), unorm(u[2], 11));
    for (int k = 0; k < 3; ++k) {
      const float s = std::exp(lerp(b[6 + k], b[9 + k], ts[k]));
      if (!(s > 0.0f) || !std::isfinite(s))
        return fileError(name, v.byteOf(i, *packed[2]), "splat " + std::to_string(i) + ": its scale is out of float's range");
      cloud.scales[i][k] = s;
    }
    float q[4];
    const float a = (unorm(u[1] >> 20, 10) - 0.5f) * norm, bb = (unorm(u[1] >> 10, 10) - 0.5f) * norm,
                c = (unorm(u[1], 10) - 0.5f) * norm;
    const float m = std::sqrt(std::fmax(0.0f, 1.0f - (a * a + bb * bb + c * c)));
    const std::uint32_t largest = u[1] >> 30;  // an index into rot_0..3, which are w x y z
    float small[3] = {a, bb, c};
    for (std::uint32_t k = 0, j = 0; k < 4; ++k) q[k] = k == largest ? m : small[j++];
    const float len = std::sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
    cloud.rotations[i] = glm::quat(q[0] / len, q[1] / len, q[2] / len, q[3] / len);
    const glm::vec4 col(unorm(u[3] >> 24, 8), unorm(u[3] >> 16, 8), unorm(u[3] >> 8, 8), unorm(u[3], 8));
    if (colourCount == 6)
      cloud.baseColors[i] = glm::vec3(lerp(b[12], b[15], col.r), lerp(b[13], b[16], col.g), lerp(b[14], b[17], col.b));
    else
      cloud.baseColors[i] = glm::vec3(col);
    cloud.opacities[i] = col.a;
    for (std::size_t ch = 0; ch < 3 && sh; ++ch)
      for (std::size_t k = 0; k < perChannel; ++k) {
        const std::uint8_t q8 = bytes[sh->byteOf(i, *rest[ch * perChannel + k])];
        const float n = q8 == 0 ? 0.0f : q8 == 255 ? 1.0f : (float(q8) + 0.5f) / 256.0f;
        cloud.sh[(i * perChannel + k) * 3 + ch] = (n - 0.5f) * 8.0f;
      }
  }
  if (auto why = cloud.check(); !why.empty()) return fileError(name, std::nullopt, why);
  return out;
}

}  // namespace ps::media::splat
