#include "capture_frame.h"

#include <assimp/Importer.hpp>
#include <assimp/config.h>
#include <assimp/material.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <algorithm>
#include <cctype>

#include <glm/geometric.hpp>
#include <glm/mat3x3.hpp>
#include <glm/matrix.hpp>

#include "media/gltf_loader.h"
#include "scenes/printable.h"

namespace ps::tools {

namespace fs = std::filesystem;

namespace {

void noteDropped(CaptureFrame& frame, const std::string& what) {
  if (std::find(frame.dropped.begin(), frame.dropped.end(), what) == frame.dropped.end()) frame.dropped.push_back(what);
}

glm::vec4 diffuseOf(const aiMaterial* material, CaptureFrame& frame) {
  glm::vec4 colour{1.0f};
  if (!material) return colour;
  aiColor4D c;
  if (material->Get(AI_MATKEY_COLOR_DIFFUSE, c) == aiReturn_SUCCESS) colour = {c.r, c.g, c.b, c.a};
  if (material->GetTextureCount(aiTextureType_DIFFUSE) > 0 || material->GetTextureCount(aiTextureType_BASE_COLOR) > 0)
    noteDropped(frame, "textures");
  return colour;
}

Result<CaptureFrame> readWithAssimp(const fs::path& file) {
  Assimp::Importer importer;
  // Points and lines are not a surface; a capture's stray ones are dropped, not drawn.
  importer.SetPropertyInteger(AI_CONFIG_PP_SBP_REMOVE, aiPrimitiveType_POINT | aiPrimitiveType_LINE);
  const unsigned flags = aiProcess_Triangulate | aiProcess_JoinIdenticalVertices | aiProcess_SortByPType |
                         aiProcess_PreTransformVertices | aiProcess_FlipUVs | aiProcess_ValidateDataStructure;
  const aiScene* scene = importer.ReadFile(file.string(), flags);
  if (!scene) return Error{file.string(), "cannot be read: " + scenes::printable(importer.GetErrorString()), ""};
  if (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) return Error{file.string(), "is incomplete (assimp could not read all of it)", ""};
  CaptureFrame frame;
  for (unsigned m = 0; m < scene->mNumMeshes; ++m) {
    const aiMesh* mesh = scene->mMeshes[m];
    if (!(mesh->mPrimitiveTypes & aiPrimitiveType_TRIANGLE) || mesh->mNumFaces == 0) continue;
    CapturePrimitive p;
    p.positions.reserve(mesh->mNumVertices);
    for (unsigned v = 0; v < mesh->mNumVertices; ++v)
      p.positions.emplace_back(mesh->mVertices[v].x, mesh->mVertices[v].y, mesh->mVertices[v].z);
    if (mesh->HasNormals())
      for (unsigned v = 0; v < mesh->mNumVertices; ++v)
        p.normals.emplace_back(mesh->mNormals[v].x, mesh->mNormals[v].y, mesh->mNormals[v].z);
    if (mesh->HasTextureCoords(0))
      for (unsigned v = 0; v < mesh->mNumVertices; ++v)
        p.uvs.emplace_back(mesh->mTextureCoords[0][v].x, mesh->mTextureCoords[0][v].y);
    p.indices.reserve(std::size_t(mesh->mNumFaces) * 3);
    for (unsigned f = 0; f < mesh->mNumFaces; ++f) {
      const aiFace& face = mesh->mFaces[f];
      if (face.mNumIndices != 3) continue;  // SortByPType leaves only triangles here
      for (unsigned c = 0; c < 3; ++c) {
        if (face.mIndices[c] >= mesh->mNumVertices)
          return Error{file.string(), "face " + std::to_string(f) + " names a vertex past the " +
                                          std::to_string(mesh->mNumVertices) + " the mesh holds", ""};
        p.indices.push_back(face.mIndices[c]);
      }
    }
    if (mesh->HasVertexColors(0)) noteDropped(frame, "vertex colours");
    if (mesh->HasBones()) noteDropped(frame, "skins");
    if (mesh->mNumAnimMeshes > 0) noteDropped(frame, "morph targets");
    p.baseColor = diffuseOf(mesh->mMaterialIndex < scene->mNumMaterials ? scene->mMaterials[mesh->mMaterialIndex] : nullptr,
                            frame);
    frame.primitives.push_back(std::move(p));
  }
  return frame;
}

Result<CaptureFrame> readGlb(const fs::path& file) {
  auto set = media::loadGltf(file, file.parent_path().empty() ? fs::path(".") : file.parent_path());
  if (!set) return set.error();
  const scenes::MeshScene& scene = set->scene;
  CaptureFrame frame;
  if (!scene.skins.empty()) noteDropped(frame, "skins");
  if (!scene.animations.empty()) noteDropped(frame, "animations");
  for (const scenes::MeshInstance& instance : scene.instances()) {
    const glm::mat4& world = instance.world;
    const glm::mat3 normalMatrix = glm::transpose(glm::inverse(glm::mat3(world)));
    const bool mirrored = glm::determinant(glm::mat3(world)) < 0;
    for (const scenes::MeshPrimitive& src : scene.meshes[static_cast<std::size_t>(instance.mesh)].primitives) {
      if (src.indices.empty()) continue;
      CapturePrimitive p;
      p.positions.reserve(src.positions.size());
      for (const glm::vec3& v : src.positions) p.positions.emplace_back(world * glm::vec4(v, 1.0f));
      for (const glm::vec3& n : src.normals) {
        const glm::vec3 t = normalMatrix * n;
        const float length = glm::length(t);
        p.normals.push_back(length > 0 ? t / length : n);
      }
      p.uvs = src.uvs;
      p.indices = src.indices;
      if (mirrored)  // a mirroring node turns the winding; keep the front faces front
        for (std::size_t i = 0; i + 2 < p.indices.size(); i += 3) std::swap(p.indices[i + 1], p.indices[i + 2]);
      if (!src.targets.empty()) noteDropped(frame, "morph targets");
      if (src.material >= 0) {
        const scenes::MeshMaterial& m = scene.materials[static_cast<std::size_t>(src.material)];
        p.baseColor = m.baseColorFactor;
        p.unlit = m.unlit;
        if (m.baseColor || m.normal || m.emissive || m.metallicRoughness) noteDropped(frame, "textures");
      }
      frame.primitives.push_back(std::move(p));
    }
  }
  return frame;
}

std::string lowerExtension(const fs::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

}  // namespace

std::size_t CaptureFrame::triangleCount() const {
  std::size_t n = 0;
  for (const auto& p : primitives) n += p.indices.size() / 3;
  return n;
}

Result<CaptureFrame> readCaptureFrame(const fs::path& file) {
  const std::string ext = lowerExtension(file);
  Result<CaptureFrame> frame = ext == ".glb"                     ? readGlb(file)
                               : ext == ".obj" || ext == ".ply" ? readWithAssimp(file)
                                                                : Result<CaptureFrame>(Error{file.string(), "is not an .obj, .ply or .glb file", ""});
  if (frame && frame->triangleCount() == 0) return Error{file.string(), "holds no triangles", ""};
  return frame;
}

}  // namespace ps::tools
