#pragma once
// A glTF mesh's primitives as triangle lists: attributes checked for type and count, indices
// checked against the vertex count (or generated), strips and fans turned into lists, points
// and lines skipped with a warning, bounds computed.
#include <cstdint>

#include "gltf_context.h"
#include "gltf_tinygltf.h"
#include "scenes/mesh_scene.h"

namespace ps::media::gltf {

// What the set holds so far, against the limits.
struct Totals {
  std::uint64_t vertices = 0, triangles = 0;
};

// Mesh `index` of the model, whose accessors checkAccessors has passed.
Result<scenes::Mesh> readMesh(const tinygltf::Model& model, std::size_t index, Context& ctx, Totals& totals);

}  // namespace ps::media::gltf
