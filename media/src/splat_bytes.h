#pragma once
// Little-endian scalars read from and written to byte buffers, for the splat file formats (all
// little-endian). The callers check every range before reading.
#include <cstdint>
#include <cstring>
#include <string>

namespace ps::media::splat {

inline std::uint32_t readU32(const std::uint8_t* p) {
  return std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) | (std::uint32_t(p[3]) << 24);
}

inline std::uint64_t readU64(const std::uint8_t* p) { return readU32(p) | (std::uint64_t(readU32(p + 4)) << 32); }

inline float readF32(const std::uint8_t* p) {
  const std::uint32_t u = readU32(p);
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}

inline double readF64(const std::uint8_t* p) {
  const std::uint64_t u = readU64(p);
  double d;
  std::memcpy(&d, &u, 8);
  return d;
}

inline void putU32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xffu));
}

inline void putU64(std::string& out, std::uint64_t v) {
  putU32(out, static_cast<std::uint32_t>(v));
  putU32(out, static_cast<std::uint32_t>(v >> 32));
}

}  // namespace ps::media::splat
