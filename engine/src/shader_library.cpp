#include "shader_library.h"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include <spdlog/spdlog.h>

#include "engine/device.h"
#include "engine/vk_check.h"

namespace ps::engine {

namespace {

std::vector<std::uint32_t> toWords(const unsigned char* bytes, std::size_t size, std::string_view name) {
  if (size == 0 || size % 4 != 0) throw std::runtime_error("shader " + std::string(name) + " is not SPIR-V");
  std::vector<std::uint32_t> words(size / 4);
  std::memcpy(words.data(), bytes, size);
  return words;
}

}  // namespace

std::vector<std::uint32_t> loadSpirv(std::string_view name) {
  if (const char* dir = std::getenv("PERFECTSHOT_SHADER_DIR"); dir != nullptr && *dir != '\0') {
    const std::string path = std::string(dir) + "/" + std::string(name) + ".spv";
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot read shader " + path + " (PERFECTSHOT_SHADER_DIR is set)");
    const std::vector<unsigned char> bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    spdlog::debug("shader {} from {}", name, path);
    return toWords(bytes.data(), bytes.size(), name);
  }
  for (const EmbeddedShader& shader : embeddedShaders())
    if (shader.name == name) return toWords(shader.bytes, shader.size, name);
  throw std::runtime_error("no embedded shader named " + std::string(name));
}

ShaderModule::ShaderModule(const Device& device, std::string_view name) : device_(device) {
  const std::vector<std::uint32_t> words = loadSpirv(name);
  VkShaderModuleCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO;
  info.codeSize = words.size() * sizeof(std::uint32_t);
  info.pCode = words.data();
  PS_VK_CHECK(vkCreateShaderModule(device.device(), &info, nullptr, &module_));
  device.setName(module_, VK_OBJECT_TYPE_SHADER_MODULE, name);
}

ShaderModule::~ShaderModule() { vkDestroyShaderModule(device_.device(), module_, nullptr); }

}  // namespace ps::engine
