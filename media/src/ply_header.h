#pragma once
// The header of a binary little-endian PLY file and the byte layout of its elements, as the
// splat readers need it: every element's rows located in the file, every count checked against
// the file's size before anything is allocated.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scenes/result.h"

namespace ps::media::splat {

enum class PlyType { Int8, UInt8, Int16, UInt16, Int32, UInt32, Float32, Float64 };
std::size_t plyTypeSize(PlyType t);
const char* plyTypeName(PlyType t);  // "float", "uchar", ...

struct PlyProperty {
  std::string name;
  PlyType type = PlyType::Float32;
  std::size_t offset = 0;  // within a row
};

struct PlyElement {
  std::string name;
  std::uint64_t count = 0;
  std::vector<PlyProperty> properties;
  std::size_t stride = 0;       // bytes a row
  std::uint64_t firstByte = 0;  // of the first row, from the start of the file
  const PlyProperty* find(std::string_view property) const;
  std::uint64_t byteOf(std::uint64_t row, const PlyProperty& p) const { return firstByte + row * stride + p.offset; }
};

struct PlyHeader {
  std::vector<PlyElement> elements;
  const PlyElement* find(std::string_view element) const;
};

// Parses the header of `bytes` (which start with "ply"). Refused with a sentence: ASCII and
// big-endian bodies, list properties in an element that has rows, unknown types, a header
// without end_header, and elements whose rows do not fill the rest of the file exactly.
// `name` is what errors call the file ("set.ply@byte 57: ...").
Result<PlyHeader> parsePlyHeader(std::span<const std::uint8_t> bytes, const std::string& name);

// The value of a scalar property at `p` as a double (the caller checked the range).
double readPlyScalar(const std::uint8_t* p, PlyType t);

}  // namespace ps::media::splat
