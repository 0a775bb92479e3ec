#pragma once
// Writes a 4D splat capture in the compact video form (media/splat_video.h): every frame read
// once to plan the layout (the ranges of the whole sequence), then again to be packed and piped
// to the ffmpeg CLI's libx264 in lossless 4:4:4 with short GOPs; the manifest last.
#include <cstddef>
#include <filesystem>
#include <functional>

#include "media/splat_video.h"
#include "scenes/result.h"
#include "scenes/splat_cloud.h"

namespace ps::tools {

inline constexpr int kSplatVideoGop = 8;  // frames: a scrub to any frame decodes at most this many

struct SplatVideoWritten {
  bool interrupted = false;
  media::SplatVideoLayout layout;
};

// frameAt(i) reads frame i (it is called twice per frame); progress(0..1); shouldStop polled
// between frames. `folder` exists; splat-video.json and the video are written into it.
Result<SplatVideoWritten> writeSplatVideo(std::size_t frames,
                                          const std::function<Result<scenes::SplatCloud>(std::size_t)>& frameAt,
                                          const std::filesystem::path& folder, double fps,
                                          const std::function<void(double)>& progress,
                                          const std::function<bool()>& shouldStop);

}  // namespace ps::tools
