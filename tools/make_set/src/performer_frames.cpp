#include "make_set/performer_frames.h"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/mat4x4.hpp>

#include "make_set/glb_writer.h"
#include "make_set/known_sets.h"

namespace ps::make_set {

namespace {

constexpr float kFootHalf = 0.07f;  // half a leg's depth along the walk

// The unit cube scaled to `size`, hanging below `pivot` by `drop` (its centre at pivot - drop
// before turning), turned by `angle` radians about Z at the pivot, then placed by `at`.
void addBox(MeshData& mesh, const glm::mat4& at, glm::vec3 pivot, float drop, float angle, glm::vec3 size) {
  const glm::mat4 m = at * glm::translate(glm::mat4(1.0f), pivot) * glm::rotate(glm::mat4(1.0f), angle, {0, 0, 1}) *
                      glm::translate(glm::mat4(1.0f), {0, -drop, 0}) * glm::scale(glm::mat4(1.0f), size);
  const glm::mat3 normals = glm::transpose(glm::inverse(glm::mat3(m)));
  const MeshData cube = unitCube();
  const auto base = static_cast<std::uint32_t>(mesh.positions.size());
  for (std::size_t i = 0; i < cube.positions.size(); ++i) {
    mesh.positions.emplace_back(m * glm::vec4(cube.positions[i], 1.0f));
    mesh.normals.push_back(glm::normalize(normals * cube.normals[i]));
    mesh.uvs.push_back(cube.uvs[i]);
  }
  for (const std::uint32_t k : cube.indices) mesh.indices.push_back(base + k);
}

}  // namespace

std::vector<std::uint8_t> performerFrame(std::size_t index, std::size_t frames) {
  if (frames == 0 || index >= frames)
    throw std::invalid_argument("performerFrame: index " + std::to_string(index) + " of " + std::to_string(frames));
  const float along = frames > 1 ? static_cast<float>(index) / static_cast<float>(frames - 1) : 0.0f;
  const float x = kPerformerStartX + (kPerformerEndX - kPerformerStartX) * along;
  const float phase = 2.0f * std::numbers::pi_v<float> * kPerformerStrides * static_cast<float>(index) /
                      static_cast<float>(frames);
  const float swing = glm::radians(kPerformerSwingDeg) * std::sin(phase);
  // The hips come down as the legs spread, so that the lower foot's corner always touches the floor.
  const float lowest = kPerformerHipY - kPerformerLegLength * std::cos(swing) - kFootHalf * std::abs(std::sin(swing));
  const glm::mat4 at = glm::translate(glm::mat4(1.0f), {x, -lowest, kPerformerZ});

  MeshData shirt, trousers, skin;
  shirt.name = "shirt";
  trousers.name = "trousers";
  skin.name = "skin";
  const float hip = kPerformerHipY, leg = kPerformerLegLength;
  for (const float side : {-1.0f, 1.0f}) {
    addBox(trousers, at, {0, hip, 0.1f * side}, leg / 2, swing * side, {2 * kFootHalf, leg, 0.14f});
    addBox(shirt, at, {0, hip + 0.57f, 0.26f * side}, 0.3f, -0.8f * swing * side, {0.1f, 0.6f, 0.1f});
  }
  addBox(shirt, at, {0, hip + 0.6f, 0}, 0.3f, 0.0f, {0.26f, 0.6f, 0.4f});                // torso
  addBox(skin, at, {0, kPerformerHeight, 0}, 0.11f, 0.0f, {0.22f, 0.22f, 0.22f});  // head, its top at the height

  GlbWriter w;
  const auto lit = [&](const char* name, glm::vec3 colour) {
    MaterialData m;
    m.name = name;
    m.baseColor = glm::vec4(colour, 1.0f);
    return w.addMaterial(m);
  };
  const int shirtMaterial = lit("shirt", {0.2f, 0.35f, 0.8f});
  const int trousersMaterial = lit("trousers", {0.15f, 0.15f, 0.2f});
  const int skinMaterial = lit("skin", {0.9f, 0.7f, 0.55f});
  w.addNode("shirt", w.addMesh(shirt, shirtMaterial), glm::vec3(0.0f));
  w.addNode("trousers", w.addMesh(trousers, trousersMaterial), glm::vec3(0.0f));
  w.addNode("skin", w.addMesh(skin, skinMaterial), glm::vec3(0.0f));
  return w.glb();
}

}  // namespace ps::make_set
