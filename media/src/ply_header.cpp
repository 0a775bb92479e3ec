#include "ply_header.h"

#include <charconv>
#include <cstring>
#include <limits>
#include <optional>
#include <sstream>

#include "splat_bytes.h"
#include "splat_readers.h"

namespace ps::media::splat {
namespace {

// A splat header is a few hundred bytes; past this there is no end_header to find.
constexpr std::size_t kMaxHeaderBytes = 64 * 1024;

std::optional<PlyType> typeNamed(std::string_view s) {
  if (s == "char" || s == "int8") return PlyType::Int8;
  if (s == "uchar" || s == "uint8") return PlyType::UInt8;
  if (s == "short" || s == "int16") return PlyType::Int16;
  if (s == "ushort" || s == "uint16") return PlyType::UInt16;
  if (s == "int" || s == "int32") return PlyType::Int32;
  if (s == "uint" || s == "uint32") return PlyType::UInt32;
  if (s == "float" || s == "float32") return PlyType::Float32;
  if (s == "double" || s == "float64") return PlyType::Float64;
  return std::nullopt;
}

std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

}  // namespace

std::size_t plyTypeSize(PlyType t) {
  switch (t) {
    case PlyType::Int8: case PlyType::UInt8: return 1;
    case PlyType::Int16: case PlyType::UInt16: return 2;
    case PlyType::Int32: case PlyType::UInt32: case PlyType::Float32: return 4;
    case PlyType::Float64: return 8;
  }
  return 1;
}

const char* plyTypeName(PlyType t) {
  switch (t) {
    case PlyType::Int8: return "char";
    case PlyType::UInt8: return "uchar";
    case PlyType::Int16: return "short";
    case PlyType::UInt16: return "ushort";
    case PlyType::Int32: return "int";
    case PlyType::UInt32: return "uint";
    case PlyType::Float32: return "float";
    case PlyType::Float64: return "double";
  }
  return "?";
}

double readPlyScalar(const std::uint8_t* p, PlyType t) {
  switch (t) {
    case PlyType::Int8: return static_cast<std::int8_t>(p[0]);
    case PlyType::UInt8: return p[0];
    case PlyType::Int16: return static_cast<std::int16_t>(std::uint16_t(p[0] | (p[1] << 8)));
    case PlyType::UInt16: return std::uint16_t(p[0] | (p[1] << 8));
    case PlyType::Int32: return static_cast<std::int32_t>(readU32(p));
    case PlyType::UInt32: return readU32(p);
    case PlyType::Float32: return readF32(p);
    case PlyType::Float64: return readF64(p);
  }
  return 0.0;
}

const PlyProperty* PlyElement::find(std::string_view property) const {
  for (const auto& p : properties)
    if (p.name == property) return &p;
  return nullptr;
}

const PlyElement* PlyHeader::find(std::string_view element) const {
  for (const auto& e : elements)
    if (e.name == element) return &e;
  return nullptr;
}

Result<PlyHeader> parsePlyHeader(std::span<const std::uint8_t> bytes, const std::string& name) {
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), std::min(bytes.size(), kMaxHeaderBytes));
  PlyHeader header;
  std::vector<bool> hasList;  // per element: a list property (allowed only without rows)
  bool formatSeen = false;
  std::size_t pos = 0;
  int lineNo = 0;
  while (true) {
    const std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos)
      return fileError(name, pos, "the PLY header has no end_header line" +
                                      std::string(bytes.size() > kMaxHeaderBytes ? " in its first 64 KiB" : ""));
    std::string_view line = text.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::uint64_t lineByte = pos;
    pos = eol + 1;
    ++lineNo;
    const auto w = words(line);
    auto bad = [&](const std::string& what) { return fileError(name, lineByte, what); };
    if (lineNo == 1) {
      if (line != "ply") return bad("not a PLY file (the first line is not \"ply\")");
      continue;
    }
    if (w.empty() || w[0] == "comment" || w[0] == "obj_info") continue;
    if (w[0] == "end_header") break;
    if (w[0] == "format") {
      if (w.size() < 2) return bad("the format line names no format");
      if (w[1] == "ascii") return bad("an ASCII PLY; splat files are binary_little_endian (convert it with a splat tool)");
      if (w[1] == "binary_big_endian") return bad("a big-endian PLY; splat files are binary_little_endian");
      if (w[1] != "binary_little_endian") return bad("unknown PLY format \"" + std::string(w[1]) + "\"");
      formatSeen = true;
      continue;
    }
    if (w[0] == "element") {
      if (w.size() != 3) return bad("an element line needs a name and a count");
      PlyElement e;
      e.name = std::string(w[1]);
      const auto* first = w[2].data();
      const auto* last = first + w[2].size();
      auto [end, ec] = std::from_chars(first, last, e.count);
      if (ec != std::errc() || end != last)
        return bad("element " + e.name + ": the count \"" + std::string(w[2]) + "\" is not a whole number");
      header.elements.push_back(std::move(e));
      hasList.push_back(false);
      continue;
    }
    if (w[0] == "property") {
      if (header.elements.empty()) return bad("a property before any element");
      auto& e = header.elements.back();
      if (w.size() >= 2 && w[1] == "list") {
        hasList.back() = true;
        continue;
      }
      if (w.size() != 3) return bad("a property line needs a type and a name");
      const auto t = typeNamed(w[1]);
      if (!t) return bad("property " + std::string(w[2]) + " has unknown type \"" + std::string(w[1]) + "\"");
      if (e.find(w[2])) return bad("element " + e.name + " has property " + std::string(w[2]) + " twice");
      e.properties.push_back({std::string(w[2]), *t, e.stride});
      e.stride += plyTypeSize(*t);
      continue;
    }
    return bad("unknown PLY header line \"" + std::string(line.substr(0, 40)) + "\"");
  }
  if (!formatSeen) return fileError(name, 0, "the PLY header has no format line");

  // Lay the elements out one after another and check that they fill the body exactly.
  std::uint64_t at = pos;
  const std::uint64_t size = bytes.size();
  for (std::size_t i = 0; i < header.elements.size(); ++i) {
    auto& e = header.elements[i];
    e.firstByte = at;
    if (e.count == 0) continue;
    if (hasList[i])
      return fileError(name, at, "element " + e.name + " has a list property; splat files have none");
    if (e.stride == 0) return fileError(name, at, "element " + e.name + " has rows but no properties");
    const std::uint64_t left = size - at;
    if (e.count > left / e.stride)
      return fileError(name, at, "element " + e.name + " claims " + std::to_string(e.count) + " rows of " +
                                     std::to_string(e.stride) + " bytes, but only " + std::to_string(left) +
                                     " bytes follow (the file is cut short or the count is wrong)");
    at += e.count * e.stride;
  }
  if (at != size)
    return fileError(name, at, std::to_string(size - at) + " bytes follow the last element (its count is wrong)");
  return header;
}

}  // namespace ps::media::splat
