#pragma once
// MeshLayer: draws sets of meshes (scenes::MeshScene, what media decodes a glTF set into) into
// every eye with depth: depth test and write (reverse-Z, GREATER_OR_EQUAL), back faces culled
// unless a material is double-sided, alpha-masked materials cut (discard), blended ones drawn
// after the rest, back to front by their primitive's centre, with the depth test on and the
// write off. Lit materials: one directional light and a hemispherical ambient (see MeshLighting
// and engine/shaders/mesh.frag); unlit ones (KHR_materials_unlit) show their base colour.
//
//   MeshLayer meshes(device);
//   const auto set = meshes.add(std::move(scene), setToStage);  // uploaded at the next prepare()
//   meshes.setTransform(set, moved);                            // any frame; nothing re-uploaded
//
// Each set is placed in stage space by its own transform, changeable per frame. What the next
// steps need fits: setInstanceWorlds() replaces the node matrices of a frame (animation),
// setPose() also moves skinned and morphed meshes (joint matrices and morph weights applied by
// the vertex shader; meshes that do neither keep the plain pipeline), and
// replace() swaps a set's vertex data for a new MeshScene (a mesh sequence's next frame), the
// old GPU data going to the frame's disposer and, once that frame has finished, taken again by
// a later upload whose sizes fit (no vkDeviceWaitIdle).
//
// prepare() uploads what was added or replaced (device-local buffers and mip-mapped textures
// through a staging buffer freed by the disposer after that frame) and the frame's matrices;
// record() only binds and draws. Output is linear into the sRGB view: writesEncoded() is false.
// Thread: the owner's. Destroy it only once the frames that used it have finished (as the
// frame context's pipeline cache).
#include <cstdint>
#include <memory>
#include <span>

#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

#include "engine/layer.h"
#include "scenes/mesh_scene.h"
#include "scenes/pose.h"

namespace ps::engine {

class Device;

// The light of lit materials, in stage space and linear colour. A white Lambertian surface
// facing the light shows lightColor (plus the ambient); the ambient is skyColor for normals
// pointing up (+Y), groundColor for normals pointing down, blended between.
struct MeshLighting {
  glm::vec3 towardsLight{0.3f, 1.0f, 0.45f};  // need not be unit length
  glm::vec3 lightColor{1.0f, 0.97f, 0.92f};
  glm::vec3 skyColor{0.32f, 0.35f, 0.4f};
  glm::vec3 groundColor{0.14f, 0.13f, 0.12f};
};

class MeshLayer final : public Layer {
 public:
  using SetId = std::uint64_t;

  struct Stats {
    std::uint64_t uploads = 0;      // sets uploaded since creation (added or replaced)
    std::uint64_t draws = 0;        // draw calls of the last eye recorded
    std::uint64_t triangles = 0;    // triangles of the last eye recorded
    std::uint64_t gpuBytes = 0;     // buffers and textures of the sets held now
    std::uint64_t recycled = 0;     // buffers and images taken again from replaced sets' finished frames
  };

  explicit MeshLayer(const Device& device);
  MeshLayer(const MeshLayer&) = delete;
  MeshLayer& operator=(const MeshLayer&) = delete;
  ~MeshLayer() override;

  // A set drawn from the next frame on, placed by `setToStage` (set space to stage space).
  SetId add(scenes::MeshScene scene, const glm::mat4& setToStage = glm::mat4(1.0f));
  // The same with a scene the caller keeps (for rays, or to add again on another device): the
  // layer holds a reference only until the upload, and copies nothing.
  SetId add(std::shared_ptr<const scenes::MeshScene> scene, const glm::mat4& setToStage = glm::mat4(1.0f));
  // New meshes for a set, uploaded at the next prepare(); its transform stays, its instance
  // matrices become the new scene's. The layer holds the scene only until the upload (a mesh
  // sequence's frame, shared with its cache, is not copied). `baseColor`, when given, is the
  // base-colour texture of every material of the scene instead of its own (a mesh sequence's
  // texture atlas frame), sampled through the primitives' UVs. Throws std::out_of_range for an
  // unknown id, std::invalid_argument for a null scene.
  void replace(SetId id, std::shared_ptr<const scenes::MeshScene> scene,
               std::shared_ptr<const scenes::MeshImage> baseColor = nullptr);
  void remove(SetId id);
  void setTransform(SetId id, const glm::mat4& setToStage);
  // A hidden set stays uploaded and is not drawn (a layer before its start on the timeline).
  void setVisible(SetId id, bool visible);
  // One matrix (mesh space to set space) per entry of the set's scene.instances(), in that
  // order, replacing the node matrices from the next frame on. Throws std::invalid_argument
  // when the count differs.
  void setInstanceWorlds(SetId id, std::span<const glm::mat4> worlds);
  // The set's scene in a pose (scenes/pose.h): `world` one matrix per node (node to set space,
  // as scenes::worldMatrices gives them), pose.weights the morph weights per node. Instances
  // move to their nodes, skinned meshes follow their joints and morphed ones take the weights,
  // on the GPU, from the next frame on. Until a pose is set, skinned and morphed meshes show the
  // scene's rest pose. Throws std::invalid_argument when the node count is not the scene's.
  void setPose(SetId id, const scenes::Pose& pose, std::span<const glm::mat4> world);
  void setLighting(const MeshLighting& lighting) { lighting_ = lighting; }
  const MeshLighting& lighting() const { return lighting_; }
  std::size_t setCount() const;
  Stats stats() const;

  void prepare(FrameRecording& frame, std::span<const EyePass> eyes) override;
  void record(FrameRecording& frame, const EyePass& eye) override;
  bool writesEncoded() const override { return false; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  MeshLighting lighting_;
};

}  // namespace ps::engine
