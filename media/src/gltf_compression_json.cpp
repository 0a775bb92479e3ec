#include "gltf_compression_json.h"

#include <optional>
#include <string>

#include "scenes/printable.h"

namespace ps::media::gltf {

using nlohmann::json;
using scenes::quote;

namespace {

constexpr const char* kDraco = "KHR_draco_mesh_compression";
constexpr const char* kMeshopt = "EXT_meshopt_compression";

const json* extension(const json& o, const char* name) {
  if (!o.is_object()) return nullptr;
  const auto e = o.find("extensions");
  if (e == o.end() || !e->is_object()) return nullptr;
  const auto it = e->find(name);
  return it == e->end() ? nullptr : &*it;
}

Result<std::uint64_t> requiredUnsigned(const json& o, const char* name, const std::string& at, const Context& ctx) {
  const auto it = o.find(name);
  if (it == o.end()) return ctx.error(at, std::string("has no ") + name);
  if (!it->is_number_unsigned()) return ctx.error(at + "/" + name, "must be a non-negative integer");
  return it->get<std::uint64_t>();
}

std::size_t arraySize(const json& doc, const char* name) {
  const auto it = doc.find(name);
  return it != doc.end() && it->is_array() ? it->size() : 0;
}

// The copy of the document tinygltf parses, made on the first placeholder.
class Placeholders {
 public:
  explicit Placeholders(const json& original) : original_(original) {}
  json& doc() {
    if (!copy_) copy_ = original_;
    return *copy_;
  }
  std::optional<std::string> text() const { return copy_ ? std::optional<std::string>(copy_->dump()) : std::nullopt; }

