#pragma once
// glTF materials (metallic-roughness, KHR_materials_unlit, alpha modes, doubleSided) and the
// textures and samplers they use, as TextureRefs into the model's images.
#include <vector>

#include "gltf_context.h"
#include "gltf_tinygltf.h"
#include "scenes/mesh_scene.h"

namespace ps::media::gltf {

// Every texture and sampler is checked, used or not; image indices are the model's.
Result<std::vector<scenes::MeshMaterial>> readMaterials(const tinygltf::Model& model, Context& ctx);

}  // namespace ps::media::gltf
