#include "gltf_prepass.h"

#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "gltf_compression_json.h"
#include "gltf_data_uri.h"
#include "gltf_package_path.h"
#include "scenes/printable.h"
#include "scenes/problem.h"

namespace ps::media::gltf {

using nlohmann::json;
using scenes::quote;

namespace {

constexpr std::array kArrays = {"accessors", "animations", "buffers", "bufferViews", "cameras", "images",
                                "materials", "meshes",     "nodes",   "samplers",    "scenes",  "skins",
                                "textures",  "extensionsUsed", "extensionsRequired"};
constexpr std::array kSupportedRequired = {"KHR_materials_unlit", "KHR_draco_mesh_compression", "EXT_meshopt_compression",
                                          "KHR_mesh_quantization", "KHR_texture_transform"};

// A member that must be a non-negative integer when present; nullopt when absent.
Result<std::optional<std::uint64_t>> unsignedMember(const json& o, const char* name, const Context& ctx,
                                                    const std::string& at) {
  const auto it = o.find(name);
  if (it == o.end()) return std::optional<std::uint64_t>{};
  if (it->is_number_unsigned()) return std::optional<std::uint64_t>{it->get<std::uint64_t>()};
  return ctx.error(at + "/" + name, "must be a non-negative integer");
}

const json* array(const json& doc, const char* name) {
  const auto it = doc.find(name);
  return it == doc.end() ? nullptr : &*it;
}

Status checkBuffers(const json& doc, const Container& c, Context& ctx, std::vector<std::uint64_t>& lengths) {
  const json* buffers = array(doc, "buffers");
  if (!buffers) return ok();
  for (std::size_t i = 0; i < buffers->size(); ++i) {
    const json& b = (*buffers)[i];
    const std::string at = pointer("buffers", i);
    if (!b.is_object()) return ctx.error(at, "must be an object");
    auto length = unsignedMember(b, "byteLength", ctx, at);
    if (!length) return length.error();
    if (!*length || **length == 0) return ctx.error(at + "/byteLength", "must be a positive integer");
    const std::uint64_t n = **length;
    lengths.push_back(n);
    if (isFallbackBuffer(b)) continue;  // its buffer views are decoded from elsewhere
    const auto uri = b.find("uri");
    if (uri == b.end()) {
      if (!c.glb || i != 0 || !c.hasBin)
        return ctx.error(at, "has no uri, and only the first buffer of a GLB with a BIN chunk may do without");
      if (n > c.binSize)
        return ctx.error(at + "/byteLength", std::to_string(n) + " is more than the GLB's BIN chunk of " +
                                                 std::to_string(c.binSize) + " bytes");
      continue;
    }
    if (!uri->is_string()) return ctx.error(at + "/uri", "must be a string");
    const std::string& text = uri->get_ref<const std::string&>();
    if (isDataUri(text)) {
      auto decoded = checkDataUri(text, ctx, at + "/uri");
      if (!decoded) return decoded.error();
      if (*decoded != n)
        return ctx.error(at + "/uri", "data URI holds " + std::to_string(*decoded) + " bytes; byteLength says " +
                                          std::to_string(n));
      continue;
    }
    auto file = resolveUri(text, ctx, at + "/uri");
    if (!file) return file.error();
    if (file->size != n)
      return ctx.error(at + "/uri", quote(text) + " is " + std::to_string(file->size) + " bytes; byteLength says " +
                                        std::to_string(n));
  }
  return ok();
}

Status checkBufferViews(const json& doc, const Context& ctx, const std::vector<std::uint64_t>& bufferLengths) {
  const json* views = array(doc, "bufferViews");
  if (!views) return ok();
  for (std::size_t i = 0; i < views->size(); ++i) {
    const json& v = (*views)[i];
    const std::string at = pointer("bufferViews", i);
    if (!v.is_object()) return ctx.error(at, "must be an object");
    auto buffer = unsignedMember(v, "buffer", ctx, at);
    if (!buffer) return buffer.error();
    if (!*buffer) return ctx.error(at, "has no buffer");
    if (**buffer >= bufferLengths.size())
      return ctx.error(at + "/buffer", "buffer " + std::to_string(**buffer) + " does not exist (there are " +
                                           std::to_string(bufferLengths.size()) + ")");
    auto offset = unsignedMember(v, "byteOffset", ctx, at);
    if (!offset) return offset.error();
    auto length = unsignedMember(v, "byteLength", ctx, at);
    if (!length) return length.error();
    if (!*length || **length == 0) return ctx.error(at + "/byteLength", "must be a positive integer");
    auto stride = unsignedMember(v, "byteStride", ctx, at);
    if (!stride) return stride.error();
    if (*stride && (**stride < 4 || **stride > 252 || **stride % 4 != 0))
      return ctx.error(at + "/byteStride", std::to_string(**stride) + " is not a multiple of 4 from 4 to 252");
    const std::uint64_t begin = offset->value_or(0), n = **length, total = bufferLengths[**buffer];
    if (begin > total || n > total - begin)
      return ctx.error(at, "bytes " + std::to_string(begin) + " to " + std::to_string(begin + n) + " run past buffer " +
                               std::to_string(**buffer) + " (" + std::to_string(total) + " bytes)");
  }
  return ok();
}

Status checkImages(const json& doc, const Context& ctx) {
  const json* images = array(doc, "images");
  if (!images) return ok();
  const json* views = array(doc, "bufferViews");
  const std::size_t viewCount = views ? views->size() : 0;
  for (std::size_t i = 0; i < images->size(); ++i) {
    const json& image = (*images)[i];
    const std::string at = pointer("images", i);
    if (!image.is_object()) return ctx.error(at, "must be an object");
    const bool hasView = image.contains("bufferView"), hasUri = image.contains("uri");
    if (hasView == hasUri) return ctx.error(at, "must have either a uri or a bufferView");
    if (hasView) {
      auto view = unsignedMember(image, "bufferView", ctx, at);
      if (!view) return view.error();
      if (**view >= viewCount)
        return ctx.error(at + "/bufferView", "buffer view " + std::to_string(**view) + " does not exist (there are " +
                                                 std::to_string(viewCount) + ")");
      continue;
    }
    const json& uri = image["uri"];
    if (!uri.is_string()) return ctx.error(at + "/uri", "must be a string");
    const std::string& text = uri.get_ref<const std::string&>();
    if (isDataUri(text)) {
      auto decoded = checkDataUri(text, ctx, at + "/uri");
      if (!decoded) return decoded.error();
      if (*decoded == 0) return ctx.error(at + "/uri", "data URI holds no bytes");
      continue;
    }
    auto file = resolveUri(text, ctx, at + "/uri");
    if (!file) return file.error();
    if (file->size == 0) return ctx.error(at + "/uri", quote(text) + " is empty");
  }
  return ok();
}

// tinygltf follows a primitive's indices to their buffer view while it parses; make sure it can.
Status checkIndexAccessors(const json& doc, const Context& ctx) {
  const json* meshes = array(doc, "meshes");
  if (!meshes) return ok();
  const json* accessors = array(doc, "accessors");
  const json* views = array(doc, "bufferViews");
  const std::size_t accessorCount = accessors ? accessors->size() : 0, viewCount = views ? views->size() : 0;
  for (std::size_t m = 0; m < meshes->size(); ++m) {
    const json& mesh = (*meshes)[m];
    if (!mesh.is_object()) return ctx.error(pointer("meshes", m), "must be an object");
    const auto primitives = mesh.find("primitives");
    if (primitives == mesh.end() || !primitives->is_array() || primitives->empty())
      return ctx.error(pointer("meshes", m), "must have a non-empty array of primitives");
    for (std::size_t p = 0; p < primitives->size(); ++p) {
      const json& primitive = (*primitives)[p];
      const std::string at = pointer("meshes", m) + "/primitives/" + std::to_string(p);
      if (!primitive.is_object()) return ctx.error(at, "must be an object");
      auto indices = unsignedMember(primitive, "indices", ctx, at);
      if (!indices) return indices.error();
      if (!*indices) continue;
      // A Draco primitive's indices are decoded from the Draco buffer view.
      const auto extensions = primitive.find("extensions");
      if (extensions != primitive.end() && extensions->contains("KHR_draco_mesh_compression")) continue;
      if (**indices >= accessorCount)
        return ctx.error(at + "/indices", "accessor " + std::to_string(**indices) + " does not exist (there are " +
                                              std::to_string(accessorCount) + ")");
      const json& accessor = (*accessors)[**indices];
      const std::string accessorAt = pointer("accessors", **indices);
      if (!accessor.is_object()) return ctx.error(accessorAt, "must be an object");
      auto view = unsignedMember(accessor, "bufferView", ctx, accessorAt);
      if (!view) return view.error();
      if (!*view) return ctx.error(accessorAt, "holds indices (" + at + ") but has no bufferView");
      if (**view >= viewCount)
        return ctx.error(accessorAt + "/bufferView", "buffer view " + std::to_string(**view) +
                                                         " does not exist (there are " + std::to_string(viewCount) + ")");
    }
  }
  return ok();
}

enum class Kind { Object, Number, Unsigned, Boolean, String, Array };

const char* kindName(Kind k) {
  switch (k) {
    case Kind::Object: return "an object";
    case Kind::Number: return "a number";
    case Kind::Unsigned: return "a non-negative integer";
    case Kind::Boolean: return "true or false";
    case Kind::String: return "a string";
    case Kind::Array: return "an array";
  }
  return "";
}

bool isKind(const json& v, Kind k) {
  switch (k) {
    case Kind::Object: return v.is_object();
    case Kind::Number: return v.is_number();
    case Kind::Unsigned: return v.is_number_unsigned();
    case Kind::Boolean: return v.is_boolean();
    case Kind::String: return v.is_string();
    case Kind::Array: return v.is_array();
  }
  return false;
}

struct Member {
  const char* name;
  Kind kind;
};

Status checkMembers(const json& o, std::initializer_list<Member> members, const std::string& at, const Context& ctx) {
  if (!o.is_object()) return ctx.error(at, "must be an object");
  for (const Member& m : members) {
    const auto it = o.find(m.name);
    if (it != o.end() && !isKind(*it, m.kind)) return ctx.error(at + "/" + m.name, std::string("must be ") + kindName(m.kind));
  }
  // Every extension's value is an object (glTF's schema), read or not.
  const auto extensions = o.find("extensions");
  if (extensions == o.end()) return ok();
  if (!extensions->is_object()) return ctx.error(at + "/extensions", "must be an object");
  for (const auto& [key, value] : extensions->items())
    if (!value.is_object()) return ctx.error(at + "/extensions/" + scenes::pointerToken(key), "must be an object");
  return ok();
}

// tinygltf keeps the default of a material member of the wrong type; the set's author meant
// something else, so it is refused.
Status checkMaterials(const json& doc, const Context& ctx) {
  const json* materials = array(doc, "materials");
  if (!materials) return ok();
  const std::initializer_list<Member> textureInfo = {
      {"index", Kind::Unsigned}, {"texCoord", Kind::Unsigned}, {"scale", Kind::Number}, {"strength", Kind::Number},
      {"extensions", Kind::Object}};
  for (std::size_t i = 0; i < materials->size(); ++i) {
    const json& m = (*materials)[i];
    const std::string at = pointer("materials", i);
    if (Status s = checkMembers(m, {{"name", Kind::String}, {"pbrMetallicRoughness", Kind::Object},
                                    {"normalTexture", Kind::Object}, {"occlusionTexture", Kind::Object},
                                    {"emissiveTexture", Kind::Object}, {"emissiveFactor", Kind::Array},
                                    {"alphaMode", Kind::String}, {"alphaCutoff", Kind::Number},
                                    {"doubleSided", Kind::Boolean}, {"extensions", Kind::Object}},
                                at, ctx);
        !s)
      return s;
    for (const char* t : {"normalTexture", "occlusionTexture", "emissiveTexture"})
      if (m.contains(t))
        if (Status s = checkMembers(m[t], textureInfo, at + "/" + t, ctx); !s) return s;
    if (!m.contains("pbrMetallicRoughness")) continue;
    const json& pbr = m["pbrMetallicRoughness"];
    const std::string pbrAt = at + "/pbrMetallicRoughness";
    if (Status s = checkMembers(pbr, {{"baseColorFactor", Kind::Array}, {"metallicFactor", Kind::Number},
                                      {"roughnessFactor", Kind::Number}, {"baseColorTexture", Kind::Object},
                                      {"metallicRoughnessTexture", Kind::Object}},
                                pbrAt, ctx);
        !s)
      return s;
    for (const char* t : {"baseColorTexture", "metallicRoughnessTexture"})
      if (pbr.contains(t))
        if (Status s = checkMembers(pbr[t], textureInfo, pbrAt + "/" + t, ctx); !s) return s;
  }
  return ok();
}

}  // namespace

Status prepass(const Container& c, Context& ctx) {
  json doc;
  try {
    doc = json::parse(c.json.begin(), c.json.end());
  } catch (const json::parse_error& e) {
    // e.byte counts from 1; a truncated document fails at its end.
    const bool atEnd = e.byte >= c.json.size();
    return ctx.error("", std::string(atEnd ? "truncated JSON: " : "not valid JSON: ") + "at byte " +
                             std::to_string(e.byte) + " of " + std::to_string(c.json.size()) +
                             (c.glb ? " of the JSON chunk" : ""));
  } catch (const json::out_of_range& e) {
    // A number beyond what a double holds ("1e999"): nlohmann reports it apart from syntax.
    return ctx.error("", std::string("a number too large to hold: ") + scenes::printable(e.what()));
  }
  if (!doc.is_object()) return ctx.error("", "the glTF document must be a JSON object");
  const auto asset = doc.find("asset");
  if (asset == doc.end() || !asset->is_object()) return ctx.error("/asset", "is missing; every glTF has one");
  const auto version = asset->find("version");
  if (version == asset->end() || !version->is_string()) return ctx.error("/asset/version", "must be a string");
  if (version->get_ref<const std::string&>().rfind("2.", 0) != 0)
    return ctx.error("/asset/version", "is " + quote(version->get<std::string>()) + "; only glTF 2.x is read");
  for (const char* name : kArrays) {
    const json* a = array(doc, name);
    if (!a) continue;
    if (!a->is_array()) return ctx.error(std::string("/") + name, "must be an array");
    if (a->size() > ctx.limits.maxElements)
      return ctx.error(std::string("/") + name, std::to_string(a->size()) + " entries, over the limit of " +
                                                    std::to_string(ctx.limits.maxElements));
    // Names reach messages and the scene; one of another type is a sign of a broken writer.
    for (std::size_t i = 0; i < a->size(); ++i) {
      const json& entry = (*a)[i];
      if (!entry.is_object()) continue;
      const auto n = entry.find("name");
      if (n != entry.end() && !n->is_string()) return ctx.error(pointer(name, i, "name"), "must be a string");
    }
  }
  if (const json* required = array(doc, "extensionsRequired")) {
    for (std::size_t i = 0; i < required->size(); ++i) {
      const json& e = (*required)[i];
      const std::string at = "/extensionsRequired/" + std::to_string(i);
      if (!e.is_string()) return ctx.error(at, "must be a string");
      bool supported = false;
      for (const char* s : kSupportedRequired) supported = supported || e.get_ref<const std::string&>() == s;
      if (!supported) return ctx.error(at, "the set requires " + quote(e.get<std::string>()) + ", which is not read");
    }
  }
  std::vector<std::uint64_t> bufferLengths;
  if (Status s = checkBuffers(doc, c, ctx, bufferLengths); !s) return s;
  if (Status s = checkBufferViews(doc, ctx, bufferLengths); !s) return s;
  if (Status s = checkImages(doc, ctx); !s) return s;
  if (Status s = checkMaterials(doc, ctx); !s) return s;
  if (Status s = checkIndexAccessors(doc, ctx); !s) return s;
  return readCompression(doc, ctx);
}

}  // namespace ps::media::gltf
