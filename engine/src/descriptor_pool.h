#pragma once
// An owned VkDescriptorPool: the sets allocated from it are freed with it. Move-only.
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include <vulkan/vulkan.h>

namespace ps::engine {

class Device;

class DescriptorPool {
 public:
  DescriptorPool() = default;
  DescriptorPool(const Device& device, std::uint32_t maxSets, std::initializer_list<VkDescriptorPoolSize> sizes,
                 std::string_view name);
  DescriptorPool(DescriptorPool&& other) noexcept;
  DescriptorPool& operator=(DescriptorPool&& other) noexcept;
  DescriptorPool(const DescriptorPool&) = delete;
  DescriptorPool& operator=(const DescriptorPool&) = delete;
  ~DescriptorPool();

  VkDescriptorSet allocate(VkDescriptorSetLayout layout);

 private:
  void reset() noexcept;
  const Device* device_ = nullptr;
  VkDescriptorPool pool_ = VK_NULL_HANDLE;
};

}  // namespace ps::engine
