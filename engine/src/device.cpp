#include "engine/device.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <spdlog/spdlog.h>

#include "engine/dma_buf_support.h"
#include "engine/vk_check.h"
#include "vk_util.h"

namespace ps::engine {

namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

bool validationWanted(const DeviceOptions& options) {
  if (const char* env = std::getenv("PERFECTSHOT_VALIDATION"); env != nullptr && *env != '\0')
    return std::strcmp(env, "0") != 0;
  if (options.validation) return *options.validation;
#ifdef NDEBUG
  return false;
#else
  return true;
#endif
}

bool hasLayer(const char* name) {
  const auto layers = enumerate<VkLayerProperties>(
      "vkEnumerateInstanceLayerProperties",
      [](std::uint32_t* n, VkLayerProperties* out) { return vkEnumerateInstanceLayerProperties(n, out); });
  return std::any_of(layers.begin(), layers.end(),
                     [&](const VkLayerProperties& l) { return std::strcmp(l.layerName, name) == 0; });
}

bool hasInstanceExtension(const char* name, const char* layer) {
  const auto extensions = enumerate<VkExtensionProperties>(
      "vkEnumerateInstanceExtensionProperties",
      [&](std::uint32_t* n, VkExtensionProperties* out) { return vkEnumerateInstanceExtensionProperties(layer, n, out); });
  return std::any_of(extensions.begin(), extensions.end(),
                     [&](const VkExtensionProperties& e) { return std::strcmp(e.extensionName, name) == 0; });
}

bool hasDeviceExtension(VkPhysicalDevice physicalDevice, const std::string& name) {
  const auto extensions = enumerate<VkExtensionProperties>(
      "vkEnumerateDeviceExtensionProperties", [&](std::uint32_t* n, VkExtensionProperties* out) {
        return vkEnumerateDeviceExtensionProperties(physicalDevice, nullptr, n, out);
      });
  return std::any_of(extensions.begin(), extensions.end(),
                     [&](const VkExtensionProperties& e) { return name == e.extensionName; });
}

}  // namespace

std::optional<std::uint32_t> findGraphicsQueueFamily(VkPhysicalDevice physicalDevice) {
  std::uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(physicalDevice, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(physicalDevice, &count, families.data());
  for (std::uint32_t i = 0; i < count; ++i)
    if ((families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) != 0) return i;
  return std::nullopt;
}

struct Device::State {
  VkInstance instance = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger = VK_NULL_HANDLE;
  VkPhysicalDevice physicalDevice = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  VkQueue queue = VK_NULL_HANDLE;
  std::uint32_t queueFamily = 0;
  bool validation = false;
  bool importsDmaBuf = false;
  DeviceFunctions fn;
  VkPhysicalDeviceMemoryProperties memory{};
  std::atomic<std::uint64_t> validationMessages{0};

  State() = default;
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  ~State() {
    if (device != VK_NULL_HANDLE) vkDestroyDevice(device, nullptr);
    if (messenger != VK_NULL_HANDLE) fn.destroyDebugUtilsMessenger(instance, messenger, nullptr);
    if (instance != VK_NULL_HANDLE) vkDestroyInstance(instance, nullptr);
  }

  static VKAPI_ATTR VkBool32 VKAPI_CALL onMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                  VkDebugUtilsMessageTypeFlagsEXT /*types*/,
                                                  const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
    auto* self = static_cast<State*>(user);
    self->validationMessages.fetch_add(1, std::memory_order_relaxed);
    const char* text = data != nullptr && data->pMessage != nullptr ? data->pMessage : "(no message)";
    if ((severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) != 0)
      spdlog::error("[vulkan] {}", text);
    else
      spdlog::warn("[vulkan] {}", text);
    return VK_FALSE;  // the spec requires applications to return false
  }

  VkDebugUtilsMessengerCreateInfoEXT messengerInfo() {
    VkDebugUtilsMessengerCreateInfoEXT info{};
    info.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT;
    info.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    info.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                       VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
    info.pfnUserCallback = &State::onMessage;
    info.pUserData = this;
    return info;
  }

  template <typename Pfn>
  Pfn load(const char* name) const {
    return reinterpret_cast<Pfn>(vkGetInstanceProcAddr(instance, name));
  }
};

