#include "scenes/glb_container.h"

namespace ps::scenes {

namespace {

void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

std::size_t padded4(std::size_t n) { return (n + 3) / 4 * 4; }

}  // namespace

std::vector<std::uint8_t> glbContainer(std::string_view json, std::span<const std::uint8_t> bin) {
  const std::size_t jsonBytes = padded4(json.size());
  const std::size_t binBytes = padded4(bin.size());
  const std::size_t total = 12 + 8 + jsonBytes + (bin.empty() ? 0 : 8 + binBytes);
  std::vector<std::uint8_t> out;
  out.reserve(total);
  put32(out, 0x46546C67);  // "glTF"
  put32(out, 2);
  put32(out, static_cast<std::uint32_t>(total));
  put32(out, static_cast<std::uint32_t>(jsonBytes));
  put32(out, 0x4E4F534A);  // "JSON"
  out.insert(out.end(), json.begin(), json.end());
  out.resize(12 + 8 + jsonBytes, ' ');
  if (!bin.empty()) {
    put32(out, static_cast<std::uint32_t>(binBytes));
    put32(out, 0x004E4942);  // "BIN"
    out.insert(out.end(), bin.begin(), bin.end());
    out.resize(total, 0);
  }
  return out;
}

}  // namespace ps::scenes
