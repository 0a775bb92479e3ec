#pragma once
// The splat file readers behind readSplatBytes, one per format, and what they share: the
// error's form and the per-value checks. Each reader is given the whole file; the format was
// told by its first bytes (splat_file_read.cpp).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "media/splat_files.h"
#include "ply_header.h"

namespace ps::media::splat {

// "name@byte N" when the place is known, else "name".
Error fileError(const std::string& name, std::optional<std::uint64_t> byte, std::string what);

// What a reader found that it reads past without using (an SPZ extension, the antialiasing
// flag): said in the log by the caller, once a process.
using Notes = std::vector<std::string>;

Result<SplatFile> readInriaPly(std::span<const std::uint8_t> bytes, const PlyHeader& header, const std::string& name,
                               const SplatLimits& limits);
Result<SplatFile> readCompressedPly(std::span<const std::uint8_t> bytes, const PlyHeader& header,
                                    const std::string& name, const SplatLimits& limits);
// True when the header has SuperSplat's chunk element and packed vertex properties.
bool isCompressedPly(const PlyHeader& header);

Result<SplatFile> readSpz(std::span<const std::uint8_t> bytes, const std::string& name, const SplatLimits& limits,
                          Notes& notes);

// The SH degree that `restCount` f_rest values (all three channels) make, or a sentence why
// they make none PerfectShot reads.
Result<int> shDegreeOfRestCount(std::size_t restCount);

}  // namespace ps::media::splat
