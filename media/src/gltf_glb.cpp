#include "gltf_glb.h"

#include <cstring>
#include <string>

namespace ps::media::gltf {

namespace {

constexpr std::uint32_t kChunkJson = 0x4E4F534A;  // "JSON"
constexpr std::uint32_t kChunkBin = 0x004E4942;   // "BIN\0"

std::uint32_t le32(const std::uint8_t* p) {
  return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24;
}

std::string bytes(std::uint64_t n) { return std::to_string(n) + (n == 1 ? " byte" : " bytes"); }

}  // namespace

bool isGlb(std::span<const std::uint8_t> data) {
  return data.size() >= 4 && std::memcmp(data.data(), "glTF", 4) == 0;
}

Result<GlbChunks> splitGlb(std::span<const std::uint8_t> data, const Context& ctx) {
  const std::uint64_t size = data.size();
  if (size < 12) return ctx.error("", "truncated GLB: " + bytes(size) + ", shorter than the 12-byte header");
  const std::uint32_t version = le32(data.data() + 4);
  const std::uint32_t length = le32(data.data() + 8);
  if (version != 2) return ctx.error("", "GLB version " + std::to_string(version) + "; only version 2 is read");
  if (length > size)
    return ctx.error("", "truncated GLB: its header says " + bytes(length) + ", the file has " + bytes(size));
  if (length < size) return ctx.error("", "GLB header says " + bytes(length) + " but the file has " + bytes(size));
  if (size < 20) return ctx.error("", "truncated GLB: no JSON chunk after the header");
  const std::uint64_t jsonLength = le32(data.data() + 12);
  if (le32(data.data() + 16) != kChunkJson) return ctx.error("", "GLB's first chunk is not JSON");
  if (jsonLength == 0) return ctx.error("", "GLB's JSON chunk is empty");
  if (20 + jsonLength > size)
    return ctx.error("", "truncated GLB: the JSON chunk of " + bytes(jsonLength) + " runs past the file's end at " +
                             bytes(size));
  GlbChunks out;
  out.json = data.subspan(20, jsonLength);
  // Chunks start and end on 4-byte boundaries (the JSON is padded with spaces).
  if (jsonLength % 4 != 0)
    return ctx.error("", "GLB's JSON chunk is " + bytes(jsonLength) + ", not a multiple of 4 as chunks must be");
  const std::uint64_t at = 20 + jsonLength;
  if (at == size) return out;
  if (at + 8 > size) return ctx.error("", "truncated GLB: a chunk header starts at byte " + std::to_string(at) + " of " + bytes(size));
  const std::uint64_t binLength = le32(data.data() + at);
  const std::uint32_t type = le32(data.data() + at + 4);
  if (type != kChunkBin) return ctx.error("", "GLB's second chunk is not BIN");
  if (binLength == 0 || binLength % 4 != 0)
    return ctx.error("", "GLB's BIN chunk is " + bytes(binLength) + ", not a positive multiple of 4 as chunks must be");
  if (at + 8 + binLength > size)
    return ctx.error("", "truncated GLB: the BIN chunk of " + bytes(binLength) + " at byte " + std::to_string(at + 8) +
                             " runs past the file's end at " + bytes(size));
  out.bin = data.subspan(at + 8, binLength);
  out.hasBin = true;
  return out;
}

}  // namespace ps::media::gltf
