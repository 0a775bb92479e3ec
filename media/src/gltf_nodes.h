#pragma once
// The node hierarchy (matrix or TRS, checked to be a forest: no cycles, no node with two
// parents) and the roots of the scene shown.
#include "gltf_context.h"
#include "gltf_tinygltf.h"
#include "scenes/mesh_scene.h"

namespace ps::media::gltf {

// Fills out.nodes and out.roots; mesh indices are checked against the model's meshes.
Status readNodes(const tinygltf::Model& model, Context& ctx, scenes::MeshScene& out);

}  // namespace ps::media::gltf
