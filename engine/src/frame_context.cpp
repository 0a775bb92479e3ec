#include "engine/frame_context.h"

#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/device.h"
#include "engine/vk_check.h"
#include "vk_util.h"

namespace ps::engine {

struct FrameContext::Impl {
  struct Slot {
    VkCommandPool pool = VK_NULL_HANDLE;
    VkCommandBuffer commands = VK_NULL_HANDLE;
    VkFence fence = VK_NULL_HANDLE;
    std::uint64_t serial = 0;  // of the frame last recorded here
    bool submitted = false;    // its fence will signal
  };

  Impl(const Device& d, std::uint32_t count, std::string_view name) : device(d), pipelines(d) {
    if (count < 2 || count > 3) throw std::invalid_argument("framesInFlight must be 2 or 3");
    try {
      slots.resize(count);
      for (std::uint32_t i = 0; i < count; ++i) {
        Slot& slot = slots[i];
        const std::string slotName = std::string(name) + " slot " + std::to_string(i);
        VkCommandPoolCreateInfo poolInfo{};
        poolInfo.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
        poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
        poolInfo.queueFamilyIndex = device.queueFamily();
        PS_VK_CHECK(vkCreateCommandPool(device.device(), &poolInfo, nullptr, &slot.pool));
        device.setName(slot.pool, VK_OBJECT_TYPE_COMMAND_POOL, slotName);
        VkCommandBufferAllocateInfo bufferInfo{};
        bufferInfo.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
        bufferInfo.commandPool = slot.pool;
        bufferInfo.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
        bufferInfo.commandBufferCount = 1;
        PS_VK_CHECK(vkAllocateCommandBuffers(device.device(), &bufferInfo, &slot.commands));
        device.setName(slot.commands, VK_OBJECT_TYPE_COMMAND_BUFFER, slotName);
        VkFenceCreateInfo fenceInfo{};
        fenceInfo.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
        PS_VK_CHECK(vkCreateFence(device.device(), &fenceInfo, nullptr, &slot.fence));
        device.setName(slot.fence, VK_OBJECT_TYPE_FENCE, slotName);
      }
    } catch (...) {
      destroy();
      throw;
    }
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() { destroy(); }

  void waitSlot(Slot& slot) {
    if (!slot.submitted) return;
    PS_VK_CHECK(vkWaitForFences(device.device(), 1, &slot.fence, VK_TRUE, std::numeric_limits<std::uint64_t>::max()));
    slot.submitted = false;
    noteFinished(slot.serial);
  }

  void noteFinished(std::uint64_t serial) {
    if (serial > completed) completed = serial;
  }

  std::uint64_t poll() {
    for (Slot& slot : slots) {
      if (!slot.submitted) continue;
      const VkResult status = vkGetFenceStatus(device.device(), slot.fence);
      // One queue: fences signal in submission order, so the newest signalled serial
      // vouches for every frame before it.
      if (status == VK_SUCCESS) {
        slot.submitted = false;
        noteFinished(slot.serial);
      } else if (status != VK_NOT_READY) {
        PS_VK_CHECK(status);
      }
    }
    return completed;
  }

  void destroy() noexcept {
    for (Slot& slot : slots) {
      // Must not throw from here; a lost device leaves nothing to wait for anyway.
      if (slot.submitted)
        (void)vkWaitForFences(device.device(), 1, &slot.fence, VK_TRUE, std::numeric_limits<std::uint64_t>::max());
      slot.submitted = false;
    }
    disposer.releaseAll();
    for (Slot& slot : slots) {
      if (slot.fence != VK_NULL_HANDLE) vkDestroyFence(device.device(), slot.fence, nullptr);
      if (slot.pool != VK_NULL_HANDLE) vkDestroyCommandPool(device.device(), slot.pool, nullptr);
    }
    slots.clear();
  }

  const Device& device;
  // Declared before the disposer: what the disposer holds may be pipelines' users, never the
  // other way round, and members are destroyed in reverse order.
  PipelineCache pipelines;
  Disposer disposer;
  std::vector<Slot> slots;
  std::optional<FrameRecording> recording;
  std::uint64_t nextSerial = 1;
  std::uint64_t lastSubmitted = 0;
  std::uint64_t completed = 0;
  std::uint64_t submits = 0;
};

FrameContext::FrameContext(const Device& device, std::uint32_t framesInFlight, std::string_view name)
    : impl_(std::make_unique<Impl>(device, framesInFlight, name)) {}

FrameContext::~FrameContext() = default;

const Device& FrameContext::device() const { return impl_->device; }

FrameRecording& FrameContext::begin() {
  Impl& s = *impl_;
  if (s.recording) throw std::logic_error("FrameContext::begin called twice without submit");
  const std::uint64_t serial = s.nextSerial;
  Impl::Slot& slot = s.slots[serial % s.slots.size()];
  s.waitSlot(slot);
  const std::uint64_t completed = s.poll();
  s.disposer.collect(completed);
  PS_VK_CHECK(vkResetFences(s.device.device(), 1, &slot.fence));
  PS_VK_CHECK(vkResetCommandPool(s.device.device(), slot.pool, 0));
  VkCommandBufferBeginInfo info{};
  info.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  info.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  PS_VK_CHECK(vkBeginCommandBuffer(slot.commands, &info));
  slot.serial = serial;
  ++s.nextSerial;
  s.recording.emplace(FrameRecording{s.device, slot.commands, serial, s.disposer, s.pipelines, completed});
  return *s.recording;
}

bool FrameContext::recording() const { return impl_->recording.has_value(); }

void FrameContext::submit(const SubmitSync& sync) {
  Impl& s = *impl_;
  if (!s.recording) throw std::logic_error("FrameContext::submit without begin");
  const std::uint64_t serial = s.recording->serial;
  Impl::Slot& slot = s.slots[serial % s.slots.size()];
  s.recording.reset();  // even if the submit throws, this frame's recording is over
  submitCommands(s.device.queue(), slot.commands, slot.fence, sync);
  slot.submitted = true;
  s.lastSubmitted = serial;
  ++s.submits;
}

void FrameContext::wait(std::uint64_t serial) {
  Impl& s = *impl_;
  if (serial <= s.completed) return;
  Impl::Slot& slot = s.slots[serial % s.slots.size()];
  if (slot.serial == serial) s.waitSlot(slot);
  else if (slot.serial > serial) s.noteFinished(serial);  // the slot was reused since: its frame was waited for then
}

void FrameContext::waitAll() {
  for (Impl::Slot& slot : impl_->slots) impl_->waitSlot(slot);
  impl_->disposer.collect(impl_->poll());
}

std::uint64_t FrameContext::completedSerial() { return impl_->poll(); }
std::uint64_t FrameContext::lastSubmitted() const { return impl_->lastSubmitted; }
std::uint64_t FrameContext::submitCount() const { return impl_->submits; }
Disposer& FrameContext::disposer() { return impl_->disposer; }
PipelineCache& FrameContext::pipelines() { return impl_->pipelines; }

}  // namespace ps::engine
