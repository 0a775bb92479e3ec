#pragma once
// Checks made on the glTF JSON before tinygltf parses it: everything tinygltf itself would
// read out of bounds or decode on trust (buffers, buffer views, images and their URIs), plus
// the document's shape (version, required extensions, array sizes), each with its JSON pointer.
#include <cstdint>
#include <span>

#include "gltf_context.h"

namespace ps::media::gltf {

struct Container {
  std::span<const std::uint8_t> json;
  bool glb = false;
  bool hasBin = false;
  std::uint64_t binSize = 0;
};

Status prepass(const Container& container, Context& ctx);

}  // namespace ps::media::gltf
