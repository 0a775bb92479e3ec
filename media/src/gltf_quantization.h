#pragma once
// Which component types an attribute may have: core glTF allows float everywhere and normalized
// unsigned byte or short for TEXCOORD_n; KHR_mesh_quantization adds integer positions (byte or
// short, normalized or not, signed or not), normalized signed byte or short normals and
// tangents, and signed or non-normalized texture coordinates. Reading converts each to float by
// glTF's rules (AccessorData::component): normalized unsigned c / (2^n - 1), normalized signed
// max(c / (2^(n-1) - 1), -1), integers as their value.
#include <string>

namespace ps::media::gltf {

enum class Allowed { Core, WithQuantization, No };

// `semantic` is POSITION, NORMAL, TANGENT or TEXCOORD_0.
Allowed attributeComponents(const std::string& semantic, int componentType, bool normalized);

// What the semantic may be, for messages: "float or normalized unsigned byte or short".
std::string allowedComponents(const std::string& semantic, bool quantization);

}  // namespace ps::media::gltf
