#pragma once
// The mesh layer's fixed state: its shaders, descriptor set layouts (set 0: the frame's light,
// eyes, instances, joint matrices and morph weights; set 1: one material's parameters and four
// textures; set 2: a set's morph target offsets, for deformed draws only), the pipeline layout,
// the samplers glTF's texture references ask for, and the pipeline description of each kind of
// draw (built and kept by the frame's PipelineCache).
// Thread: the owner's. Destroy it only once the frames that used it have finished.
#include <cstdint>
#include <map>
#include <tuple>

#include <vulkan/vulkan.h>

#include "engine/pipeline_cache.h"
#include "scenes/mesh_scene.h"
#include "shader_library.h"

namespace ps::engine {

class Device;

// What varies between the mesh layer's pipelines.
struct MeshDrawKind {
  bool blend = false;        // alpha blended: depth test on, depth write off
  bool doubleSided = false;  // no back-face culling
  bool mirrored = false;     // the instance's matrix has a negative determinant: clockwise is front
  bool unlit = false;        // mesh_unlit.frag instead of mesh.frag
  bool deformed = false;     // skinned or morphed: mesh*_deform.vert and the skin vertex binding
};

class MeshPipeline {
 public:
  static constexpr std::uint32_t kMaterialTextures = 4;  // base colour, metallic-roughness, normal, emissive

  explicit MeshPipeline(const Device& device);
  MeshPipeline(const MeshPipeline&) = delete;
  MeshPipeline& operator=(const MeshPipeline&) = delete;
  ~MeshPipeline();

  VkDescriptorSetLayout frameSetLayout() const { return frameSetLayout_; }
  VkDescriptorSetLayout materialSetLayout() const { return materialSetLayout_; }
  VkDescriptorSetLayout deformSetLayout() const { return deformSetLayout_; }
  VkPipelineLayout layout() const { return layout_; }
  // The sampler of a glTF texture reference (made on first ask, kept).
  VkSampler sampler(const scenes::TextureRef& ref);
  GraphicsPipelineDesc describe(const MeshDrawKind& kind, VkFormat colorFormat, VkFormat depthFormat) const;

 private:
  void destroy() noexcept;

  const Device& device_;
  ShaderModule vertex_;
  ShaderModule fragment_;
  ShaderModule unlitVertex_;
  ShaderModule unlitFragment_;
  ShaderModule deformVertex_;
  ShaderModule unlitDeformVertex_;
  VkDescriptorSetLayout frameSetLayout_ = VK_NULL_HANDLE;
  VkDescriptorSetLayout materialSetLayout_ = VK_NULL_HANDLE;
  VkDescriptorSetLayout deformSetLayout_ = VK_NULL_HANDLE;
  VkPipelineLayout layout_ = VK_NULL_HANDLE;
  using SamplerKey = std::tuple<scenes::TextureWrap, scenes::TextureWrap, scenes::TextureFilter, scenes::TextureFilter, bool>;
  std::map<SamplerKey, VkSampler> samplers_;
};

}  // namespace ps::engine
