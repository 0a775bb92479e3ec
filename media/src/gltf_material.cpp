#include "gltf_material.h"

#include <cmath>
#include <optional>
#include <string>

#include "scenes/printable.h"

namespace ps::media::gltf {

using scenes::quote;
using scenes::TextureFilter;
using scenes::TextureWrap;

namespace {

Result<TextureWrap> wrap(int mode, const std::string& at, const Context& ctx) {
  switch (mode) {
    case TINYGLTF_TEXTURE_WRAP_REPEAT: return TextureWrap::Repeat;
    case TINYGLTF_TEXTURE_WRAP_CLAMP_TO_EDGE: return TextureWrap::ClampToEdge;
    case TINYGLTF_TEXTURE_WRAP_MIRRORED_REPEAT: return TextureWrap::MirroredRepeat;
    default: return ctx.error(at, std::to_string(mode) + " is not a glTF wrap mode");
  }
}

// The texture's image and sampling, with the sampler's values checked.
Result<scenes::TextureRef> textureRef(const tinygltf::Model& model, std::size_t index, const Context& ctx) {
  const tinygltf::Texture& t = model.textures[index];
  const std::string at = pointer("textures", index);
  if (t.source < 0)
    return ctx.error(at, "has no source image (images in formats an extension adds are not read)");
  if (static_cast<std::size_t>(t.source) >= model.images.size())
    return ctx.error(at + "/source", "image " + std::to_string(t.source) + " does not exist (there are " +
                                         std::to_string(model.images.size()) + ")");
  scenes::TextureRef ref;
  ref.image = t.source;
  if (t.sampler < -1) return ctx.error(at + "/sampler", "must be a non-negative integer");
  if (t.sampler == -1) return ref;
  if (static_cast<std::size_t>(t.sampler) >= model.samplers.size())
    return ctx.error(at + "/sampler", "sampler " + std::to_string(t.sampler) + " does not exist (there are " +
                                          std::to_string(model.samplers.size()) + ")");
  const tinygltf::Sampler& s = model.samplers[static_cast<std::size_t>(t.sampler)];
  const std::string samplerAt = pointer("samplers", static_cast<std::size_t>(t.sampler));
  auto u = wrap(s.wrapS, samplerAt + "/wrapS", ctx);
  if (!u) return u.error();
  auto v = wrap(s.wrapT, samplerAt + "/wrapT", ctx);
  if (!v) return v.error();
  ref.wrapU = *u;
  ref.wrapV = *v;
  switch (s.magFilter) {
    case -1: case TINYGLTF_TEXTURE_FILTER_LINEAR: ref.magFilter = TextureFilter::Linear; break;
    case TINYGLTF_TEXTURE_FILTER_NEAREST: ref.magFilter = TextureFilter::Nearest; break;
    default: return ctx.error(samplerAt + "/magFilter", std::to_string(s.magFilter) + " is not a glTF magnification filter");
  }
  switch (s.minFilter) {
    case -1: break;  // the defaults: linear, with mipmaps
    case TINYGLTF_TEXTURE_FILTER_LINEAR: ref.mipmaps = false; break;
    case TINYGLTF_TEXTURE_FILTER_NEAREST: ref.minFilter = TextureFilter::Nearest; ref.mipmaps = false; break;
    case TINYGLTF_TEXTURE_FILTER_LINEAR_MIPMAP_NEAREST:
    case TINYGLTF_TEXTURE_FILTER_LINEAR_MIPMAP_LINEAR: break;
    case TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_NEAREST:
    case TINYGLTF_TEXTURE_FILTER_NEAREST_MIPMAP_LINEAR: ref.minFilter = TextureFilter::Nearest; break;
    default: return ctx.error(samplerAt + "/minFilter", std::to_string(s.minFilter) + " is not a glTF minification filter");
  }
  return ref;
}

// A material's texture slot: the reference, with what it carries that is not read told once.
Result<std::optional<scenes::TextureRef>> slot(const tinygltf::Model& model, int index, int texCoord,
                                               const tinygltf::ExtensionMap& extensions, const std::string& at,
                                               Context& ctx) {
  if (index == -1) return std::optional<scenes::TextureRef>{};
  if (index < 0 || static_cast<std::size_t>(index) >= model.textures.size())
    return ctx.error(at + "/index", "texture " + std::to_string(index) + " does not exist (there are " +
                                        std::to_string(model.textures.size()) + ")");
  if (texCoord != 0) ctx.warn(at + "/texCoord", "only TEXCOORD_0 is read; the texture uses it instead", "texCoord");
  for (const auto& [name, value] : extensions)
    if (name != "KHR_texture_transform")  // baked into the UVs (gltf_texture_transform.h)
      ctx.warn(at + "/extensions/" + scenes::pointerToken(name), "extension " + quote(name) + " is not read", "extension " + name);
  auto ref = textureRef(model, static_cast<std::size_t>(index), ctx);
  if (!ref) return ref.error();
  return std::optional<scenes::TextureRef>{*ref};
}

Result<float> factor(double value, const std::string& at, const Context& ctx) {
  if (!std::isfinite(value)) return ctx.error(at, "is not a finite number");
  return static_cast<float>(value);
}

Status readFactors(const tinygltf::Material& m, const std::string& at, scenes::MeshMaterial& out, const Context& ctx) {
  const auto& pbr = m.pbrMetallicRoughness;
  if (pbr.baseColorFactor.size() != 4)
    return ctx.error(at + "/pbrMetallicRoughness/baseColorFactor", "must have 4 numbers");
  for (int i = 0; i < 4; ++i) {
    auto v = factor(pbr.baseColorFactor[static_cast<std::size_t>(i)], at + "/pbrMetallicRoughness/baseColorFactor", ctx);
    if (!v) return v.error();
    out.baseColorFactor[i] = *v;
  }
  if (m.emissiveFactor.size() != 3) return ctx.error(at + "/emissiveFactor", "must have 3 numbers");
  for (int i = 0; i < 3; ++i) {
    auto v = factor(m.emissiveFactor[static_cast<std::size_t>(i)], at + "/emissiveFactor", ctx);
    if (!v) return v.error();
    out.emissiveFactor[i] = *v;
  }
  auto metallic = factor(pbr.metallicFactor, at + "/pbrMetallicRoughness/metallicFactor", ctx);
  if (!metallic) return metallic.error();
  auto roughness = factor(pbr.roughnessFactor, at + "/pbrMetallicRoughness/roughnessFactor", ctx);
  if (!roughness) return roughness.error();
  auto normalScale = factor(m.normalTexture.scale, at + "/normalTexture/scale", ctx);
  if (!normalScale) return normalScale.error();
  auto cutoff = factor(m.alphaCutoff, at + "/alphaCutoff", ctx);
  if (!cutoff) return cutoff.error();
  out.metallicFactor = *metallic;
  out.roughnessFactor = *roughness;
  out.normalScale = *normalScale;
  out.alphaCutoff = *cutoff;
  return ok();
}

Result<scenes::MeshMaterial> readMaterial(const tinygltf::Model& model, std::size_t index, Context& ctx) {
  const tinygltf::Material& m = model.materials[index];
  const std::string at = pointer("materials", index);
  scenes::MeshMaterial out;
  out.name = m.name;
  if (Status s = readFactors(m, at, out, ctx); !s) return s.error();
  if (m.alphaMode == "OPAQUE") out.alphaMode = scenes::AlphaMode::Opaque;
  else if (m.alphaMode == "MASK") out.alphaMode = scenes::AlphaMode::Mask;
  else if (m.alphaMode == "BLEND") out.alphaMode = scenes::AlphaMode::Blend;
  else return ctx.error(at + "/alphaMode", quote(m.alphaMode) + " is not OPAQUE, MASK or BLEND");
  out.doubleSided = m.doubleSided;
  for (const auto& [name, value] : m.extensions) {
    if (name == "KHR_materials_unlit") out.unlit = true;
    else ctx.warn(at + "/extensions/" + scenes::pointerToken(name), "extension " + quote(name) + " is not read",
                  "extension " + name);
  }
  const auto& pbr = m.pbrMetallicRoughness;
  auto base = slot(model, pbr.baseColorTexture.index, pbr.baseColorTexture.texCoord, pbr.baseColorTexture.extensions,
                   at + "/pbrMetallicRoughness/baseColorTexture", ctx);
  if (!base) return base.error();
  auto mr = slot(model, pbr.metallicRoughnessTexture.index, pbr.metallicRoughnessTexture.texCoord,
                 pbr.metallicRoughnessTexture.extensions, at + "/pbrMetallicRoughness/metallicRoughnessTexture", ctx);
  if (!mr) return mr.error();
  auto normal = slot(model, m.normalTexture.index, m.normalTexture.texCoord, m.normalTexture.extensions,
                     at + "/normalTexture", ctx);
  if (!normal) return normal.error();
  auto emissive = slot(model, m.emissiveTexture.index, m.emissiveTexture.texCoord, m.emissiveTexture.extensions,
                       at + "/emissiveTexture", ctx);
  if (!emissive) return emissive.error();
  if (m.occlusionTexture.index != -1) {
    auto occlusion = slot(model, m.occlusionTexture.index, m.occlusionTexture.texCoord, m.occlusionTexture.extensions,
                          at + "/occlusionTexture", ctx);
    if (!occlusion) return occlusion.error();
    ctx.warn(at + "/occlusionTexture", "occlusion textures are not read", "occlusion");
  }
  out.baseColor = *base;
  out.metallicRoughness = *mr;
  out.normal = *normal;
  out.emissive = *emissive;
  return out;
}

}  // namespace

Result<std::vector<scenes::MeshMaterial>> readMaterials(const tinygltf::Model& model, Context& ctx) {
  for (std::size_t t = 0; t < model.textures.size(); ++t) {
    auto ref = textureRef(model, t, ctx);
    if (!ref) return ref.error();
  }
  std::vector<scenes::MeshMaterial> out;
  out.reserve(model.materials.size());
  for (std::size_t i = 0; i < model.materials.size(); ++i) {
    auto m = readMaterial(model, i, ctx);
    if (!m) return m.error();
    out.push_back(std::move(m).value());
  }
  return out;
}

}  // namespace ps::media::gltf