 private:
  const json& original_;
  std::optional<json> copy_;
};

Status readDraco(const json& doc, Context& ctx, Placeholders& forTinygltf) {
  const auto meshes = doc.find("meshes");
  if (meshes == doc.end() || !meshes->is_array()) return ok();
  const std::size_t views = arraySize(doc, "bufferViews"), accessors = arraySize(doc, "accessors");
  for (std::size_t m = 0; m < meshes->size(); ++m) {
    const json& mesh = (*meshes)[m];
    const auto primitives = mesh.is_object() ? mesh.find("primitives") : mesh.end();
    if (!mesh.is_object() || primitives == mesh.end() || !primitives->is_array()) continue;
    for (std::size_t p = 0; p < primitives->size(); ++p) {
      const json* e = extension((*primitives)[p], kDraco);
      if (!e) continue;
      const std::string primitiveAt = pointer("meshes", m) + "/primitives/" + std::to_string(p);
      DracoPrimitive d{m, p, 0, {}, primitiveAt + "/extensions/" + kDraco};
      if (!e->is_object()) return ctx.error(d.at, "must be an object");
      auto view = requiredUnsigned(*e, "bufferView", d.at, ctx);
      if (!view) return view.error();
      if (*view >= views)
        return ctx.error(d.at + "/bufferView", "buffer view " + std::to_string(*view) + " does not exist (there are " +
                                                   std::to_string(views) + ")");
      d.bufferView = *view;
      const auto attributes = e->find("attributes");
      if (attributes == e->end() || !attributes->is_object() || attributes->empty())
        return ctx.error(d.at + "/attributes", "must be an object naming at least one attribute");
      const json& primitive = (*primitives)[p];
      const auto own = primitive.find("attributes");
      for (const auto& [name, id] : attributes->items()) {
        const std::string idAt = d.at + "/attributes/" + scenes::pointerToken(name);
        if (!id.is_number_unsigned()) return ctx.error(idAt, "must be a non-negative integer (a Draco attribute id)");
        if (own == primitive.end() || !own->is_object() || !own->contains(name))
          return ctx.error(idAt, "the primitive has no attribute " + quote(name) + " for it to fill");
        d.attributes.emplace_back(name, id.get<std::uint64_t>());
      }
      // tinygltf wants a buffer view behind every primitive's indices; the Draco one stands in
      // until decompress() replaces it with the decoded indices.
      const auto indices = primitive.find("indices");
      if (indices != primitive.end() && indices->is_number_unsigned() && indices->get<std::uint64_t>() < accessors) {
        json& accessor = forTinygltf.doc()["accessors"][indices->get<std::size_t>()];
        if (accessor.is_object() && !accessor.contains("bufferView")) accessor["bufferView"] = *view;
      }
      ctx.compression.draco.push_back(std::move(d));
    }
  }
  return ok();
}

Result<MeshoptView> readMeshoptView(const json& e, std::size_t i, const std::vector<std::uint64_t>& bufferLengths,
                                    const json& view, const Context& ctx) {
  MeshoptView v;
  v.view = i;
  v.at = pointer("bufferViews", i) + "/extensions/" + kMeshopt;
  if (!e.is_object()) return ctx.error(v.at, "must be an object");
  auto buffer = requiredUnsigned(e, "buffer", v.at, ctx);
  if (!buffer) return buffer.error();
  if (*buffer >= bufferLengths.size())
    return ctx.error(v.at + "/buffer", "buffer " + std::to_string(*buffer) + " does not exist (there are " +
                                           std::to_string(bufferLengths.size()) + ")");
  v.buffer = *buffer;
  if (e.contains("byteOffset")) {
    auto offset = requiredUnsigned(e, "byteOffset", v.at, ctx);
    if (!offset) return offset.error();
    v.byteOffset = *offset;
  }
  for (auto [name, field] : {std::pair{"byteLength", &v.byteLength}, std::pair{"byteStride", &v.byteStride},
                             std::pair{"count", &v.count}}) {
    auto n = requiredUnsigned(e, name, v.at, ctx);
    if (!n) return n.error();
    *field = *n;
  }
  const std::uint64_t total = bufferLengths[v.buffer];
  if (v.byteOffset > total || v.byteLength > total - v.byteOffset)
    return ctx.error(v.at, "bytes " + std::to_string(v.byteOffset) + " to " + std::to_string(v.byteOffset + v.byteLength) +
                               " run past buffer " + std::to_string(v.buffer) + " (" + std::to_string(total) + " bytes)");
  const auto mode = e.find("mode");
  if (mode == e.end() || !mode->is_string()) return ctx.error(v.at + "/mode", "must be ATTRIBUTES, TRIANGLES or INDICES");
  const std::string& m = mode->get_ref<const std::string&>();
  if (m == "ATTRIBUTES") v.mode = MeshoptMode::Attributes;
  else if (m == "TRIANGLES") v.mode = MeshoptMode::Triangles;
  else if (m == "INDICES") v.mode = MeshoptMode::Indices;
  else return ctx.error(v.at + "/mode", quote(m) + " is not ATTRIBUTES, TRIANGLES or INDICES");
  const auto filter = e.find("filter");
  if (filter != e.end()) {
    if (!filter->is_string()) return ctx.error(v.at + "/filter", "must be a string");
    const std::string& f = filter->get_ref<const std::string&>();
    if (f == "NONE") v.filter = MeshoptFilter::None;
    else if (f == "OCTAHEDRAL") v.filter = MeshoptFilter::Octahedral;
    else if (f == "QUATERNION") v.filter = MeshoptFilter::Quaternion;
    else if (f == "EXPONENTIAL") v.filter = MeshoptFilter::Exponential;
    else return ctx.error(v.at + "/filter", quote(f) + " is not NONE, OCTAHEDRAL, QUATERNION or EXPONENTIAL");
  }
  if (v.mode == MeshoptMode::Attributes) {
    if (v.byteStride == 0 || v.byteStride % 4 != 0 || v.byteStride > 256)
      return ctx.error(v.at + "/byteStride", std::to_string(v.byteStride) + " is not a multiple of 4 from 4 to 256");
  } else {
    if (v.byteStride != 2 && v.byteStride != 4)
      return ctx.error(v.at + "/byteStride", std::to_string(v.byteStride) + " is not 2 or 4 for indices");
    if (v.filter != MeshoptFilter::None) return ctx.error(v.at + "/filter", "only ATTRIBUTES streams have filters");
    if (v.mode == MeshoptMode::Triangles && v.count % 3 != 0)
      return ctx.error(v.at + "/count", std::to_string(v.count) + " indices do not make whole triangles");
  }
  if ((v.filter == MeshoptFilter::Octahedral && v.byteStride != 4 && v.byteStride != 8) ||
      (v.filter == MeshoptFilter::Quaternion && v.byteStride != 8))
    return ctx.error(v.at + "/byteStride", std::to_string(v.byteStride) + " does not suit its filter");
  // Before any memory is given to the decoder: no stream may hold more vertices or indices
  // than the whole set may.
  const std::uint64_t cap = v.mode == MeshoptMode::Attributes ? ctx.limits.maxVertices : 3 * ctx.limits.maxTriangles;
  if (v.count > cap)
    return ctx.error(v.at + "/count", std::to_string(v.count) + " is over the limit of " + std::to_string(cap));
  // The decoded stream fills the buffer view exactly, so a wrong count is caught here.
  const std::uint64_t viewLength = view.value("byteLength", std::uint64_t{0});
  if (v.count == 0 || v.count > viewLength / v.byteStride || v.count * v.byteStride != viewLength)
    return ctx.error(v.at + "/count", std::to_string(v.count) + " elements of " + std::to_string(v.byteStride) +
                                          " bytes do not fill the buffer view's " + std::to_string(viewLength) + " bytes");
  const auto viewStride = view.find("byteStride");
  if (v.mode == MeshoptMode::Attributes && viewStride != view.end() && viewStride->get<std::uint64_t>() != v.byteStride)
    return ctx.error(v.at + "/byteStride", std::to_string(v.byteStride) + " differs from the buffer view's byteStride");
  return v;
}

Status readMeshopt(const json& doc, Context& ctx, Placeholders& forTinygltf) {
  const auto buffers = doc.find("buffers");
  const auto views = doc.find("bufferViews");
  std::vector<std::uint64_t> lengths;
  std::vector<bool> fallback;
  if (buffers != doc.end())
    for (const json& b : *buffers) {
      lengths.push_back(b.value("byteLength", std::uint64_t{0}));
      fallback.push_back(isFallbackBuffer(b));
    }
  if (views != doc.end())
    for (std::size_t i = 0; i < views->size(); ++i) {
      const json& view = (*views)[i];
      const std::size_t buffer = view.value("buffer", std::size_t{0});
      const json* e = extension(view, kMeshopt);
      if (!e) {
        if (fallback[buffer])
          return ctx.error(pointer("bufferViews", i),
                           "reads fallback buffer " + std::to_string(buffer) + ", which has no data, without " + kMeshopt);
        continue;
      }
      auto v = readMeshoptView(*e, i, lengths, view, ctx);
      if (!v) return v.error();
      if (fallback[v->buffer]) return ctx.error(v->at + "/buffer", "is a fallback buffer, which has no data");
      ctx.compression.meshopt.push_back(std::move(v).value());
    }
  // One byte of data for tinygltf to load; no buffer view reads it (each is decoded first).
  for (std::size_t b = 0; b < fallback.size(); ++b)
    if (fallback[b]) forTinygltf.doc()["buffers"][b] = {{"byteLength", 1}, {"uri", "data:application/octet-stream;base64,AA=="}};
  return ok();
}

bool listed(const json& doc, const char* list, const char* name) {
  const auto it = doc.find(list);
  if (it == doc.end() || !it->is_array()) return false;
  for (const json& e : *it)
    if (e.is_string() && e.get_ref<const std::string&>() == name) return true;
  return false;
}

}  // namespace

bool isFallbackBuffer(const json& buffer) {
  const json* e = extension(buffer, kMeshopt);
  if (!e || !e->is_object() || buffer.contains("uri")) return false;
  const auto f = e->find("fallback");
  return f != e->end() && f->is_boolean() && f->get<bool>();
}

Status readCompression(const json& doc, Context& ctx) {
  ctx.compression.quantization = listed(doc, "extensionsUsed", "KHR_mesh_quantization") ||
                                 listed(doc, "extensionsRequired", "KHR_mesh_quantization");
  Placeholders forTinygltf(doc);
  if (Status s = readDraco(doc, ctx, forTinygltf); !s) return s;
  if (Status s = readMeshopt(doc, ctx, forTinygltf); !s) return s;
  ctx.compression.tinygltfJson = forTinygltf.text();
  return ok();
}

}  // namespace ps::media::gltf
