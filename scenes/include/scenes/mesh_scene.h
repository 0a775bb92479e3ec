#pragma once
// A set of meshes as plain CPU data: what media/ decodes a glTF set (and later each frame of a
// mesh sequence) into, and what the engine's mesh layer draws. Already validated: every index
// is below its primitive's vertex count, every material and image index exists, so the engine
// checks nothing again. glTF's conventions: right-handed, +Y up, -Z forward, metres; UV (0,0)
// is the image's top-left corner; base colour and emissive images are sRGB, the others linear.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <glm/gtc/type_precision.hpp>
#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include "scenes/animation.h"

namespace ps::scenes {

// Pixels as 8-bit RGBA, rows top to bottom, width * height * 4 bytes.
struct MeshImage {
  std::string name;  // the glTF image's name or URI, for messages
  std::uint32_t width = 0, height = 0;
  std::vector<std::uint8_t> rgba;
};

enum class TextureWrap { Repeat, ClampToEdge, MirroredRepeat };
enum class TextureFilter { Linear, Nearest };

struct TextureRef {
  int image = 0;  // into MeshScene::images
  TextureWrap wrapU = TextureWrap::Repeat, wrapV = TextureWrap::Repeat;
  TextureFilter magFilter = TextureFilter::Linear;
  TextureFilter minFilter = TextureFilter::Linear;
  bool mipmaps = true;  // the sampler's minification uses mip levels (the engine makes them)
};

enum class AlphaMode { Opaque, Mask, Blend };

// glTF's metallic-roughness material, the factors multiplying the textures.
struct MeshMaterial {
  std::string name;
  glm::vec4 baseColorFactor{1.0f};
  std::optional<TextureRef> baseColor;          // sRGB
  float metallicFactor = 1.0f, roughnessFactor = 1.0f;
  std::optional<TextureRef> metallicRoughness;  // linear: roughness in G, metallic in B
  std::optional<TextureRef> normal;             // linear, tangent space
  float normalScale = 1.0f;
  std::optional<TextureRef> emissive;           // sRGB
  glm::vec3 emissiveFactor{0.0f};
  bool unlit = false;  // KHR_materials_unlit: base colour only (photogrammetry sets)
  bool doubleSided = false;
  AlphaMode alphaMode = AlphaMode::Opaque;
  float alphaCutoff = 0.5f;
};

// A triangle list. positions.size() is the vertex count; normals, uvs and tangents are
// either empty or that long (tangents' w is the bitangent's sign, as glTF says).
struct MeshPrimitive {
  std::vector<glm::vec3> positions;
  std::vector<glm::vec3> normals;
  std::vector<glm::vec2> uvs;
  std::vector<glm::vec4> tangents;
  std::vector<std::uint32_t> indices;  // three per triangle; each < positions.size()
  int material = -1;                   // into MeshScene::materials; -1: glTF's default material
  glm::vec3 boundsMin{0.0f}, boundsMax{0.0f};  // of positions, in the mesh's own space
  // Skinning (JOINTS_0, WEIGHTS_0): both empty or one per vertex; joints index the skin of
  // the node drawing the mesh.
  std::vector<glm::u16vec4> joints;
  std::vector<glm::vec4> weights;
  std::vector<MorphTarget> targets;  // morph targets, as many as the mesh's weights
};

struct Mesh {
  std::string name;
  std::vector<MeshPrimitive> primitives;
  std::vector<float> weights;  // default morph weights, one per target of each primitive
};

// The node hierarchy as glTF has it (kept, not flattened, so that animation can move nodes).
struct MeshNode {
  std::string name;
  glm::mat4 local{1.0f};  // relative to the parent (glTF's matrix, or T * R * S)
  int mesh = -1;          // into MeshScene::meshes; -1: none
  int parent = -1;        // into MeshScene::nodes; -1: a root
  std::vector<int> children;
  std::optional<NodeTrs> trs;  // what animation channels move; none where glTF gives a matrix
  int skin = -1;               // into MeshScene::skins; -1: not skinned
};

// One mesh drawn where a node puts it.
struct MeshInstance {
  int node = 0;
  int mesh = 0;
  glm::mat4 world{1.0f};  // the mesh's space to the set's space
};

struct MeshScene {
  std::vector<MeshImage> images;
  std::vector<MeshMaterial> materials;
  std::vector<Mesh> meshes;
  std::vector<MeshNode> nodes;
  std::vector<int> roots;  // the nodes of the scene shown, in order
  std::vector<Skin> skins;
  std::vector<Animation> animations;

  // Every mesh of the scene's node tree with its node's world matrix, depth first.
  std::vector<MeshInstance> instances() const;
  std::size_t triangleCount() const;  // over instances(), each counted as often as it is drawn
};

}  // namespace ps::scenes