Result<Device> Device::create(const DeviceOptions& options) {
  StandaloneDeviceFactory factory;
  return create(options, factory);
}

Result<Device> Device::create(const DeviceOptions& options, DeviceFactory& factory) {
  auto state = std::make_unique<State>();

  state->validation = validationWanted(options);
  if (state->validation && !hasLayer(kValidationLayer)) {
    spdlog::warn("Vulkan validation requested but {} is not installed; running without it", kValidationLayer);
    state->validation = false;
  }
  const bool debugUtils = hasInstanceExtension(VK_EXT_DEBUG_UTILS_EXTENSION_NAME, nullptr) ||
                          (state->validation && hasInstanceExtension(VK_EXT_DEBUG_UTILS_EXTENSION_NAME, kValidationLayer));

  std::vector<const char*> layers;
  if (state->validation) layers.push_back(kValidationLayer);
  std::vector<const char*> extensions;
  if (debugUtils) extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  for (const std::string& name : options.instanceExtensions) {
    if (!hasInstanceExtension(name.c_str(), nullptr))
      return Error{"Vulkan", "the Vulkan driver lacks the instance extension " + name, "update the GPU driver"};
    extensions.push_back(name.c_str());
  }

  VkApplicationInfo app{};

  app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
  app.pApplicationName = options.appName.c_str();
  app.pEngineName = "PerfectShot";
  app.apiVersion = VK_API_VERSION_1_3;
  // Chained into instance creation too, so messages from vkCreateInstance/vkDestroyInstance count.
  VkDebugUtilsMessengerCreateInfoEXT messengerInfo = state->messengerInfo();
  VkInstanceCreateInfo instanceInfo{};
  instanceInfo.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
  instanceInfo.pNext = state->validation && debugUtils ? &messengerInfo : nullptr;
  instanceInfo.pApplicationInfo = &app;
  instanceInfo.enabledLayerCount = static_cast<std::uint32_t>(layers.size());
  instanceInfo.ppEnabledLayerNames = layers.data();
  instanceInfo.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
  instanceInfo.ppEnabledExtensionNames = extensions.data();
  state->instance = factory.createInstance(instanceInfo);

  if (debugUtils) {
    state->fn.createDebugUtilsMessenger = state->load<PFN_vkCreateDebugUtilsMessengerEXT>("vkCreateDebugUtilsMessengerEXT");
    state->fn.destroyDebugUtilsMessenger = state->load<PFN_vkDestroyDebugUtilsMessengerEXT>("vkDestroyDebugUtilsMessengerEXT");
    state->fn.setDebugUtilsObjectName = state->load<PFN_vkSetDebugUtilsObjectNameEXT>("vkSetDebugUtilsObjectNameEXT");
  }
  if (state->validation && state->fn.createDebugUtilsMessenger != nullptr) {
    PS_VK_CHECK(state->fn.createDebugUtilsMessenger(state->instance, &messengerInfo, nullptr, &state->messenger));
  }

  auto physical = factory.choosePhysicalDevice(state->instance);
  if (!physical) return physical.error();
  state->physicalDevice = physical.value();
  if (!isUsablePhysicalDevice(state->physicalDevice)) {
    return Error{"Vulkan", "the chosen device lacks Vulkan 1.3, dynamic rendering or a graphics queue",
                 "update the GPU driver"};
  }
  state->queueFamily = *findGraphicsQueueFamily(state->physicalDevice);
  vkGetPhysicalDeviceMemoryProperties(state->physicalDevice, &state->memory);

  std::vector<const char*> deviceExtensions;
  for (const std::string& name : options.deviceExtensions) {
    if (!hasDeviceExtension(state->physicalDevice, name))
      return Error{"Vulkan", "the chosen Vulkan device lacks the extension " + name, "update the GPU driver"};
    deviceExtensions.push_back(name.c_str());
  }
  // Optional: without them a hardware-decoded picture cannot be shown, and plates decode in software.
  state->importsDmaBuf = missingDmaBufExtensions(state->physicalDevice).empty();
  if (state->importsDmaBuf) {
    for (const char* name : dmaBufImportExtensions())
      if (std::none_of(deviceExtensions.begin(), deviceExtensions.end(),
                       [&](const char* e) { return std::strcmp(e, name) == 0; }))
        deviceExtensions.push_back(name);
  }

  const float priority = 1.0f;
  VkDeviceQueueCreateInfo queueInfo{};
  queueInfo.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
  queueInfo.queueFamilyIndex = state->queueFamily;
  queueInfo.queueCount = 1;
  queueInfo.pQueuePriorities = &priority;
  VkPhysicalDeviceVulkan13Features features13{};
  features13.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES;
  features13.dynamicRendering = VK_TRUE;
  VkPhysicalDeviceFeatures2 features{};
  features.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2;
  features.pNext = &features13;
  VkDeviceCreateInfo deviceInfo{};
  deviceInfo.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
  deviceInfo.pNext = &features;
  deviceInfo.queueCreateInfoCount = 1;
  deviceInfo.pQueueCreateInfos = &queueInfo;
  deviceInfo.enabledExtensionCount = static_cast<std::uint32_t>(deviceExtensions.size());
  deviceInfo.ppEnabledExtensionNames = deviceExtensions.data();
  state->device = factory.createDevice(state->physicalDevice, deviceInfo);
  vkGetDeviceQueue(state->device, state->queueFamily, 0, &state->queue);
  if (state->importsDmaBuf) {
    state->fn.getMemoryFdProperties = reinterpret_cast<PFN_vkGetMemoryFdPropertiesKHR>(
        vkGetDeviceProcAddr(state->device, "vkGetMemoryFdPropertiesKHR"));
    state->importsDmaBuf = state->fn.getMemoryFdProperties != nullptr;
  }

  Device device(std::move(state));
  device.setName(device.state_->queue, VK_OBJECT_TYPE_QUEUE, "graphics queue");
  return device;
}

