#pragma once
// Replacing a file so that a crash, a kill or a power cut at any moment leaves
// either the old content or the new one, never a mix or a truncated file.
#include <filesystem>
#include <string_view>
#include <vector>

#include "scenes/result.h"

namespace ps::scenes {

// Writes `content` to a temporary file in the same folder, fsyncs it, renames it
// over `file` and fsyncs the folder. Keeps the old file's permission bits. On
// failure `file` is untouched and the temporary file removed. The temporary file
// has a fresh random name ".<name>.XXXXXX.tmp" and is created exclusively
// (O_CREAT|O_EXCL: a link planted under any name is never written through); a
// link at `file` itself is replaced, not followed.
//
// A process killed mid-write may leave such a temporary file beside `file`; it
// is never read, and a later successful save removes the leftovers of its own
// name (regular files only, last modified well before that save began).
Status writeFileAtomically(const std::filesystem::path& file, std::string_view content);

// The ".<name>.XXXXXX.tmp" regular files beside `file` that an interrupted
// writeFileAtomically left (symlinks and other names are not listed).
std::vector<std::filesystem::path> atomicWriteLeftovers(const std::filesystem::path& file);

}  // namespace ps::scenes
