#pragma once
// Niantic's SPZ header. Versions 2 and 3 are one gzip member holding a 16-byte header and the
// attribute arrays; version 4 starts with a plain 32-byte header (the same 16 bytes, then the
// stream count, the table of contents' offset and reserved bytes), optional extension records,
// the table of contents (per stream: compressed and inflated size, u64 each) and one zstd
// frame per attribute. All little-endian. Written from the format's published description.
#include <cstdint>
#include <span>
#include <string>

#include "media/splat_files.h"

namespace ps::media::splat {

inline constexpr std::uint32_t kSpzMagic = 0x5053474e;  // "NGSP"
inline constexpr std::size_t kSpzHeaderBytes = 16;      // versions 2 and 3, inside the gzip member
inline constexpr std::size_t kSpzV4HeaderBytes = 32;
inline constexpr std::uint8_t kSpzFlagAntialiased = 0x1;
inline constexpr std::uint8_t kSpzFlagExtensions = 0x2;

struct SpzHeader {
  std::uint32_t version = 0;
  std::uint32_t count = 0;
  int shDegree = 0;
  int fractionalBits = 12;
  std::uint8_t flags = 0;
  // Version 4 only.
  int streams = 0;
  std::uint32_t tocOffset = 0;
};

// Reads and checks a header: `bytes` holds 16 bytes (gzip container) or 32 (plain, version 4).
// `plain` says which container the file is, so a version that contradicts its container or
// flags that contradict the version are refused with a sentence. Counts over the limits and
// zero counts are refused here, before anything is allocated.
Result<SpzHeader> parseSpzHeader(std::span<const std::uint8_t> bytes, bool plain, const SplatLimits& limits);

// The header's bytes for a writer (16 for versions 2 and 3, 32 for version 4).
std::string spzHeaderBytes(const SpzHeader& h);

}  // namespace ps::media::splat
