#pragma once
// One MeshScene on the GPU: every primitive's vertices and indices in one device-local vertex
// buffer and one index buffer, the textures with their mip chains, and one descriptor set per
// material (its parameters and four textures, defaults where it has none). A scene with skinned
// or morphed primitives also gets a second vertex buffer of joints and weights (parallel to the
// first) and a storage buffer of morph target offsets with its descriptor set; others none. Made once from
// the CPU data, which it does not keep; a changed scene is a new MeshGpuSet (the old one goes
// to the disposer). Move-only; destroying it frees at once.
#include <cstdint>
#include <span>
#include <vector>

#include <glm/vec3.hpp>
#include <vulkan/vulkan.h>

#include "descriptor_pool.h"
#include "engine/frame_context.h"
#include "engine/gpu_resources.h"
#include "mesh_recycler.h"
#include "mesh_textures.h"
#include "scenes/mesh_scene.h"

namespace ps::engine {

class MeshPipeline;

struct MeshGpuPrimitive {
  std::uint32_t firstIndex = 0;
  std::uint32_t indexCount = 0;
  std::int32_t vertexOffset = 0;
  std::uint32_t materialSet = 0;  // into MeshGpuSet's material sets
  bool blend = false;             // alphaMode Blend: drawn after the others, back to front
  bool doubleSided = false;
  bool unlit = false;
  glm::vec3 centre{0.0f};         // of its bounds, in the mesh's space: where blending sorts it
  bool skinned = false;           // has JOINTS_0 and WEIGHTS_0 (drawn skinned under a skinned node)
  std::uint32_t targetCount = 0;  // morph targets, their offsets from morphBase in the set's Targets
  std::uint32_t morphBase = 0;
  std::uint32_t vertexCount = 0;
};

class MeshGpuSet {
 public:
  // Records the upload of `scene` into frame.commands (copies from a staging buffer that goes to
  // frame.disposer with this frame's serial, mip chains, a barrier before the frame's draws).
  // `baseColor`, when not null, is every material's base-colour texture instead of its own.
  // `recycler`, when not null, gives the buffers and images (a mesh sequence's previous frames').
  MeshGpuSet(const Device& device, MeshPipeline& pipeline, const MeshDefaultTextures& defaults,
             const scenes::MeshScene& scene, FrameRecording& frame, const scenes::MeshImage* baseColor = nullptr,
             MeshRecycler* recycler = nullptr);
  // Hands its buffers and images to `recycler` (back there once frame lastUse has finished), the
  // rest to the disposer; the set is empty after.
  void recycle(MeshRecycler& recycler, Disposer& disposer, std::uint64_t lastUse);

  VkBuffer vertexBuffer() const { return vertices_.handle(); }
  VkBuffer indexBuffer() const { return indices_.handle(); }
  // Null where the scene has no skinned or morphed primitive.
  VkBuffer skinBuffer() const { return skin_.handle(); }
  VkDescriptorSet deformSet() const { return deformSet_; }
  // The primitives of mesh `mesh` (only those with triangles).
  std::span<const MeshGpuPrimitive> primitives(int mesh) const;
  VkDescriptorSet materialSet(std::uint32_t index) const { return materialSets_[index]; }
  VkDeviceSize gpuBytes() const { return gpuBytes_; }

 private:
  GpuBuffer vertices_, indices_, materials_, skin_, deltas_;
  std::vector<GpuImage> textures_;
  DescriptorPool pool_;
  std::vector<VkDescriptorSet> materialSets_;
  DescriptorPool deformPool_;
  VkDescriptorSet deformSet_ = VK_NULL_HANDLE;
  std::vector<std::vector<MeshGpuPrimitive>> meshes_;
  VkDeviceSize gpuBytes_ = 0;
};

}  // namespace ps::engine
