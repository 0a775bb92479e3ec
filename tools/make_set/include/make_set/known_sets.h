#pragma once
// The generated glTF sets whose geometry tests predict, the demo shows and benchmarks time.
//
// The demo set (demoSet()), in glTF's stage space (metres, +Y up, -Z forward, floor y = 0):
//   - floor: a 6 x 6 m square at y = 0, x and z from -3 to 3, normal +Y, 2 triangles; UVs run
//     0..6 across it (one texture repeat per metre); lit, "floor" checker texture.
//   - box "box_lit": a 1 m cube centred at (0, 0.5, -2) (x -0.5..0.5, y 0..1, z -2.5..-1.5);
//     lit, "red" checker texture.
//   - box "box_unlit": a 0.5 m cube centred at (-1.25, 0.25, -1.5); KHR_materials_unlit,
//     "blue" checker texture.
//   - box "box_plain": a 0.5 m cube centred at (1.25, 0.25, -1.5); lit, no texture, base
//     colour (0.2, 0.7, 0.2, 1).
//   Each box is the unit cube mesh (24 vertices, 12 triangles, one face per UV square) under
//   a root node with translation and scale; the floor is a mesh of its own under a root node.
//   Textures: 256 x 256 PNG checkers of 8 x 8 squares, each square with a 1-pixel grid line,
//   fine enough to need mipmaps when seen from afar.
//
// The benchmark sphere (sphereSet(triangles)): a UV sphere of radius 1 centred at (0, 1.5, -3)
// with r rings and 2r segments, r = ceil(sqrt(triangles / 4)), hence exactly 4 r^2 triangles
// (10,000 for 10k, 101,124 for 100k, 1,000,000 for 1M) and (r + 1)(2r + 1) vertices; lit,
// "floor" checker texture; 32-bit indices when the vertices need them.
#include <cstdint>
#include <string>
#include <vector>

#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include "make_set/glb_writer.h"

namespace ps::make_set {

struct KnownBox {
  const char* name;
  glm::vec3 centre;
  float size;  // edge length in metres
  bool unlit;
  bool textured;
};

inline constexpr float kFloorHalfSize = 3.0f;
inline constexpr KnownBox kDemoBoxes[] = {
    {"box_lit", {0.0f, 0.5f, -2.0f}, 1.0f, false, true},
    {"box_unlit", {-1.25f, 0.25f, -1.5f}, 0.5f, true, true},
    {"box_plain", {1.25f, 0.25f, -1.5f}, 0.5f, false, false},
};
inline constexpr glm::vec4 kPlainColour{0.2f, 0.7f, 0.2f, 1.0f};
inline constexpr std::uint32_t kCheckerSize = 256, kCheckerSquares = 8;
inline constexpr glm::vec3 kSphereCentre{0.0f, 1.5f, -3.0f};
inline constexpr float kSphereRadius = 1.0f;

// A kCheckerSize-square RGBA checker of `a` and `b` squares with darker grid lines.
std::vector<std::uint8_t> checker(glm::vec3 a, glm::vec3 b);
MeshData unitCube();                       // centred at the origin, edge 1
MeshData floorSquare(float halfSize);      // at y = 0
MeshData uvSphere(std::uint32_t rings);    // radius 1 at the origin, 2 * rings segments
std::uint32_t sphereRings(std::uint64_t triangles);

std::vector<std::uint8_t> demoSet();
std::vector<std::uint8_t> sphereSet(std::uint64_t triangles);

}  // namespace ps::make_set
