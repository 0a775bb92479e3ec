#pragma once
// A mesh set's textures on the GPU: an RGBA8 image uploaded from a staging buffer into a
// sampled image with its full mip chain, made on the GPU by linear blits where the format
// allows them (and a 2x2 box filter on the CPU where it does not), left in
// SHADER_READ_ONLY_OPTIMAL for the fragment shader. Base colour and emissive images are sRGB
// (the blits then average linear values), the others UNORM.
#include <cstdint>
#include <string_view>
#include <vector>

#include <vulkan/vulkan.h>

#include "engine/gpu_resources.h"
#include "scenes/mesh_scene.h"

namespace ps::engine {

class Device;
class MeshRecycler;

// Levels down to 1x1: floor(log2(max(width, height))) + 1.
std::uint32_t fullMipChain(std::uint32_t width, std::uint32_t height);

// Whether the device samples `format` with linear filtering and can blit it (source and
// destination, linear filter) in optimal tiling: the GPU can then make the mip chain.
bool canBlitMips(const Device& device, VkFormat format);

class TextureUpload {
 public:
  // `gpuMips`: canBlitMips for the format (asked once by the caller). An image larger than the
  // device's images (`maxExtent`: imageLimit's) is halved on the CPU until it fits: drawn a
  // little softer rather than not at all.
  TextureUpload(const scenes::MeshImage& image, VkFormat format, bool gpuMips, VkExtent2D maxExtent);
  // Bytes it needs in the staging buffer (level 0, or every level when the CPU makes them).
  VkDeviceSize stagingBytes() const { return stagingBytes_; }
  // Writes the pixels into `staging` (host-visible, mapped) at `offset`, creates the image and
  // records the copy and the mip chain into `commands`.
  // `recycler`, when not null, gives the image (one of the same description from a finished frame).
  GpuImage record(const Device& device, VkCommandBuffer commands, const GpuBuffer& staging, VkDeviceSize offset,
                  std::string_view name, MeshRecycler* recycler = nullptr) const;

 private:
  const std::uint8_t* pixels_;  // level 0: the image's, or reduced_'s
  VkExtent2D extent_;
  std::vector<std::uint8_t> reduced_;
  VkFormat format_;
  bool gpuMips_;
  std::uint32_t levels_;
  VkDeviceSize stagingBytes_ = 0;
};

// The 1x1 textures a material without a texture samples, so every material binds four:
// white (sRGB and UNORM: the factors alone) and a flat normal (0.5, 0.5, 1).
struct MeshDefaultTextures {
  GpuImage whiteSrgb;
  GpuImage whiteLinear;
  GpuImage flatNormal;
};

// Creates them and records their upload from a staging buffer it hands to `stagingOut`.
MeshDefaultTextures recordDefaultTextures(const Device& device, VkCommandBuffer commands, GpuBuffer& stagingOut);

}  // namespace ps::engine