Device::Device(std::unique_ptr<State> state) : state_(std::move(state)) {}
Device::Device(Device&&) noexcept = default;
Device& Device::operator=(Device&&) noexcept = default;
Device::~Device() = default;

VkInstance Device::instance() const { return state_->instance; }
VkPhysicalDevice Device::physicalDevice() const { return state_->physicalDevice; }
VkDevice Device::device() const { return state_->device; }
VkQueue Device::queue() const { return state_->queue; }
std::uint32_t Device::queueFamily() const { return state_->queueFamily; }
const DeviceFunctions& Device::functions() const { return state_->fn; }
bool Device::validationEnabled() const { return state_->validation; }
bool Device::importsDmaBuf() const { return state_->importsDmaBuf; }
std::uint64_t Device::validationMessageCount() const {
  return state_->validationMessages.load(std::memory_order_relaxed);
}

void Device::setName(VkObjectType type, std::uint64_t handle, std::string_view name) const {
  if (state_->fn.setDebugUtilsObjectName == nullptr || handle == 0) return;
  const std::string terminated(name);
  VkDebugUtilsObjectNameInfoEXT info{};
  info.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_OBJECT_NAME_INFO_EXT;
  info.objectType = type;
  info.objectHandle = handle;
  info.pObjectName = terminated.c_str();
  PS_VK_CHECK(state_->fn.setDebugUtilsObjectName(state_->device, &info));
}

std::uint32_t Device::findMemoryType(std::uint32_t typeBits, VkMemoryPropertyFlags required) const {
  for (std::uint32_t i = 0; i < state_->memory.memoryTypeCount; ++i) {
    if ((typeBits & (1u << i)) != 0 && (state_->memory.memoryTypes[i].propertyFlags & required) == required) return i;
  }
  throw std::runtime_error("no Vulkan memory type with the required properties");
}

}  // namespace ps::engine
