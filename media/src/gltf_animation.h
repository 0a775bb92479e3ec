#pragma once
// Animations: every channel targets an existing node through an existing sampler, on
// translation, rotation, scale (a node given by TRS, not a matrix) or weights (a node whose mesh
// has morph targets); every sampler's input is SCALAR float times, finite and strictly
// ascending; its output has the type its path needs and one value per key (three per key for
// CUBICSPLINE, and one per morph target for weights), all finite.
#include "gltf_context.h"
#include "gltf_tinygltf.h"
#include "scenes/mesh_scene.h"

namespace ps::media::gltf {

// After readNodes and the meshes: fills out.animations.
Status readAnimations(const tinygltf::Model& model, Context& ctx, scenes::MeshScene& out);

}  // namespace ps::media::gltf
