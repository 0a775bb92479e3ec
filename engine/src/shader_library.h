#pragma once
// The engine's compiled shaders. By default the SPIR-V embedded at build time; when the
// environment variable PERFECTSHOT_SHADER_DIR is set, <dir>/<name>.spv is read instead (to try
// a shader without relinking).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include <vulkan/vulkan.h>

namespace ps::engine {

class Device;

struct EmbeddedShader {
  std::string_view name;  // source file name, e.g. "equirect.frag"
  const unsigned char* bytes;
  std::size_t size;
};

std::span<const EmbeddedShader> embeddedShaders();  // generated

// SPIR-V words of the shader compiled from engine/shaders/<name>; throws when missing.
std::vector<std::uint32_t> loadSpirv(std::string_view name);

// An owned VkShaderModule; move-only.
class ShaderModule {
 public:
  ShaderModule(const Device& device, std::string_view name);
  ShaderModule(const ShaderModule&) = delete;
  ShaderModule& operator=(const ShaderModule&) = delete;
  ~ShaderModule();
  VkShaderModule handle() const { return module_; }

 private:
  const Device& device_;
  VkShaderModule module_ = VK_NULL_HANDLE;
};

}  // namespace ps::engine
