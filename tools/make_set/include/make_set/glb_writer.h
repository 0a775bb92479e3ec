#pragma once
// A small GLB writer for generated sets: meshes with positions, normals, UVs and indices,
// PNG textures embedded in the BIN chunk, metallic-roughness or unlit materials, and a flat
// list of root nodes placed by translation and scale. Deterministic: the same calls give the
// same bytes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>
#include <nlohmann/json.hpp>

namespace ps::make_set {

struct MeshData {
  std::string name;
  std::vector<glm::vec3> positions, normals;
  std::vector<glm::vec2> uvs;
  std::vector<std::uint32_t> indices;  // written as unsigned short when every index fits
};

struct MaterialData {
  std::string name;
  glm::vec4 baseColor{1.0f};
  std::optional<int> texture;  // an image added with addPng, sampled with repeat and trilinear mips
  float metallic = 0.0f, roughness = 0.8f;
  bool unlit = false;
};

class GlbWriter {
 public:
  int addPng(std::uint32_t width, std::uint32_t height, const std::vector<std::uint8_t>& rgba, const std::string& name);
  int addMaterial(const MaterialData& material);
  int addMesh(const MeshData& mesh, int material);
  // A root node showing `mesh`, scaled, then moved to `translation`.
  int addNode(const std::string& name, int mesh, glm::vec3 translation, glm::vec3 scale = glm::vec3(1.0f));
  std::vector<std::uint8_t> glb() const;

 private:
  nlohmann::json doc_ = nlohmann::json::object();
  std::vector<std::uint8_t> bin_;
  int addView(const void* data, std::size_t bytes);
  int append(const char* array, nlohmann::json entry);
};

}  // namespace ps::make_set
