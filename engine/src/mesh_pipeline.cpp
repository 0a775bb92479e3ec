#include "mesh_pipeline.h"

#include <array>
#include <string>

#include "engine/device.h"
#include "engine/vk_check.h"
#include "mesh_shader_data.h"

namespace ps::engine {

namespace {

VkSamplerAddressMode addressMode(scenes::TextureWrap wrap) {
  switch (wrap) {
    case scenes::TextureWrap::ClampToEdge: return VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    case scenes::TextureWrap::MirroredRepeat: return VK_SAMPLER_ADDRESS_MODE_MIRRORED_REPEAT;
    case scenes::TextureWrap::Repeat: break;
  }
  return VK_SAMPLER_ADDRESS_MODE_REPEAT;
}

VkFilter filter(scenes::TextureFilter f) {
  return f == scenes::TextureFilter::Nearest ? VK_FILTER_NEAREST : VK_FILTER_LINEAR;
}

VkDescriptorSetLayout createSetLayout(const Device& device, const VkDescriptorSetLayoutBinding* bindings,
                                      std::uint32_t count, const char* name) {
  VkDescriptorSetLayoutCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
  info.bindingCount = count;
  info.pBindings = bindings;
  VkDescriptorSetLayout layout = VK_NULL_HANDLE;
  PS_VK_CHECK(vkCreateDescriptorSetLayout(device.device(), &info, nullptr, &layout));
  device.setName(layout, VK_OBJECT_TYPE_DESCRIPTOR_SET_LAYOUT, name);
  return layout;
}

}  // namespace

MeshPipeline::MeshPipeline(const Device& device)
    : device_(device),
      vertex_(device, "mesh.vert"),
      fragment_(device, "mesh.frag"),
      unlitVertex_(device, "mesh_unlit.vert"),
      unlitFragment_(device, "mesh_unlit.frag"),
      deformVertex_(device, "mesh_deform.vert"),
      unlitDeformVertex_(device, "mesh_unlit_deform.vert") {
  try {
    constexpr VkShaderStageFlags kBoth = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
    const std::array<VkDescriptorSetLayoutBinding, 4> frame{{
        {0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, kBoth, nullptr},
        {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
        {2, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
        {3, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
    }};
    frameSetLayout_ = createSetLayout(device, frame.data(), frame.size(), "mesh frame");
    std::array<VkDescriptorSetLayoutBinding, 1 + kMaterialTextures> material{};
    // The material block is a storage buffer, not a uniform buffer: lavapipe (Mesa 22.3) inlines
    // the values of a uniform buffer that a shader's branches test (mesh.frag's alpha mode and
    // normal map flags), compiling a new copy of the shader at every bind of the material set,
    // and never frees the copies (about 1 MB a bind: memory grew with every frame drawn). A
    // storage buffer's values are not inlined; other drivers read either kind alike.
    material[0] = {0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
    for (std::uint32_t i = 1; i <= kMaterialTextures; ++i)
      material[i] = {i, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
    materialSetLayout_ = createSetLayout(device, material.data(), material.size(), "mesh material");

    const VkDescriptorSetLayoutBinding deform{0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr};
    deformSetLayout_ = createSetLayout(device, &deform, 1, "mesh morph targets");

    const std::array<VkDescriptorSetLayout, 3> sets{frameSetLayout_, materialSetLayout_, deformSetLayout_};
    const VkPushConstantRange range{kBoth, 0, sizeof(MeshPushConstants)};
    VkPipelineLayoutCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
    info.setLayoutCount = static_cast<std::uint32_t>(sets.size());
    info.pSetLayouts = sets.data();
    info.pushConstantRangeCount = 1;
    info.pPushConstantRanges = &range;
    PS_VK_CHECK(vkCreatePipelineLayout(device.device(), &info, nullptr, &layout_));
    device.setName(layout_, VK_OBJECT_TYPE_PIPELINE_LAYOUT, "mesh");
  } catch (...) {
    destroy();
    throw;
  }
}

MeshPipeline::~MeshPipeline() { destroy(); }

void MeshPipeline::destroy() noexcept {
  const VkDevice d = device_.device();
  for (auto& [key, sampler] : samplers_) vkDestroySampler(d, sampler, nullptr);
  samplers_.clear();
  vkDestroyPipelineLayout(d, layout_, nullptr);
  vkDestroyDescriptorSetLayout(d, deformSetLayout_, nullptr);
  vkDestroyDescriptorSetLayout(d, materialSetLayout_, nullptr);
  vkDestroyDescriptorSetLayout(d, frameSetLayout_, nullptr);
  layout_ = VK_NULL_HANDLE;
  deformSetLayout_ = materialSetLayout_ = frameSetLayout_ = VK_NULL_HANDLE;
}

VkSampler MeshPipeline::sampler(const scenes::TextureRef& ref) {
  const SamplerKey key{ref.wrapU, ref.wrapV, ref.magFilter, ref.minFilter, ref.mipmaps};
  if (auto it = samplers_.find(key); it != samplers_.end()) return it->second;
  VkSamplerCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO;
  info.magFilter = filter(ref.magFilter);
  info.minFilter = filter(ref.minFilter);
  // glTF's *_MIPMAP_LINEAR and *_MIPMAP_NEAREST are folded into `mipmaps`: blend between
  // levels whenever levels are used.
  info.mipmapMode = VK_SAMPLER_MIPMAP_MODE_LINEAR;
  info.addressModeU = addressMode(ref.wrapU);
  info.addressModeV = addressMode(ref.wrapV);
  info.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  info.maxLod = ref.mipmaps ? VK_LOD_CLAMP_NONE : 0.0f;
  VkSampler sampler = VK_NULL_HANDLE;
  PS_VK_CHECK(vkCreateSampler(device_.device(), &info, nullptr, &sampler));
  device_.setName(sampler, VK_OBJECT_TYPE_SAMPLER, "mesh texture " + std::to_string(samplers_.size()));
  samplers_.emplace(key, sampler);
  return sampler;
}

GraphicsPipelineDesc MeshPipeline::describe(const MeshDrawKind& kind, VkFormat colorFormat, VkFormat depthFormat) const {
  GraphicsPipelineDesc d;
  d.name = std::string("mesh") + (kind.unlit ? " unlit" : "") + (kind.blend ? " blend" : "") + (kind.doubleSided ? " double-sided" : "") +
           (kind.mirrored ? " mirrored" : "") + (kind.deformed ? " deformed" : "");
  d.layout = layout_;
  if (kind.deformed)
    d.vertex = kind.unlit ? unlitDeformVertex_.handle() : deformVertex_.handle();
  else
    d.vertex = kind.unlit ? unlitVertex_.handle() : vertex_.handle();
  d.fragment = kind.unlit ? unlitFragment_.handle() : fragment_.handle();
  d.bindings = {{0, sizeof(MeshVertex), VK_VERTEX_INPUT_RATE_VERTEX}};
  d.attributes = {{0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(MeshVertex, position)},
                  {2, 0, VK_FORMAT_R32G32_SFLOAT, offsetof(MeshVertex, uv)}};
  if (!kind.unlit) {
    d.attributes.push_back({1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(MeshVertex, normal)});
    d.attributes.push_back({3, 0, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(MeshVertex, tangent)});
  }
  if (kind.deformed) {
    d.bindings.push_back({1, sizeof(MeshSkinVertex), VK_VERTEX_INPUT_RATE_VERTEX});
    d.attributes.push_back({4, 1, VK_FORMAT_R16G16B16A16_UINT, offsetof(MeshSkinVertex, joints)});
    d.attributes.push_back({5, 1, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(MeshSkinVertex, weights)});
  }
  d.cullMode = kind.doubleSided ? VK_CULL_MODE_NONE : VK_CULL_MODE_BACK_BIT;
  // glTF's front faces wind counter-clockwise; the eye camera's projection flips y into
  // Vulkan's clip space, which keeps that winding counter-clockwise in the framebuffer.
  d.frontFace = kind.mirrored ? VK_FRONT_FACE_CLOCKWISE : VK_FRONT_FACE_COUNTER_CLOCKWISE;
  d.depthTest = true;
  d.depthWrite = !kind.blend;
  d.depthCompare = VK_COMPARE_OP_GREATER_OR_EQUAL;
  d.blend = kind.blend ? BlendMode::Alpha : BlendMode::None;
  d.colorFormat = colorFormat;
  d.depthFormat = depthFormat;
  return d;
}

}  // namespace ps::engine
