#pragma once
// Splat clouds and files made in memory for the splat reader tests: a seeded cloud, SuperSplat's
// compressed .ply written the way PlayCanvas' tools write it, a PLY header of one's own, and
// gzip for hand-made SPZ payloads.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "scenes/splat_cloud.h"

namespace ps::test {

// `count` splats of `degree`, values spread over their ranges, the same for the same seed.
scenes::SplatCloud makeSplatCloud(std::size_t count, int degree, unsigned seed = 1);

// SuperSplat's compressed .ply of `cloud` (chunks of 256, packed uint32 and an sh element).
std::string compressedPlyBytes(const scenes::SplatCloud& cloud);

// "ply ... end_header\n" with the vertex element of `count` rows and `properties` ("float x").
std::string plyHeader(std::size_t count, const std::vector<std::string>& properties,
                      const std::string& format = "binary_little_endian");

std::string gzip(const std::string& data);
std::string zstd(const std::string& data);

void putFloat(std::string& out, float v);
void putU32(std::string& out, std::uint32_t v);

inline std::span<const std::uint8_t> bytesOf(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace ps::test
