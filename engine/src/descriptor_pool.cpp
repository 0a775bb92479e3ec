#include "descriptor_pool.h"

#include <utility>
#include <vector>

#include "engine/device.h"
#include "engine/vk_check.h"

namespace ps::engine {

DescriptorPool::DescriptorPool(const Device& device, std::uint32_t maxSets,
                               std::initializer_list<VkDescriptorPoolSize> sizes, std::string_view name)
    : device_(&device) {
  std::vector<VkDescriptorPoolSize> nonEmpty;
  for (const VkDescriptorPoolSize& s : sizes)
    if (s.descriptorCount > 0) nonEmpty.push_back(s);
  VkDescriptorPoolCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
  info.maxSets = maxSets;
  info.poolSizeCount = static_cast<std::uint32_t>(nonEmpty.size());
  info.pPoolSizes = nonEmpty.data();
  PS_VK_CHECK(vkCreateDescriptorPool(device.device(), &info, nullptr, &pool_));
  device.setName(pool_, VK_OBJECT_TYPE_DESCRIPTOR_POOL, name);
}

DescriptorPool::DescriptorPool(DescriptorPool&& other) noexcept
    : device_(std::exchange(other.device_, nullptr)), pool_(std::exchange(other.pool_, VK_NULL_HANDLE)) {}

DescriptorPool& DescriptorPool::operator=(DescriptorPool&& other) noexcept {
  if (this != &other) {
    reset();
    device_ = std::exchange(other.device_, nullptr);
    pool_ = std::exchange(other.pool_, VK_NULL_HANDLE);
  }
  return *this;
}

DescriptorPool::~DescriptorPool() { reset(); }

void DescriptorPool::reset() noexcept {
  if (device_ != nullptr && pool_ != VK_NULL_HANDLE) vkDestroyDescriptorPool(device_->device(), pool_, nullptr);
  pool_ = VK_NULL_HANDLE;
  device_ = nullptr;
}

VkDescriptorSet DescriptorPool::allocate(VkDescriptorSetLayout layout) {
  VkDescriptorSetAllocateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
  info.descriptorPool = pool_;
  info.descriptorSetCount = 1;
  info.pSetLayouts = &layout;
  VkDescriptorSet set = VK_NULL_HANDLE;
  PS_VK_CHECK(vkAllocateDescriptorSets(device_->device(), &info, &set));
  return set;
}

}  // namespace ps::engine
