#pragma once
// RgbdLayer's fixed state: its shaders (rgbd.vert displaces the grid by depth, rgbd.frag samples
// the colour as equirect.frag does), the descriptor set layout of one eye of one picture (three
// colour planes, three depth planes, the picture's constants), push constants, samplers, and
// its pipeline for each target format, depth format and colour packing, kept by the
// PipelineCache. Its vertex input is one patch per instance. Opaque geometry: depth tested and written (reverse-Z).
#include <compare>
#include <cstdint>

#include <glm/mat4x4.hpp>
#include <glm/vec4.hpp>
#include <vulkan/vulkan.h>

#include "plane_packing.h"
#include "scenes/layout.h"
#include "shader_library.h"

namespace ps::engine {

class Device;
class PipelineCache;

// Mirrors `Picture` in rgbd_depth.glsl (a read-only storage buffer): one per uploaded picture.
struct RgbdPicture {
  glm::vec4 yuvToRgb[3];
  glm::vec4 depthYuvToRgb[3];
  glm::vec4 code;    // x: sampled UNORM to integer code, y, z: v = code * y + z
  glm::vec4 metres;  // x: near, y: far
  glm::ivec4 mode;   // x: encoding (DepthEncoding's order), y: 180-degree source, z: Cb and Cr interleaved
};

// Mirrors `Params` in rgbd.vert.
struct RgbdPushConstants {
  glm::mat4 clipFromCapture;
  glm::vec4 grid;    // x: grid points per patch side (w > 0: the sphere's columns), y: its rows, z: discontinuity,
                     // w: > 0: a sphere of this radius rather than the depth picture
  glm::ivec4 cells;  // patches: x: cells across a patch at the draw's level, y: grid points per cell;
                     // the sphere: x: cells across the drawn rectangle, y: its first column, z: its first row
  glm::vec4 eyeRays;  // a stereo picture's eye: x: its rays' offset (left < 0), y: 0 none, 1 a camera, 2 ODS
};
static_assert(sizeof(RgbdPushConstants) <= 128, "the push constant block must fit the guaranteed 128 bytes");

struct RgbdDrawVariant {
  VkFormat targetFormat = VK_FORMAT_UNDEFINED;
  VkFormat depthFormat = VK_FORMAT_UNDEFINED;
  PlanePacking packing = PlanePacking::Planes;  // Planes or Interleaved
  bool checkTexels = true;  // the grid's draws; false for the far sphere (depth tested before shading)
  auto operator<=>(const RgbdDrawVariant&) const = default;
};

class RgbdPipeline {
 public:
  static constexpr std::uint32_t kColourBindings = 3;   // bindings 0..2
  static constexpr std::uint32_t kDepthBindings = 3;    // bindings 3..5
  static constexpr std::uint32_t kPictureBinding = 6;
  // Vertex buffer binding 0, per instance: one patch (RgbdPatchInstance, 4 ints).
  static constexpr std::uint32_t kInstanceStride = 16;

  RgbdPipeline(const Device& device, PipelineCache& pipelines);
  RgbdPipeline(const RgbdPipeline&) = delete;
  RgbdPipeline& operator=(const RgbdPipeline&) = delete;
  ~RgbdPipeline();

  VkDescriptorSetLayout setLayout() const { return setLayout_; }
  VkPipelineLayout layout() const { return layout_; }
  // Colour: 360 wraps in u, 180 clamps. Depth is only fetched (texelFetch): any sampler.
  VkSampler colourSampler(Projection projection) const;
  VkSampler depthSampler() const { return nearestSampler_; }
  VkPipeline pipelineFor(const RgbdDrawVariant& variant) const;

 private:
  void destroy() noexcept;

  const Device& device_;
  PipelineCache& pipelines_;
  ShaderModule vertex_;
  ShaderModule fragment_;
  VkDescriptorSetLayout setLayout_ = VK_NULL_HANDLE;
  VkPipelineLayout layout_ = VK_NULL_HANDLE;
  VkSampler wrapSampler_ = VK_NULL_HANDLE;
  VkSampler clampSampler_ = VK_NULL_HANDLE;
  VkSampler nearestSampler_ = VK_NULL_HANDLE;
};

}  // namespace ps::engine
