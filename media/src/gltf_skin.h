#pragma once
// Skins: joints that exist and appear once each, inverse bind matrices (MAT4 of float, at least
// one per joint, finite), the skeleton root; and every node drawing a skinned mesh is checked
// against its skin: its primitives carry JOINTS_0 and WEIGHTS_0, and every joint they name
// (with a non-zero weight) is in the skin.
#include "gltf_context.h"
#include "gltf_tinygltf.h"
#include "scenes/mesh_scene.h"

namespace ps::media::gltf {

// After readNodes and the meshes: fills out.skins and each node's skin.
Status readSkins(const tinygltf::Model& model, const Context& ctx, scenes::MeshScene& out);

}  // namespace ps::media::gltf
