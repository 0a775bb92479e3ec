#pragma once
// What an accessor may hold for a given use (element type and component types), checked with a
// message naming the use, and its values read as finite floats.
#include <string>
#include <vector>

#include "gltf_context.h"
#include "gltf_tinygltf.h"

namespace ps::media::gltf {

struct AccessorKind {
  int type = TINYGLTF_TYPE_SCALAR;
  bool floats = true;              // float components
  bool normalizedUnsigned = false; // normalized unsigned byte or short
  bool normalizedSigned = false;   // normalized byte or short
  bool unsignedIntegers = false;   // unsigned byte or short, not normalized (joint indices)
};

// `accessor` exists (else an error at `at`) and is of `kind` (else an error at `at` naming `use`).
Status checkAccessorKind(const tinygltf::Model& model, int accessor, const std::string& at, const std::string& use,
                         const AccessorKind& kind, const Context& ctx);

// Every component of every element, in order, after checkAccessors and checkAccessorKind;
// a value that is not finite is an error naming its element.
Result<std::vector<float>> readFiniteFloats(const tinygltf::Model& model, int accessor, const std::string& at,
                                            const Context& ctx);

}  // namespace ps::media::gltf
