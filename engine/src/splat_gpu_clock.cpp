#include "splat_gpu_clock.h"

#include <vector>

#include "engine/device.h"
#include "engine/vk_check.h"

namespace ps::engine {

SplatGpuClock::SplatGpuClock(const Device& device, std::uint32_t eyes) : device_(device), perSlot_(2 + 2 * eyes) {
  std::uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(device.physicalDevice(), &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(device.physicalDevice(), &count, families.data());
  if (device.queueFamily() >= families.size() || families[device.queueFamily()].timestampValidBits == 0) return;
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(device.physicalDevice(), &properties);
  nsPerTick_ = properties.limits.timestampPeriod;
  VkQueryPoolCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO;
  info.queryType = VK_QUERY_TYPE_TIMESTAMP;
  info.queryCount = kSlots * perSlot_;
  PS_VK_CHECK(vkCreateQueryPool(device.device(), &info, nullptr, &pool_));
}

SplatGpuClock::~SplatGpuClock() {
  if (pool_ != VK_NULL_HANDLE) vkDestroyQueryPool(device_.device(), pool_, nullptr);
}

void SplatGpuClock::collect(std::uint64_t completed) {
  std::vector<std::uint64_t> ticks(perSlot_);
  for (std::uint32_t i = 0; i < kSlots; ++i) {
    Slot& slot = slots_[i];
    if (!slot.pending || slot.serial > completed) continue;
    slot.pending = false;
    const std::uint32_t pairs = slot.written / 2;
    if (pairs == 0) continue;
    const VkResult result =
        vkGetQueryPoolResults(device_.device(), pool_, i * perSlot_, pairs * 2, pairs * 2 * sizeof(std::uint64_t),
                              ticks.data(), sizeof(std::uint64_t), VK_QUERY_RESULT_64_BIT);
    if (result < 0) throwVulkanError(result, "vkGetQueryPoolResults", __FILE__, __LINE__);
    if (result == VK_NOT_READY) continue;  // the frame finished: not expected, and not worth a wait
    double ns = 0;
    for (std::uint32_t p = 0; p < pairs; ++p)
      ns += static_cast<double>(ticks[2 * p + 1] - ticks[2 * p]) * nsPerTick_;
    if (!latest_ || slot.serial > latest_->serial) latest_ = SplatTiming{slot.serial, ns * 1e-6, slot.drawn};
  }
}

SplatGpuClock::Slot* SplatGpuClock::timing(std::uint64_t serial) {
  Slot& slot = slots_[serial % kSlots];
  return available() && slot.pending && slot.serial == serial ? &slot : nullptr;
}

void SplatGpuClock::begin(VkCommandBuffer commands, std::uint64_t serial, std::uint64_t completed,
                          std::uint64_t drawn) {
  if (!available()) return;
  collect(completed);
  const std::uint32_t index = static_cast<std::uint32_t>(serial % kSlots);
  Slot& slot = slots_[index];
  // Still on the GPU (a context with more frames in flight than slots): left untimed.
  if (slot.pending) return;
  vkCmdResetQueryPool(commands, pool_, index * perSlot_, perSlot_);
  slot = Slot{serial, drawn, 0, false, true};
}

void SplatGpuClock::start(VkCommandBuffer commands, std::uint64_t serial) {
  Slot* slot = timing(serial);
  if (slot == nullptr || slot->open || slot->written + 2 > perSlot_) return;
  vkCmdWriteTimestamp(commands, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, pool_,
                      static_cast<std::uint32_t>(serial % kSlots) * perSlot_ + slot->written);
  ++slot->written;
  slot->open = true;
}

void SplatGpuClock::stop(VkCommandBuffer commands, std::uint64_t serial) {
  Slot* slot = timing(serial);
  if (slot == nullptr || !slot->open) return;
  vkCmdWriteTimestamp(commands, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, pool_,
                      static_cast<std::uint32_t>(serial % kSlots) * perSlot_ + slot->written);
  ++slot->written;
  slot->open = false;
}

}  // namespace ps::engine
