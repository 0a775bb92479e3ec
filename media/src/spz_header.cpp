#include "spz_header.h"

#include <cstdio>

#include "splat_bytes.h"

namespace ps::media::splat {
namespace {

std::string hex(unsigned v) {
  char b[16];
  std::snprintf(b, sizeof b, "0x%x", v);
  return b;
}

}  // namespace

Result<SpzHeader> parseSpzHeader(std::span<const std::uint8_t> bytes, bool plain, const SplatLimits& limits) {
  if (bytes.size() < (plain ? kSpzV4HeaderBytes : kSpzHeaderBytes))
    return Error{"", "the SPZ header is cut short", ""};
  if (readU32(bytes.data()) != kSpzMagic) return Error{"", "the SPZ header does not start with NGSP", ""};
  SpzHeader h;
  h.version = readU32(bytes.data() + 4);
  h.count = readU32(bytes.data() + 8);
  h.shDegree = bytes[12];
  h.fractionalBits = bytes[13];
  h.flags = bytes[14];
  const std::string v = "version " + std::to_string(h.version);
  if (h.version == 1) return Error{"", "SPZ version 1 (half-float positions) was never released; not read", ""};
  if (h.version < 2 || h.version > 4)
    return Error{"", "SPZ " + v + " is not one PerfectShot reads (2, 3 and 4)", ""};
  if (plain && h.version != 4)
    return Error{"", "SPZ " + v + " is gzip-compressed as a whole, but this file starts with a plain header", ""};
  if (!plain && h.version == 4)
    return Error{"", "SPZ version 4 has a plain header and zstd streams, but this file is one gzip stream", ""};
  const std::uint8_t known = h.version >= 3 ? (kSpzFlagAntialiased | kSpzFlagExtensions) : kSpzFlagAntialiased;
  if (h.flags & ~known)
    return Error{"", "SPZ " + v + " defines no flag " + hex(h.flags & ~known) + " (its flags are " + hex(h.flags) + ")", ""};
  if (h.shDegree > 3)
    return Error{"", "spherical harmonics of degree " + std::to_string(h.shDegree) + "; PerfectShot reads degrees 0 to 3",
                 ""};
  if (h.fractionalBits > 23)
    return Error{"", std::to_string(h.fractionalBits) + " fractional bits leave no integer part in 24-bit positions", ""};
  if (h.count == 0) return Error{"", "the SPZ holds no splats", ""};
  if (h.count > limits.maxSplats)
    return Error{"", std::to_string(h.count) + " splats is over the limit of " + std::to_string(limits.maxSplats), ""};
  if (plain) {
    h.streams = bytes[15];
    h.tocOffset = readU32(bytes.data() + 16);
    const int expected = h.shDegree > 0 ? 6 : 5;
    if (h.streams != expected)
      return Error{"", "SPZ version 4 with spherical-harmonics degree " + std::to_string(h.shDegree) + " has " +
                           std::to_string(expected) + " streams, not " + std::to_string(h.streams), ""};
    if (h.tocOffset < kSpzV4HeaderBytes)
      return Error{"", "the table of contents' offset " + std::to_string(h.tocOffset) + " lies inside the header", ""};
    const bool extensions = (h.flags & kSpzFlagExtensions) != 0;
    if (!extensions && h.tocOffset != kSpzV4HeaderBytes)
      return Error{"", "bytes lie between the header and the table of contents, but the flags say there are no extensions",
                   ""};
    if (extensions && h.tocOffset == kSpzV4HeaderBytes)
      return Error{"", "the flags say there are extensions, but the table of contents follows the header directly", ""};
  }
  return h;
}

std::string spzHeaderBytes(const SpzHeader& h) {
  std::string out;
  putU32(out, kSpzMagic);
  putU32(out, h.version);
  putU32(out, h.count);
  out.push_back(static_cast<char>(h.shDegree));
  out.push_back(static_cast<char>(h.fractionalBits));
  out.push_back(static_cast<char>(h.flags));
  if (h.version < 4) {
    out.push_back('\0');
    return out;
  }
  out.push_back(static_cast<char>(h.streams));
  putU32(out, h.tocOffset);
  out.append(12, '\0');
  return out;
}

}  // namespace ps::media::splat
