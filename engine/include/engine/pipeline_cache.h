#pragma once
// The device's pipelines, built once each and kept: one VkPipelineCache behind every graphics
// pipeline (depth, blending, vertex input) and compute pipeline the layers use. A layer asks
// for the pipeline its description names each frame; the first ask builds it, later ones find
// it. Descriptions are compared whole, so two layers asking for the same state share one.
// Formats come from the eye targets (dynamic rendering: no render pass objects).
// Thread: the owner's. Destroying the cache destroys its pipelines: the owner waits first.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <vulkan/vulkan.h>

namespace ps::engine {

class Device;

enum class BlendMode {
  None,           // the fragment replaces what is there
  Alpha,          // straight alpha: src * a + dst * (1 - a)
  Premultiplied,  // src + dst * (1 - a)
};

struct GraphicsPipelineDesc {
  std::string name;  // for debuggers and messages
  VkPipelineLayout layout = VK_NULL_HANDLE;
  VkShaderModule vertex = VK_NULL_HANDLE;
  VkShaderModule fragment = VK_NULL_HANDLE;
  std::vector<VkVertexInputBindingDescription> bindings;
  std::vector<VkVertexInputAttributeDescription> attributes;
  VkPrimitiveTopology topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
  VkCullModeFlags cullMode = VK_CULL_MODE_NONE;
  VkFrontFace frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
  // Reverse-Z (eye_camera.h): nearer is greater.
  bool depthTest = true;
  bool depthWrite = true;
  VkCompareOp depthCompare = VK_COMPARE_OP_GREATER_OR_EQUAL;
  BlendMode blend = BlendMode::None;
  VkFormat colorFormat = VK_FORMAT_UNDEFINED;
  VkFormat depthFormat = VK_FORMAT_UNDEFINED;  // UNDEFINED: a pass without depth
  // The fragment shader's specialisation constants: map entries into `constantData`.
  std::vector<VkSpecializationMapEntry> fragmentConstants;
  std::vector<std::byte> constantData;
};

class PipelineCache {
 public:
  explicit PipelineCache(const Device& device);
  PipelineCache(const PipelineCache&) = delete;
  PipelineCache& operator=(const PipelineCache&) = delete;
  ~PipelineCache();

  VkPipelineCache handle() const { return cache_; }
  // The pipeline for `desc`, built on first ask. Throws VulkanError when it cannot be built.
  VkPipeline graphics(const GraphicsPipelineDesc& desc);
  VkPipeline compute(std::string_view name, VkPipelineLayout layout, VkShaderModule shader);
  // Pipelines built so far.
  std::size_t size() const { return pipelines_.size(); }

 private:
  const Device& device_;
  VkPipelineCache cache_ = VK_NULL_HANDLE;
  std::map<std::string, VkPipeline> pipelines_;  // by the description's bytes
};

}  // namespace ps::engine
