#include "gltf_accessor_kind.h"

#include <cmath>

#include "gltf_accessor.h"

namespace ps::media::gltf {

namespace {

std::string allowed(const AccessorKind& k) {
  std::string s;
  auto add = [&s](const char* what) { s += (s.empty() ? "" : " or ") + std::string(what); };
  if (k.floats) add("float");
  if (k.normalizedUnsigned) add("normalized unsigned byte or short");
  if (k.normalizedSigned) add("normalized byte or short");
  if (k.unsignedIntegers) add("unsigned byte or short");
  return std::string(typeName(k.type)) + " of " + s;
}

}  // namespace

Status checkAccessorKind(const tinygltf::Model& model, int accessor, const std::string& at, const std::string& use,
                         const AccessorKind& k, const Context& ctx) {
  if (accessor < 0 || static_cast<std::size_t>(accessor) >= model.accessors.size())
    return ctx.error(at, "accessor " + std::to_string(accessor) + " does not exist (there are " +
                             std::to_string(model.accessors.size()) + ")");
  const tinygltf::Accessor& a = model.accessors[static_cast<std::size_t>(accessor)];
  const int c = a.componentType;
  const bool smallUnsigned = c == TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE || c == TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT;
  const bool smallSigned = c == TINYGLTF_COMPONENT_TYPE_BYTE || c == TINYGLTF_COMPONENT_TYPE_SHORT;
  const bool fits = (k.floats && c == TINYGLTF_COMPONENT_TYPE_FLOAT) ||
                    (k.normalizedUnsigned && a.normalized && smallUnsigned) ||
                    (k.normalizedSigned && a.normalized && smallSigned) ||
                    (k.unsignedIntegers && !a.normalized && smallUnsigned);
  if (a.type != k.type || !fits)
    return ctx.error(at, use + " must be " + allowed(k) + ", not " + typeName(a.type) + " of " +
                             (a.normalized ? "normalized " : "") + componentTypeName(c) + " (accessor " +
                             std::to_string(accessor) + ")");
  return ok();
}

Result<std::vector<float>> readFiniteFloats(const tinygltf::Model& model, int accessor, const std::string& at,
                                            const Context& ctx) {
  const AccessorData d = accessorData(model, accessor);
  std::vector<float> out;
  out.reserve(d.count * d.components);
  for (std::size_t i = 0; i < d.count; ++i)
    for (std::size_t c = 0; c < d.components; ++c) {
      const float v = d.component(i, c);
      if (!std::isfinite(v))
        return ctx.error(pointer("accessors", static_cast<std::size_t>(accessor)),
                         "element " + std::to_string(i) + " is not finite (" + at + ")");
      out.push_back(v);
    }
  return out;
}

}  // namespace ps::media::gltf
