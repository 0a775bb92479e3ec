#pragma once
// A mesh sequence's frames written again in another form a package can carry, through prep's
// own encoder (capture_glb.h): each frame read as prep reads a GLB capture and written as
// frame_NNNNNN.glb, Draco-compressed, meshopt-compressed or plain. bench sequence measures the
// forms against each other on the same meshes.
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "scenes/result.h"

namespace ps::tools {

enum class FrameForm { Draco, Meshopt, Plain };

std::string_view toString(FrameForm form);

// Writes frames[i] as out/frame_{i:06}.glb (out is created); returns the bytes written, all
// frames together.
Result<std::uintmax_t> writeFrameForm(const std::vector<std::filesystem::path>& frames, FrameForm form,
                                      const std::filesystem::path& out);

}  // namespace ps::tools
