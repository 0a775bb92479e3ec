#pragma once
// Replacing a file so that a crash, a kill or a power cut at any moment leaves
// either the old content or the new one, never a mix or a truncated file.
#include <filesystem>
#include <string_view>

#include "scenes/result.h"

namespace ps::scenes {

// Writes `content` to a temporary file in the same folder, fsyncs it, renames it
// over `file` and fsyncs the folder. Keeps the old file's permission bits. On
// failure `file` is untouched and the temporary file removed. A process killed
// mid-write may leave a ".<name>.*.tmp" file beside `file`; it is never read.
Status writeFileAtomically(const std::filesystem::path& file, std::string_view content);

}  // namespace ps::scenes
