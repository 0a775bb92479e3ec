#pragma once
// `perfectshot prep` for a volumetric capture: a folder of numbered OBJ, PLY or GLB frames
// (and optionally its texture atlas) in, the package's streaming form of a mesh sequence out:
//   frame_000000.glb ...   each frame compressed (Draco or meshopt, capture_glb.h)
//   frames.json            the listing: every frame's file, byte size, triangle count and
//                          bounds, which the player reads as the sequence's `src`
//   atlas.mp4, atlas_proxy.mp4   with an atlas: H.264 with short GOPs, and all-intra for
//                          scrubbing, frame i of each being the atlas of mesh frame i
// Built in a PartialPackage and renamed into place when complete; every frame written is
// decoded again through the player's loader, so the listing says what the player will get.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>

#include "capture_glb.h"
#include "scenes/result.h"

namespace ps::tools {

inline constexpr const char* kSequenceListing = "frames.json";
inline constexpr const char* kAtlasFile = "atlas.mp4";
inline constexpr const char* kAtlasProxyFile = "atlas_proxy.mp4";
inline constexpr int kAtlasGop = 8;  // frames: a scrub to any frame decodes at most this many

struct SequencePrepOptions {
  std::filesystem::path input;  // the folder of numbered frames
  std::filesystem::path out;    // the package folder to create
  bool force = false;
  MeshCompression compression = MeshCompression::Draco;
  double fps = 30;              // of the atlas (an image sequence is timed by it)
  std::string atlas;            // empty, a video file, or a folder of numbered PNG/JPEG images
  std::string preset = "medium";  // x264 preset of the atlas encode
};

struct SequencePrepOutcome {
  bool interrupted = false;  // shouldStop said so: nothing was written at out
  std::size_t frames = 0;
  std::size_t triangles = 0;   // over all frames
  std::uintmax_t bytes = 0;    // of all frames' GLBs
  std::uintmax_t inputBytes = 0;
};

// progress(fraction done, 0..1); shouldStop is polled between frames and during the atlas encode.
Result<SequencePrepOutcome> prepSequence(const SequencePrepOptions& options,
                                         const std::function<void(double)>& progress,
                                         const std::function<bool()>& shouldStop);

// The listing's JSON for frames already written (for tests and the command).
struct ListedFrame {
  std::string file;
  std::uintmax_t bytes = 0;
  std::size_t triangles = 0;
  glm::vec3 boundsMin{0.0f}, boundsMax{0.0f};
};
std::string sequenceListingJson(const std::vector<ListedFrame>& frames, MeshCompression compression, double fps,
                                bool atlas);

}  // namespace ps::tools
