#pragma once
#include <filesystem>

#include "engine/rgba_image.h"
#include "scenes/result.h"

namespace ps::tools {

// Writes a PNG atomically (temporary file, fsync, rename): a reader never sees half a file.
Status writePng(const std::filesystem::path& path, const engine::RgbaImage& image);

}  // namespace ps::tools
