#pragma once
// What deforms a primitive: its morph targets (POSITION and NORMAL offsets; TANGENT offsets
// are not read) and its skinning attributes JOINTS_0 and WEIGHTS_0, each checked for type and
// for one element per vertex. Whether the joints exist in the skin is checked with the nodes
// (gltf_skin.h), since a mesh may be drawn by several nodes.
#include <string>

#include "gltf_context.h"
#include "gltf_tinygltf.h"
#include "scenes/mesh_scene.h"

namespace ps::media::gltf {

// Reads into `out`, whose positions are already read; `at` is the primitive's JSON pointer.
Status readDeform(const tinygltf::Model& model, const tinygltf::Primitive& primitive, const std::string& at,
                  Context& ctx, scenes::MeshPrimitive& out);

// The mesh's default weights: as many as its primitives' targets (all primitives of a mesh have
// the same count), zeros when the file gives none.
Status readMeshWeights(const tinygltf::Model& model, std::size_t mesh, const Context& ctx, scenes::Mesh& out);

}  // namespace ps::media::gltf
