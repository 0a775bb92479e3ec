#pragma once
// `perfectshot prep` for Gaussian splats: a splat capture (.ply or .spz) or a folder of numbered
// frames of one (a 4D capture) in, the package form out:
//   splats.spz                      one capture: the `splats` medium's src
//   frame_000000.spz ...            a 4D capture: the folder is the `splat-sequence`'s src
//   splat-video.json, attributes.mp4   a 4D capture in the compact video form (--splat-form
//                                   video, media/splat_video.h): the folder is the src
// Every frame is read (media/splat_files.h, so a hostile file is refused before anything is
// written), written as SPZ, and read again through the player's reader, so the package holds
// what the player will get. Built in a PartialPackage and renamed into place when complete.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>

#include "scenes/result.h"

namespace ps::tools {

inline constexpr const char* kSplatsFile = "splats.spz";

struct SplatPrepOptions {
  std::filesystem::path input;  // a .ply/.spz file, or a folder of numbered ones
  std::filesystem::path out;    // the package folder to create
  bool force = false;
  int spzVersion = 3;           // 2 or 3 (gzip), 4 (zstd)
  bool video = false;           // a 4D capture in the compact video form instead of per-frame SPZ
  double fps = 30;              // the video form's nominal rate (frames are found by index)
};

struct SplatPrepOutcome {
  bool interrupted = false;  // shouldStop said so: nothing was written at out
  bool sequence = false;     // the input was a folder of frames
  std::size_t frames = 0;
  std::size_t splats = 0;    // over all frames
  int shDegree = 0;          // the highest of the frames
  std::uintmax_t bytes = 0;  // written
  std::uintmax_t inputBytes = 0;
};

// Whether `path` is a splat capture prep should take: a .spz, a .ply whose header names splat
// properties (a mesh .ply is a mesh frame), or a folder whose first numbered frame is one.
bool isSplatInput(const std::filesystem::path& path);

// progress(fraction done, 0..1); shouldStop is polled between frames.
Result<SplatPrepOutcome> prepSplats(const SplatPrepOptions& options, const std::function<void(double)>& progress,
                                    const std::function<bool()>& shouldStop);

}  // namespace ps::tools
