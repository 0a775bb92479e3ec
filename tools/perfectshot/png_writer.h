#pragma once
#include <filesystem>

#include "engine/rgba_image.h"
#include "scenes/result.h"

namespace ps::tools {

// Writes a PNG atomically (scenes::writeFileAtomically: a fresh temporary file created
// exclusively, fsync, rename): a reader never sees half a file, and no planted link is followed.
Status writePng(const std::filesystem::path& path, const engine::RgbaImage& image);

}  // namespace ps::tools
