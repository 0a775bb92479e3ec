#pragma once
// The step after tinygltf's parse for compressed glTF (see gltf_compression.h): each compressed
// buffer view (EXT_meshopt_compression) and each Draco primitive (KHR_draco_mesh_compression) is
// decoded into a new buffer, and the buffer views and accessors that read it are pointed there.
// Counts are checked against what the accessors and buffer views declare; a stream that does
// not decode is an error at its extension's JSON pointer.
#include "gltf_context.h"
#include "gltf_tinygltf.h"

namespace ps::media::gltf {

Status decodeMeshopt(tinygltf::Model& model, const Context& ctx);  // gltf_meshopt.cpp
Status decodeDraco(tinygltf::Model& model, const Context& ctx);    // gltf_draco.cpp

// Meshopt first: a Draco stream may itself lie in a meshopt-compressed buffer view.
inline Status decompress(tinygltf::Model& model, const Context& ctx) {
  if (Status s = decodeMeshopt(model, ctx); !s) return s;
  return decodeDraco(model, ctx);
}

}  // namespace ps::media::gltf
