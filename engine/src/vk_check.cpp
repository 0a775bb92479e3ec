#include "engine/vk_check.h"

#include <spdlog/spdlog.h>

namespace ps::engine {

std::string_view toString(VkResult result) {
  switch (result) {
#define PS_VK_RESULT_NAME(r) \
  case r: return #r;
    PS_VK_RESULT_NAME(VK_SUCCESS)
    PS_VK_RESULT_NAME(VK_NOT_READY)
    PS_VK_RESULT_NAME(VK_TIMEOUT)
    PS_VK_RESULT_NAME(VK_EVENT_SET)
    PS_VK_RESULT_NAME(VK_EVENT_RESET)
    PS_VK_RESULT_NAME(VK_INCOMPLETE)
    PS_VK_RESULT_NAME(VK_ERROR_OUT_OF_HOST_MEMORY)
    PS_VK_RESULT_NAME(VK_ERROR_OUT_OF_DEVICE_MEMORY)
    PS_VK_RESULT_NAME(VK_ERROR_INITIALIZATION_FAILED)
    PS_VK_RESULT_NAME(VK_ERROR_DEVICE_LOST)
    PS_VK_RESULT_NAME(VK_ERROR_MEMORY_MAP_FAILED)
    PS_VK_RESULT_NAME(VK_ERROR_LAYER_NOT_PRESENT)
    PS_VK_RESULT_NAME(VK_ERROR_EXTENSION_NOT_PRESENT)
    PS_VK_RESULT_NAME(VK_ERROR_FEATURE_NOT_PRESENT)
    PS_VK_RESULT_NAME(VK_ERROR_INCOMPATIBLE_DRIVER)
    PS_VK_RESULT_NAME(VK_ERROR_TOO_MANY_OBJECTS)
    PS_VK_RESULT_NAME(VK_ERROR_FORMAT_NOT_SUPPORTED)
    PS_VK_RESULT_NAME(VK_ERROR_FRAGMENTED_POOL)
    PS_VK_RESULT_NAME(VK_ERROR_UNKNOWN)
    PS_VK_RESULT_NAME(VK_ERROR_OUT_OF_POOL_MEMORY)
    PS_VK_RESULT_NAME(VK_ERROR_INVALID_EXTERNAL_HANDLE)
    PS_VK_RESULT_NAME(VK_ERROR_FRAGMENTATION)
    PS_VK_RESULT_NAME(VK_ERROR_INVALID_OPAQUE_CAPTURE_ADDRESS)
    PS_VK_RESULT_NAME(VK_ERROR_SURFACE_LOST_KHR)
    PS_VK_RESULT_NAME(VK_ERROR_NATIVE_WINDOW_IN_USE_KHR)
    PS_VK_RESULT_NAME(VK_SUBOPTIMAL_KHR)
    PS_VK_RESULT_NAME(VK_ERROR_OUT_OF_DATE_KHR)
    PS_VK_RESULT_NAME(VK_ERROR_VALIDATION_FAILED_EXT)
#undef PS_VK_RESULT_NAME
    default: return "VK_RESULT_UNKNOWN";
  }
}

void throwVulkanError(VkResult result, std::string_view call, const char* file, int line) {
  // Keep only the call's function name: the arguments make the message unreadable.
  const std::string_view function = call.substr(0, call.find('('));
  // Report the path from the module folder on, not the build machine's absolute path.
  std::string_view where = file;
  if (const auto module = where.rfind("/engine/"); module != std::string_view::npos) where.remove_prefix(module + 1);
  std::string message = std::string(function) + " failed: " + std::string(toString(result)) + " (" +
                        std::string(where) + ":" + std::to_string(line) + ")";
  spdlog::error("{}", message);
  throw VulkanError(result, message);
}

}  // namespace ps::engine
