#pragma once
// Accessors: every one checked against its buffer view and buffer (type, component type, count,
// offset, stride and alignment), then read element by element through a checked view.
#include <cstddef>
#include <cstdint>

#include "gltf_context.h"
#include "gltf_tinygltf.h"

namespace ps::media::gltf {

// Checks every accessor of the model; sparse accessors are refused.
Status checkAccessors(const tinygltf::Model& model, const Context& ctx);

// An accessor's elements, after checkAccessors: every element lies inside its buffer.
struct AccessorData {
  const std::uint8_t* first = nullptr;  // nullptr: no buffer view, every component is zero
  std::size_t count = 0, stride = 0, components = 0;
  int componentType = 0;
  bool normalized = false;

  // Component c of element i as glTF converts it (normalized integers to [0, 1] or [-1, 1]).
  float component(std::size_t i, std::size_t c) const;
  // Element i of a SCALAR unsigned integer accessor (indices).
  std::uint32_t index(std::size_t i) const;
};

AccessorData accessorData(const tinygltf::Model& model, int accessor);

const char* componentTypeName(int componentType);  // "float", "unsigned short", ...
const char* typeName(int type);                    // "VEC3", ...

}  // namespace ps::media::gltf
