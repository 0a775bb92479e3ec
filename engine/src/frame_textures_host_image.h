#pragma once
// A linear-tiled 2D image with its mip levels in host-visible, coherent, persistently mapped
// memory: the CPU writes texels (and builds the mips) straight where the shader samples them.
// Meant for CPU Vulkan drivers (lavapipe), where every "device" image lives in host memory
// anyway and a staging buffer only adds a copy; on a GPU, linear images sample slowly and
// FrameTextures keeps to staging + optimal images. Move-only; destroying one frees it at once,
// so the owner must know the GPU is done with it.
#include <cstdint>
#include <string_view>
#include <vector>

#include <vulkan/vulkan.h>

#include "engine/gpu_resources.h"
#include "frame_textures_mips.h"

namespace ps::engine {

class Device;

class HostImage {
 public:
  HostImage() = default;
  HostImage(const Device& device, VkFormat format, VkExtent2D extent, std::uint32_t mipLevels, std::string_view name);

  // Whether this device samples linear images of `format` with linear filtering, `mipLevels`
  // deep at `extent`, from memory the host can map coherently.
  static bool supported(const Device& device, VkFormat format, VkExtent2D extent, std::uint32_t mipLevels);

  VkImage handle() const { return objects_.image; }
  VkImageView view() const { return objects_.view; }
  std::uint32_t mipLevels() const { return static_cast<std::uint32_t>(levels_.size()); }
  // Where the host writes mip `level` (its size, pitch and mapped address).
  const PlaneLevel& level(std::uint32_t level) const { return levels_[level]; }

 private:
  ImageObjects objects_;
  std::vector<PlaneLevel> levels_;
};

}  // namespace ps::engine
