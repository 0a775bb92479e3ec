#pragma once
// The model's images decoded to RGBA8 through stb: PNG or JPEG, from a buffer view, a data URI
// or a file inside the package; their sizes checked against the limits before decoding.
#include <vector>

#include "gltf_context.h"
#include "gltf_tinygltf.h"
#include "scenes/mesh_scene.h"

namespace ps::media::gltf {

// Every image of the model, in its order (so texture sources stay valid).
Result<std::vector<scenes::MeshImage>> decodeImages(const tinygltf::Model& model, Context& ctx);

}  // namespace ps::media::gltf
