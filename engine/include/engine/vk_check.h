#pragma once
// The one checked-call helper for Vulkan. Every VkResult the engine receives goes
// through PS_VK_CHECK: a failure is logged and thrown as VulkanError carrying the
// call's text and where it was made, e.g.
//   "vkCreateImage failed: VK_ERROR_OUT_OF_DEVICE_MEMORY (engine/src/x.cpp:42)".
// Vulkan API failures are not the user's to fix, so they throw rather than return ps::Result.
#include <stdexcept>
#include <string>
#include <string_view>

#include <vulkan/vulkan.h>

namespace ps::engine {

class VulkanError : public std::runtime_error {
 public:
  VulkanError(VkResult result, const std::string& message) : std::runtime_error(message), result_(result) {}
  VkResult result() const { return result_; }

 private:
  VkResult result_;
};

std::string_view toString(VkResult result);

// Logs and throws; `call` is the text of the failed expression.
[[noreturn]] void throwVulkanError(VkResult result, std::string_view call, const char* file, int line);

}  // namespace ps::engine

// Evaluates `call` once; success codes other than VK_SUCCESS (VK_INCOMPLETE, VK_TIMEOUT...) are
// the caller's to handle, so only negative results throw.
#define PS_VK_CHECK(call)                                                                  \
  do {                                                                                     \
    const VkResult ps_vk_result_ = (call);                                                 \
    if (ps_vk_result_ < 0) ::ps::engine::throwVulkanError(ps_vk_result_, #call, __FILE__, __LINE__); \
  } while (false)
