#pragma once
// The GLB container (12-byte header, a JSON chunk, an optional BIN chunk), checked before
// tinygltf sees it, so that a truncated or inconsistent file is told apart precisely.
#include <cstdint>
#include <span>

#include "gltf_context.h"

namespace ps::media::gltf {

bool isGlb(std::span<const std::uint8_t> bytes);  // starts with the magic "glTF"

struct GlbChunks {
  std::span<const std::uint8_t> json;
  std::span<const std::uint8_t> bin;  // empty when the file has no BIN chunk
  bool hasBin = false;
};

Result<GlbChunks> splitGlb(std::span<const std::uint8_t> bytes, const Context& ctx);

}  // namespace ps::media::gltf
