#include "engine/dma_buf_support.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "dma_buf_image.h"
#include "engine/device.h"
#include "engine/device_factory.h"
#include "engine/vk_check.h"
#include "plane_format.h"
#include "vk_util.h"

namespace ps::engine {

const std::vector<const char*>& dmaBufImportExtensions() {
  static const std::vector<const char*> names = {
      VK_KHR_EXTERNAL_MEMORY_FD_EXTENSION_NAME,     // import by fd
      VK_EXT_EXTERNAL_MEMORY_DMA_BUF_EXTENSION_NAME,  // the fd is a dma-buf
      VK_EXT_IMAGE_DRM_FORMAT_MODIFIER_EXTENSION_NAME,  // the decoder's tiling, said by its modifier
      VK_EXT_QUEUE_FAMILY_FOREIGN_EXTENSION_NAME,   // the decoder wrote it outside this device
  };
  return names;
}

std::vector<std::string> missingDmaBufExtensions(VkPhysicalDevice physicalDevice) {
  const auto available = enumerate<VkExtensionProperties>(
      "vkEnumerateDeviceExtensionProperties", [&](std::uint32_t* n, VkExtensionProperties* out) {
        return vkEnumerateDeviceExtensionProperties(physicalDevice, nullptr, n, out);
      });
  std::vector<std::string> missing;
  for (const char* name : dmaBufImportExtensions())
    if (std::none_of(available.begin(), available.end(),
                     [&](const VkExtensionProperties& e) { return std::strcmp(e.extensionName, name) == 0; }))
      missing.emplace_back(name);
  return missing;
}

std::optional<std::string> whyNoDmaBufImport() {
  VkApplicationInfo app{};
  app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
  app.pApplicationName = "PerfectShot dma-buf probe";
  app.apiVersion = VK_API_VERSION_1_3;
  VkInstanceCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
  info.pApplicationInfo = &app;
  VkInstance instance = VK_NULL_HANDLE;
  if (const VkResult r = vkCreateInstance(&info, nullptr, &instance); r != VK_SUCCESS)
    return "no Vulkan instance: vkCreateInstance: " + std::string(toString(r));
  struct Owner {
    VkInstance instance;
    ~Owner() { vkDestroyInstance(instance, nullptr); }
  } owner{instance};
  const auto devices = enumerate<VkPhysicalDevice>(
      "vkEnumeratePhysicalDevices", [&](std::uint32_t* n, VkPhysicalDevice* out) {
        return vkEnumeratePhysicalDevices(instance, n, out);
      });
  std::string why;
  for (VkPhysicalDevice device : devices) {
    if (!isUsablePhysicalDevice(device)) continue;
    const std::vector<std::string> missing = missingDmaBufExtensions(device);
    if (missing.empty()) return std::nullopt;
    VkPhysicalDeviceProperties properties{};
    vkGetPhysicalDeviceProperties(device, &properties);
    std::string list;
    for (const std::string& name : missing) list += (list.empty() ? "" : ", ") + name;
    why += (why.empty() ? "" : "; ") + std::string(properties.deviceName) + " lacks " + list;
  }
  if (why.empty()) return std::string("no usable Vulkan device");
  return why;
}

std::optional<std::string> whyCannotImport(const Device& device, const FrameView& frame) {
  if (!frame.dmaBuf) return std::string("the picture is not in GPU memory");
  try {
    for (int p = 0; p < planeCount(frame.format); ++p) {
      const VkExtent2D extent{planeWidth(frame.format, p, frame.width), planeHeight(frame.format, p, frame.height)};
      DmaBufImage(device, frame.dmaBuf->planes[static_cast<std::size_t>(p)], planeFormat(frame.format, p), extent,
                  "dma-buf import check");
    }
  } catch (const std::invalid_argument& e) {
    return std::string(e.what());
  } catch (const VulkanError& e) {
    return std::string(e.what());
  }
  return std::nullopt;
}

}  // namespace ps::engine
