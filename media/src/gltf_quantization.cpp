#include "gltf_quantization.h"

#include "gltf_tinygltf.h"

namespace ps::media::gltf {

namespace {

bool integer(int t) {
  return t == TINYGLTF_COMPONENT_TYPE_BYTE || t == TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE ||
         t == TINYGLTF_COMPONENT_TYPE_SHORT || t == TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT;
}

bool isSigned(int t) { return t == TINYGLTF_COMPONENT_TYPE_BYTE || t == TINYGLTF_COMPONENT_TYPE_SHORT; }

}  // namespace

Allowed attributeComponents(const std::string& semantic, int t, bool normalized) {
  if (t == TINYGLTF_COMPONENT_TYPE_FLOAT) return Allowed::Core;
  if (!integer(t)) return Allowed::No;
  if (semantic == "POSITION") return Allowed::WithQuantization;
  if (semantic == "NORMAL" || semantic == "TANGENT")
    return isSigned(t) && normalized ? Allowed::WithQuantization : Allowed::No;
  if (semantic.rfind("TEXCOORD_", 0) == 0)
    return !isSigned(t) && normalized ? Allowed::Core : Allowed::WithQuantization;
  return Allowed::No;
}

std::string allowedComponents(const std::string& semantic, bool quantization) {
  const bool uv = semantic.rfind("TEXCOORD_", 0) == 0;
  if (!quantization) return uv ? "float or normalized unsigned byte or short" : "float";
  if (semantic == "POSITION" || uv) return "float or (normalized) byte or short, signed or unsigned";
  return "float or normalized signed byte or short";
}

}  // namespace ps::media::gltf
