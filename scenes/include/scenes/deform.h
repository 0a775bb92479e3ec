#pragma once
// Morphing and skinning of one primitive's vertices on the CPU: the reference that tests check
// against hand-computed values, and what picking rays meet (mesh_ray.h). The engine does the
// same on the GPU (engine/shaders/mesh_deform.vert) for drawing.
#include <span>
#include <vector>

#include <glm/mat4x4.hpp>

#include "scenes/mesh_scene.h"

namespace ps::scenes {

// positions + sum over targets of weight * target delta (targets without positions add nothing;
// weights beyond the targets are ignored).
std::vector<glm::vec3> morphedPositions(const MeshPrimitive& primitive, std::span<const float> weights);

// Each vertex moved by sum over its four joints of weight * jointMatrices[joint]; a primitive
// without joints, or a joint index past the matrices, leaves the vertex as it is.
std::vector<glm::vec3> skinnedPositions(const MeshPrimitive& primitive, std::span<const glm::vec3> positions,
                                        std::span<const glm::mat4> jointMatrices);

}  // namespace ps::scenes
