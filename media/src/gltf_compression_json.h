#pragma once
// The prepass's part for compressed glTF: the KHR_draco_mesh_compression and
// EXT_meshopt_compression objects checked member by member (with their JSON pointers) and
// gathered into ctx.compression, and the placeholder document tinygltf parses instead.
#include <nlohmann/json.hpp>

#include "gltf_context.h"

namespace ps::media::gltf {

// A buffer that EXT_meshopt_compression marks as a fallback and that has no data of its own.
bool isFallbackBuffer(const nlohmann::json& buffer);

// Run on the checked document (buffers and buffer views in bounds of their declared lengths).
Status readCompression(const nlohmann::json& doc, Context& ctx);

}  // namespace ps::media::gltf
