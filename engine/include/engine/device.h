#pragma once
// Device: the Vulkan instance, the validation messenger, the physical device, the logical
// device and one graphics queue, owned together and destroyed together. Move-only.
// No globals: every function pointer and counter lives here, so two Devices can coexist.
// Thread: a Device may be used from one thread at a time (the queue is not locked).
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <vulkan/vulkan.h>

#include "engine/device_factory.h"
#include "scenes/result.h"

namespace ps::engine {

struct DeviceOptions {
  std::string appName = "PerfectShot";
  // Khronos validation layer. Unset: on in Debug builds, off in Release.
  // The environment variable PERFECTSHOT_VALIDATION=1 / =0 overrides both.
  std::optional<bool> validation;
  // Extensions a display backend needs beyond the engine's own, e.g. a window's surface
  // (instance) and swapchain (device) extensions. One the driver lacks makes create() an Error.
  std::vector<std::string> instanceExtensions;
  std::vector<std::string> deviceExtensions;
};

// Extension entry points, loaded per instance. Null when the extension is absent.
struct DeviceFunctions {
  PFN_vkCreateDebugUtilsMessengerEXT createDebugUtilsMessenger = nullptr;
  PFN_vkDestroyDebugUtilsMessengerEXT destroyDebugUtilsMessenger = nullptr;
  PFN_vkSetDebugUtilsObjectNameEXT setDebugUtilsObjectName = nullptr;
  // Device-level, loaded where the device imports dma-bufs.
  PFN_vkGetMemoryFdPropertiesKHR getMemoryFdProperties = nullptr;
};

class Device {
 public:
  // The standalone path: instance and device from the Vulkan loader.
  static Result<Device> create(const DeviceOptions& options = {});
  // Through a backend's factory (OpenXR). The factory must outlive this call only.
  static Result<Device> create(const DeviceOptions& options, DeviceFactory& factory);

  Device(Device&&) noexcept;
  Device& operator=(Device&&) noexcept;
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;
  ~Device();

  VkInstance instance() const;
  VkPhysicalDevice physicalDevice() const;
  VkDevice device() const;
  VkQueue queue() const;
  std::uint32_t queueFamily() const;
  const DeviceFunctions& functions() const;
  bool validationEnabled() const;
  // Whether pictures in GPU memory (FrameView::dmaBuf) can be shown: the device has the
  // extensions of dmaBufImportExtensions(), which are then enabled.
  bool importsDmaBuf() const;

  // Warnings and errors reported by the validation layer since creation (each is also logged).
  std::uint64_t validationMessageCount() const;

  // Names a Vulkan object for debuggers and validation messages; no-op without VK_EXT_debug_utils.
  void setName(VkObjectType type, std::uint64_t handle, std::string_view name) const;
  template <typename Handle>
  void setName(Handle handle, VkObjectType type, std::string_view name) const {
    setName(type, reinterpret_cast<std::uint64_t>(handle), name);
  }

  // Index of a memory type allowed by `typeBits` with all `required` flags; throws when none.
  std::uint32_t findMemoryType(std::uint32_t typeBits, VkMemoryPropertyFlags required) const;

 private:
  struct State;
  explicit Device(std::unique_ptr<State> state);
  // Heap-allocated so the messenger's user-data pointer stays valid when a Device moves.
  std::unique_ptr<State> state_;
};

}  // namespace ps::engine
