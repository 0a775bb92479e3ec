#pragma once
// One RGBA8 picture (the scrubber's thumbnail) that ImGuiPass frames can show in a rectangle.
// Dear ImGui 1.86's Vulkan backend cannot register a texture of ours, so the picture is drawn
// from a draw-list callback with its own small pipeline, between the backend's draws.
// One texture per frame slot: an upload never overwrites a picture a frame in flight samples.
#include <cstdint>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "engine/gpu_resources.h"
#include "engine/gui_pass.h"

namespace ps::engine {

class Device;

class ImGuiPicture {
 public:
  ImGuiPicture(const Device& device, std::uint32_t slots, VkFormat textureFormat, std::string name);
  ImGuiPicture(const ImGuiPicture&) = delete;
  ImGuiPicture& operator=(const ImGuiPicture&) = delete;
  // The owner waits for its frames first.
  ~ImGuiPicture();

  // The picture from now on (copied); width * height * 4 bytes.
  void set(const std::uint8_t* rgba, std::uint32_t width, std::uint32_t height);
  bool empty() const { return width_ == 0; }
  // Before the render pass of a frame in `slot` (whose previous frame has finished):
  // uploads the picture into the slot's texture if it changed since the slot's last upload.
  void recordUpload(VkCommandBuffer commands, std::uint32_t slot);
  // Inside the render pass: the picture in the quadrilateral of ImGuiPass::pictureQuad.
  void recordDraw(VkCommandBuffer commands, VkRenderPass pass, VkExtent2D target, std::uint32_t slot,
                  const PictureCorners& clipCorners);

 private:
  struct Slot {
    GpuImage texture;
    GpuBuffer staging;
    VkDescriptorSet set = VK_NULL_HANDLE;
    std::uint64_t version = 0;  // of the picture uploaded
  };
  void ensurePipeline(VkRenderPass pass);

  const Device& device_;
  VkFormat textureFormat_;
  std::string name_;
  std::vector<std::uint8_t> pixels_;
  std::uint32_t width_ = 0, height_ = 0;
  std::uint64_t version_ = 0;
  std::vector<Slot> slots_;
  VkSampler sampler_ = VK_NULL_HANDLE;
  VkDescriptorSetLayout setLayout_ = VK_NULL_HANDLE;
  VkDescriptorPool pool_ = VK_NULL_HANDLE;
  VkPipelineLayout layout_ = VK_NULL_HANDLE;
  VkPipeline pipeline_ = VK_NULL_HANDLE;
};

}  // namespace ps::engine
