#pragma once
// KHR_texture_transform, baked into a primitive's TEXCOORD_0 on load rather than applied in
// the shader: the mesh layer's vertex format and shaders stay as they are, and a transform is
// per material, which a primitive has one of. Each texture of the material carries its own
// transform in glTF; when they differ, the base colour texture's (else the first in glTF's
// order) is baked, and a warning names the material. A texCoord override other than 0 is
// read as TEXCOORD_0, with the loader's usual warning.
//
// uv' = T * R * S * uv (the extension's order): u' = cos(r) sx u + sin(r) sy v + ox,
//                                              v' = -sin(r) sx u + cos(r) sy v + oy.
#include <vector>

#include <glm/vec2.hpp>

#include "gltf_context.h"
#include "gltf_tinygltf.h"

namespace ps::media::gltf {

// Applies material `material`'s transform (if any) to `uvs`; malformed transforms are errors.
Status applyTextureTransform(const tinygltf::Model& model, int material, std::vector<glm::vec2>& uvs, Context& ctx);

}  // namespace ps::media::gltf
