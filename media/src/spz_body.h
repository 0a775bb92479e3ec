#pragma once
// SPZ's attribute arrays, quantised: the same in every version but for the rotation (version 2:
// x y z as bytes with w rebuilt positive; 3 and 4: the three smallest components, 10 bits each,
// and the largest one's index). In file order: positions (24-bit fixed point), opacities (u8),
// colours (u8, f_dc scaled by 0.15), log-scales (u8), rotations, SH (u8, coefficient-major with
// the channel inner, as scenes::SplatCloud keeps them).
//
// Axes: SPZ's description says RUB, but the reference tools convert nothing unless told (a .ply
// turned into .spz keeps the .ply's axes), so neither does PerfectShot: the cloud keeps the
// file's own axes and a shot's placement turns them.
#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "scenes/splat_cloud.h"
#include "spz_header.h"

namespace ps::media::splat {

inline constexpr int kSpzStreams = 6;
inline constexpr const char* kSpzStreamNames[kSpzStreams] = {"positions", "opacities", "colours",
                                                             "scales",    "rotations", "spherical harmonics"};

// Bytes of each attribute array for `h`, in file order.
std::array<std::uint64_t, kSpzStreams> spzStreamSizes(const SpzHeader& h);

// Decodes the arrays (concatenated in file order, sizes as spzStreamSizes says).
scenes::SplatCloud decodeSpzBody(const SpzHeader& h, std::span<const std::uint8_t> body);

// Quantises `cloud` (which passed check()) for `h`'s version and fractional bits.
std::array<std::string, kSpzStreams> encodeSpzBody(const SpzHeader& h, const scenes::SplatCloud& cloud);

}  // namespace ps::media::splat
