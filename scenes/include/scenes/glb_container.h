#pragma once
// The GLB container (glTF 2.0 binary): a 12-byte header, the JSON chunk padded with spaces and
// the BIN chunk padded with zeros to 4 bytes, as the spec requires. What the document says is
// the writer's business; the BIN chunk is left out when empty.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace ps::scenes {

std::vector<std::uint8_t> glbContainer(std::string_view json, std::span<const std::uint8_t> bin);

}  // namespace ps::scenes
