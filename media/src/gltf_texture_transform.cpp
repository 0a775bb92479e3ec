#include "gltf_texture_transform.h"

#include <cmath>
#include <optional>
#include <string>

namespace ps::media::gltf {

namespace {

constexpr const char* kTransform = "KHR_texture_transform";

struct Transform {
  glm::dvec2 offset{0.0}, scale{1.0};
  double rotation = 0.0;
  bool operator==(const Transform&) const = default;
};

Result<glm::dvec2> pair(const tinygltf::Value& v, const std::string& at, const Context& ctx) {
  if (!v.IsArray() || v.ArrayLen() != 2 || !v.Get(0).IsNumber() || !v.Get(1).IsNumber())
    return ctx.error(at, "must be an array of two numbers");
  const glm::dvec2 out{v.Get(0).GetNumberAsDouble(), v.Get(1).GetNumberAsDouble()};
  if (!std::isfinite(out.x) || !std::isfinite(out.y)) return ctx.error(at, "must be finite");
  return out;
}

// The transform of one texture slot; nullopt when the slot is empty.
Result<std::optional<Transform>> read(int index, const tinygltf::ExtensionMap& extensions, const std::string& slotAt,
                                      Context& ctx) {
  if (index < 0) return std::optional<Transform>{};
  const auto it = extensions.find(kTransform);
  if (it == extensions.end()) return std::optional<Transform>{Transform{}};
  const tinygltf::Value& e = it->second;
  const std::string at = slotAt + "/extensions/" + kTransform;
  if (!e.IsObject()) return ctx.error(at, "must be an object");
  Transform t;
  if (e.Has("offset")) {
    auto v = pair(e.Get("offset"), at + "/offset", ctx);
    if (!v) return v.error();
    t.offset = *v;
  }
  if (e.Has("scale")) {
    auto v = pair(e.Get("scale"), at + "/scale", ctx);
    if (!v) return v.error();
    t.scale = *v;
  }
  if (e.Has("rotation")) {
    const tinygltf::Value& r = e.Get("rotation");
    if (!r.IsNumber() || !std::isfinite(r.GetNumberAsDouble())) return ctx.error(at + "/rotation", "must be a finite number");
    t.rotation = r.GetNumberAsDouble();
  }
  if (e.Has("texCoord")) {
    const tinygltf::Value& c = e.Get("texCoord");
    if (!c.IsInt() || c.GetNumberAsInt() < 0) return ctx.error(at + "/texCoord", "must be a non-negative integer");
    if (c.GetNumberAsInt() != 0)
      ctx.warn(at + "/texCoord", "only TEXCOORD_0 is read; the texture uses it instead", "texCoord");
  }
  return std::optional<Transform>{t};
}

}  // namespace

Status applyTextureTransform(const tinygltf::Model& model, int material, std::vector<glm::vec2>& uvs, Context& ctx) {
  if (material < 0 || static_cast<std::size_t>(material) >= model.materials.size() || uvs.empty()) return ok();
  const tinygltf::Material& m = model.materials[static_cast<std::size_t>(material)];
  const std::string at = pointer("materials", static_cast<std::size_t>(material));
  const auto& pbr = m.pbrMetallicRoughness;
  const struct {
    int index;
    const tinygltf::ExtensionMap& extensions;
    std::string at;
  } slots[] = {
      {pbr.baseColorTexture.index, pbr.baseColorTexture.extensions, at + "/pbrMetallicRoughness/baseColorTexture"},
      {pbr.metallicRoughnessTexture.index, pbr.metallicRoughnessTexture.extensions,
       at + "/pbrMetallicRoughness/metallicRoughnessTexture"},
      {m.normalTexture.index, m.normalTexture.extensions, at + "/normalTexture"},
      {m.emissiveTexture.index, m.emissiveTexture.extensions, at + "/emissiveTexture"},
  };
  // Occlusion textures are not drawn, so their transforms do not count.
  std::optional<Transform> chosen;
  bool differ = false;
  for (const auto& slot : slots) {
    auto t = read(slot.index, slot.extensions, slot.at, ctx);
    if (!t) return t.error();
    if (!*t) continue;
    if (!chosen) chosen = *t;
    else differ = differ || !(**t == *chosen);
  }
  if (differ)
    ctx.warn(at, std::string("its textures have different ") + kTransform +
                     "s; the first (base colour's, if it has one) is applied to all", "texture transforms differ");
  if (!chosen || *chosen == Transform{}) return ok();
  const double c = std::cos(chosen->rotation), s = std::sin(chosen->rotation);
  for (glm::vec2& uv : uvs) {
    const double u = uv.x * chosen->scale.x, v = uv.y * chosen->scale.y;
    uv = glm::vec2(static_cast<float>(c * u + s * v + chosen->offset.x), static_cast<float>(-s * u + c * v + chosen->offset.y));
  }
  return ok();
}

}  // namespace ps::media::gltf
