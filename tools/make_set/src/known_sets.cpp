#include "make_set/known_sets.h"

#include <cmath>

#include <glm/geometric.hpp>
#include <glm/gtc/constants.hpp>

namespace ps::make_set {

namespace {

MaterialData material(const char* name, std::optional<int> texture, bool unlit = false,
                      glm::vec4 baseColor = glm::vec4(1.0f)) {
  MaterialData m;
  m.name = name;
  m.texture = texture;
  m.unlit = unlit;
  m.baseColor = baseColor;
  return m;
}

}  // namespace

std::vector<std::uint8_t> checker(glm::vec3 a, glm::vec3 b) {
  std::vector<std::uint8_t> rgba(std::size_t(kCheckerSize) * kCheckerSize * 4);
  const std::uint32_t square = kCheckerSize / kCheckerSquares;
  for (std::uint32_t y = 0; y < kCheckerSize; ++y)
    for (std::uint32_t x = 0; x < kCheckerSize; ++x) {
      const bool first = ((x / square) + (y / square)) % 2 == 0;
      const bool line = x % square == 0 || y % square == 0;
      const glm::vec3 c = (first ? a : b) * (line ? 0.5f : 1.0f);
      std::uint8_t* p = &rgba[(std::size_t(y) * kCheckerSize + x) * 4];
      for (int i = 0; i < 3; ++i) p[i] = static_cast<std::uint8_t>(std::lround(c[i] * 255.0f));
      p[3] = 255;
    }
  return rgba;
}

MeshData unitCube() {
  MeshData m;
  m.name = "unit_cube";
  // Each face: its normal and two axes spanning it, counter-clockwise seen from outside.
  const glm::vec3 normals[6] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
  for (const glm::vec3& n : normals) {
    const glm::vec3 u = n.y != 0 ? glm::vec3(1, 0, 0) : glm::cross(glm::vec3(0, 1, 0), n);
    const glm::vec3 v = glm::cross(n, u);
    const auto base = static_cast<std::uint32_t>(m.positions.size());
    const glm::vec2 corners[4] = {{-0.5f, -0.5f}, {0.5f, -0.5f}, {0.5f, 0.5f}, {-0.5f, 0.5f}};
    for (const glm::vec2& c : corners) {
      m.positions.push_back(n * 0.5f + u * c.x + v * c.y);
      m.normals.push_back(n);
      m.uvs.push_back({c.x + 0.5f, 0.5f - c.y});  // UV (0,0) is the image's top-left
    }
    m.indices.insert(m.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
  }
  return m;
}

MeshData floorSquare(float h) {
  MeshData m;
  m.name = "floor";
  m.positions = {{-h, 0, h}, {h, 0, h}, {h, 0, -h}, {-h, 0, -h}};
  m.normals.assign(4, glm::vec3(0, 1, 0));
  const float repeats = 2 * h;
  m.uvs = {{0, repeats}, {repeats, repeats}, {repeats, 0}, {0, 0}};
  m.indices = {0, 1, 2, 0, 2, 3};
  return m;
}

std::uint32_t sphereRings(std::uint64_t triangles) {
  const auto r = static_cast<std::uint32_t>(std::ceil(std::sqrt(static_cast<double>(triangles) / 4.0)));
  return r < 2 ? 2 : r;
}

MeshData uvSphere(std::uint32_t rings) {
  MeshData m;
  m.name = "sphere";
  const std::uint32_t segments = 2 * rings;
  for (std::uint32_t i = 0; i <= rings; ++i) {
    const float theta = glm::pi<float>() * static_cast<float>(i) / static_cast<float>(rings);
    for (std::uint32_t j = 0; j <= segments; ++j) {
      const float phi = 2 * glm::pi<float>() * static_cast<float>(j) / static_cast<float>(segments);
      const glm::vec3 n(std::sin(theta) * std::cos(phi), std::cos(theta), -std::sin(theta) * std::sin(phi));
      m.positions.push_back(n);
      m.normals.push_back(n);
      m.uvs.push_back({4.0f * static_cast<float>(j) / static_cast<float>(segments),
                       2.0f * static_cast<float>(i) / static_cast<float>(rings)});
    }
  }
  const std::uint32_t row = segments + 1;
  for (std::uint32_t i = 0; i < rings; ++i)
    for (std::uint32_t j = 0; j < segments; ++j) {
      const std::uint32_t a = i * row + j, b = a + row;
      m.indices.insert(m.indices.end(), {a, b, a + 1, a + 1, b, b + 1});
    }
  return m;
}

std::vector<std::uint8_t> demoSet() {
  GlbWriter w;
  const int floorTexture = w.addPng(kCheckerSize, kCheckerSize, checker({0.8f, 0.8f, 0.8f}, {0.3f, 0.3f, 0.3f}), "floor");
  const int redTexture = w.addPng(kCheckerSize, kCheckerSize, checker({0.9f, 0.2f, 0.2f}, {1, 1, 1}), "red");
  const int blueTexture = w.addPng(kCheckerSize, kCheckerSize, checker({0.2f, 0.3f, 0.9f}, {1, 1, 1}), "blue");
  const int floorMaterial = w.addMaterial(material("floor", floorTexture));
  const int litMaterial = w.addMaterial(material("lit", redTexture));
  const int unlitMaterial = w.addMaterial(material("unlit", blueTexture, true));
  const int plainMaterial = w.addMaterial(material("plain", std::nullopt, false, kPlainColour));
  const int floorMesh = w.addMesh(floorSquare(kFloorHalfSize), floorMaterial);
  w.addNode("floor", floorMesh, glm::vec3(0.0f));
  const int materials[] = {litMaterial, unlitMaterial, plainMaterial};
  for (int i = 0; i < 3; ++i) {
    const KnownBox& b = kDemoBoxes[i];
    MeshData cube = unitCube();
    cube.name = b.name;
    const int mesh = w.addMesh(cube, materials[i]);
    w.addNode(b.name, mesh, b.centre, glm::vec3(b.size));
  }
  return w.glb();
}

std::vector<std::uint8_t> sphereSet(std::uint64_t triangles) {
  GlbWriter w;
  const int texture = w.addPng(kCheckerSize, kCheckerSize, checker({0.8f, 0.8f, 0.8f}, {0.3f, 0.3f, 0.3f}), "floor");
  const int mesh = w.addMesh(uvSphere(sphereRings(triangles)), w.addMaterial(material("sphere", texture)));
  w.addNode("sphere", mesh, kSphereCentre, glm::vec3(kSphereRadius));
  return w.glb();
}

}  // namespace ps::make_set
