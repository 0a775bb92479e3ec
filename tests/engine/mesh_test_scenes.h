#pragma once
// Mesh sets of known geometry built in code for the mesh layer's tests: boxes and quads with
// their normals and UVs, materials and images, one root node each.
#include <cstdint>

#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include "scenes/mesh_scene.h"

namespace ps::test {

// An axis-aligned box: 24 vertices (four per face, outward normals, each face's UVs 0..1
// with (0, 0) at its top-left seen from outside), counter-clockwise seen from outside.
scenes::MeshPrimitive boxPrimitive(glm::vec3 min, glm::vec3 max);

// A rectangle with corners topLeft, topLeft + right, topLeft + down, topLeft + right + down;
// UV (0, 0) at topLeft, (1, 1) opposite; its front (counter-clockwise) faces the side that
// sees `right` going right and `down` going down; normal cross(right, -down) normalised.
// `withNormals` false leaves the normals out (the layer then shades it flat).
scenes::MeshPrimitive quadPrimitive(glm::vec3 topLeft, glm::vec3 right, glm::vec3 down, bool withNormals = true);

// An unlit material of one colour (linear RGBA).
scenes::MeshMaterial unlitMaterial(glm::vec4 color);
// A lit dielectric: metallic 0, roughness 1.
scenes::MeshMaterial matteMaterial(glm::vec4 color);

// An image whose texel (x, y) is texel(x, y) as RGBA bytes.
template <typename Texel>
scenes::MeshImage makeImage(std::uint32_t width, std::uint32_t height, Texel texel) {
  scenes::MeshImage image{"test image", width, height, {}};
  for (std::uint32_t y = 0; y < height; ++y)
    for (std::uint32_t x = 0; x < width; ++x) {
      const glm::u8vec4 c = texel(x, y);
      image.rgba.insert(image.rgba.end(), {c.r, c.g, c.b, c.a});
    }
  return image;
}

// Builds a MeshScene one root node at a time.
class MeshSceneBuilder {
 public:
  int material(scenes::MeshMaterial m);
  int image(scenes::MeshImage image);
  // A root node drawing a new mesh of one primitive with `material` (-1: glTF's default).
  int node(scenes::MeshPrimitive primitive, int material, const glm::mat4& local = glm::mat4(1.0f));
  const scenes::MeshScene& scene() const { return scene_; }
  scenes::MeshScene take() { return std::move(scene_); }

 private:
  scenes::MeshScene scene_;
};

}  // namespace ps::test
