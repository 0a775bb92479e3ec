#pragma once
// tinygltf's parse of a document that the prepass has checked: buffers loaded (from the GLB's
// BIN chunk, data URIs, or files inside the package), images only collected as encoded bytes.
// Its own error and warning text is kept, escaped, in the error and the warnings.
#include <span>

#include "gltf_context.h"
#include "gltf_prepass.h"
#include "gltf_tinygltf.h"

namespace ps::media::gltf {

// `whole` is the file's bytes (the GLB, or the JSON text); `container` what the prepass saw.
Result<tinygltf::Model> parseModel(std::span<const std::uint8_t> whole, const Container& container, Context& ctx);

}  // namespace ps::media::gltf
