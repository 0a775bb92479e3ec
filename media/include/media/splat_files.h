#pragma once
// Gaussian splat files read into and written from plain splat data (scenes::SplatCloud). The
// readers are the project's own: Debian's PLY readers reject or mangle splat files.
//
//   INRIA 3DGS .ply   binary little-endian; properties matched by name (x y z, f_dc_0..2,
//                     f_rest_0.., opacity, scale_0..2, rot_0..3; normals and unknown
//                     properties skipped); the SH degree follows from the f_rest count.
//   compressed .ply   SuperSplat's chunked, quantised form (element chunk + vertex + sh).
//   .spz              Niantic's: gzip versions 2 and 3, version 4 with zstd and its table of
//                     contents.
// The format is told by the content (magic and header), not by the name. SPZ's axes are kept as
// stored (as the reference tools do unless told otherwise), so a .ply and the .spz made from it
// give the same cloud. Empty clouds are refused: a file without splats is a mistake. What a
// reader skips (SPZ extension records, the antialiasing flag) is said in the log, once a process.
//
// Every count is checked against the file's size before anything is allocated or inflated,
// every decoded value must be finite, and a file over a limit is refused, not cut. Errors say
// which file and where in it: "set.ply@byte 912: ...", "set.spz: ...".
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "scenes/result.h"
#include "scenes/splat_cloud.h"

namespace ps::media {

enum class SplatFileFormat { InriaPly, CompressedPly, Spz };
const char* toString(SplatFileFormat f);  // "INRIA .ply", "compressed .ply", "SPZ"

// Caps on one file: over any of them it is refused.
struct SplatLimits {
  std::uint64_t maxFileBytes = 8ull << 30;      // on disk (8 GiB)
  std::uint64_t maxSplats = 1ull << 26;         // 67,108,864
  std::uint64_t maxInflatedBytes = 16ull << 30; // an SPZ payload after gzip or zstd
};

struct SplatFile {
  scenes::SplatCloud cloud;
  SplatFileFormat format = SplatFileFormat::InriaPly;
  int version = 0;  // SPZ's header version; 0 for the .ply forms
};

// Reads `file`, format by content. `name` in the bytes form is what errors call the data.
Result<SplatFile> readSplatFile(const std::filesystem::path& file, const SplatLimits& limits = {});
Result<SplatFile> readSplatBytes(std::span<const std::uint8_t> bytes, const std::string& name,
                                 const SplatLimits& limits = {});

// Writes `cloud` as an INRIA binary little-endian .ply (what every splat tool reads), through
// scenes::writeFileAtomically. Refuses a cloud whose check() fails.
Status writeSplatPly(const scenes::SplatCloud& cloud, const std::filesystem::path& file);
std::string splatPlyBytes(const scenes::SplatCloud& cloud);  // the same file's content

// Writes `cloud` as .spz (`version` 2 or 3 gzip, 4 zstd), atomically, quantised as the format
// says (positions 24-bit fixed point, colours and SH 8-bit): lossy by design.
Status writeSpz(const scenes::SplatCloud& cloud, const std::filesystem::path& file, int version = 3);
Result<std::string> spzBytes(const scenes::SplatCloud& cloud, int version = 3);  // the same file's content

}  // namespace ps::media
