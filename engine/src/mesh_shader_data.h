#pragma once
// What the mesh shaders read, laid out as engine/shaders/mesh*.vert and mesh*.frag declare it
// (std430 storage buffers, a std140 uniform block, push constants).
#include <cstdint>

#include <glm/gtc/type_precision.hpp>
#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

namespace ps::engine {

// One vertex of a mesh buffer. A primitive without normals has zero normals (the shader makes
// flat ones), without tangents tangent.w == 0 (the shader derives a frame), without UVs (0, 0).
struct MeshVertex {
  glm::vec3 position{0.0f};
  glm::vec3 normal{0.0f};
  glm::vec2 uv{0.0f};
  glm::vec4 tangent{0.0f};
};
static_assert(sizeof(MeshVertex) == 48);

// A skinned vertex's JOINTS_0 and WEIGHTS_0 (mesh_deform.vert's second vertex binding),
// parallel to a set's MeshVertex buffer; zero for the vertices of primitives without a skin.
struct MeshSkinVertex {
  glm::u16vec4 joints{0};
  glm::vec4 weights{0.0f};
};
static_assert(sizeof(MeshSkinVertex) == 24);

// A morph target's offsets of one vertex in a set's `Targets` buffer: per primitive, target
// after target, each with one entry per vertex.
struct MeshMorphDelta {
  glm::vec4 position{0.0f};
  glm::vec4 normal{0.0f};
};
static_assert(sizeof(MeshMorphDelta) == 32);

// `Frame` of the shaders: the light, then one entry per eye of the frame.
struct MeshFrameHeader {
  glm::vec4 lightDirection;  // towards the light
  glm::vec4 lightColor;
  glm::vec4 skyColor;
  glm::vec4 groundColor;
};
struct MeshEyeData {
  glm::mat4 viewProjection;
  glm::vec4 position;
};
static_assert(sizeof(MeshFrameHeader) == 64 && sizeof(MeshEyeData) == 80);

// `Instances`: indexed by each draw's firstInstance.
struct MeshInstanceData {
  glm::mat4 model;
  glm::mat4 normalMatrix;
};

// `Material` (std430; a storage buffer, see MeshPipeline's material set).
struct MeshMaterialData {
  glm::vec4 baseColorFactor{1.0f};
  glm::vec4 emissiveAndNormalScale{0.0f, 0.0f, 0.0f, 1.0f};
  glm::vec4 metallicRoughnessCutoff{1.0f, 1.0f, 0.5f, 0.0f};
  glm::uvec4 flags{0u};  // unlit, alpha mode (0 opaque, 1 mask, 2 blend), has a normal map
};
static_assert(sizeof(MeshMaterialData) == 64);

// `Draw`: which eye for every draw; what deforms it for a skinned or morphed draw (the rest
// pushed only then, at offsetof(MeshPushConstants, jointBase)).
struct MeshPushConstants {
  std::uint32_t eye = 0;
  std::uint32_t encode = 0;
  std::uint32_t jointBase = 0, jointCount = 0;  // the instance's joint matrices in `Joints`; 0: not skinned
  std::uint32_t weightBase = 0, targetCount = 0;  // its morph weights in `Weights`; 0: not morphed
  std::uint32_t morphBase = 0;                  // the primitive's first MeshMorphDelta in `Targets`
  std::uint32_t vertexBase = 0, vertexCount = 0;  // its vertices in the set's vertex buffer
};
static_assert(sizeof(MeshPushConstants) == 36);

}  // namespace ps::engine
