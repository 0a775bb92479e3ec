#pragma once
// The texture atlas of a volumetric capture, as `perfectshot prep` encodes it: a video, or a
// folder of numbered images, made into atlas.mp4 (H.264, a keyframe every kAtlasGop frames, no
// B-frames, so a scrub decodes few frames) and atlas_proxy.mp4 (all-intra) in one ffmpeg run.
// Frame i of the input becomes frame i of both, at time i / fps, whatever the input's own
// timing; both hold exactly `frames` frames, and an atlas with fewer is refused.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "scenes/result.h"

namespace ps::tools {

struct AtlasInput {
  std::vector<std::string> ffmpegInput;  // the input's arguments, up to and with -i
  std::size_t frames = 0;                // an image folder's count; 0 for a video (probed after)
};

// A video file or a folder of numbered .png/.jpg images; for a folder, the images are linked
// into `staging` (a folder the caller removes) under names ffmpeg's image2 reads in order.
Result<AtlasInput> atlasInput(const std::string& atlas, double fps, const std::filesystem::path& staging);

std::vector<std::string> atlasFfmpegArgs(const AtlasInput& input, double fps, std::size_t frames,
                                         const std::string& preset, const std::filesystem::path& dir);

}  // namespace ps::tools
