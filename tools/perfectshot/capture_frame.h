#pragma once
// One frame of a volumetric capture as `perfectshot prep` reads it: triangle lists in the
// capture's own space (node transforms baked in), each with a plain colour. OBJ and PLY are
// read through assimp (triangulated, identical vertices joined, points and lines dropped, UVs
// turned to glTF's top-left origin); GLB through the player's own glTF loader, so a frame that
// prep takes is one the player takes.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include "scenes/result.h"

namespace ps::tools {

struct CapturePrimitive {
  std::vector<glm::vec3> positions;
  std::vector<glm::vec3> normals;  // empty or one per position
  std::vector<glm::vec2> uvs;      // empty or one per position; (0,0) is the image's top-left
  std::vector<std::uint32_t> indices;
  glm::vec4 baseColor{1.0f};
  bool unlit = false;
};

struct CaptureFrame {
  std::vector<CapturePrimitive> primitives;
  // What the frame held that the package does not carry, each once ("textures", "skins"...).
  std::vector<std::string> dropped;

  std::size_t triangleCount() const;
};

// Reads an .obj, .ply or .glb (told by the extension). A file that does not parse, or holds
// no triangles, is an Error naming it.
Result<CaptureFrame> readCaptureFrame(const std::filesystem::path& file);

}  // namespace ps::tools
