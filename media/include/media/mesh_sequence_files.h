#pragma once
// The frames of a mesh sequence, in order, from where a shot says they are:
// - a folder of numbered GLB files: frame i is the i-th file in numeric order of the last
//   run of digits in its name ("take_0007.glb" is number 7; "take_7.glb" too, which makes
//   both together a duplicate). The numbers must run without a gap from the first one (0, 1
//   or any): a gap is refused with the missing number named, so a lost file is never played
//   as a jump. Files not ending in ".glb" are not frames and are passed over.
// - a listing file (JSON): {"frames": ["f0.glb", "f1.glb", ...]}, each path relative to the
//   listing's folder and inside it (no absolute paths, no ".."). A frame may also be an object
//   whose "file" is that path, as `perfectshot prep` writes with each frame's size, triangle
//   count and bounds (members the player does not need, and does not read).
// Nothing is decoded here; a frame that is missing or broken is found when it is read.
#include <cstddef>
#include <filesystem>
#include <vector>

#include "scenes/result.h"

namespace ps::media {

struct MeshSequenceFiles {
  std::filesystem::path packageRoot;          // every frame lies inside it (the folder)
  std::vector<std::filesystem::path> frames;  // frame i's file
  std::size_t firstNumber = 0;                // a folder's first file number (0 for a listing)
};

inline constexpr std::size_t kMaxSequenceFrames = 1u << 20;  // about 9.7 hours at 30 fps

// A folder or a listing file, told apart by what `src` is. More than maxFrames frames are
// refused (a count no one meant).
Result<MeshSequenceFiles> listMeshSequence(const std::filesystem::path& src,
                                           std::size_t maxFrames = kMaxSequenceFrames);

}  // namespace ps::media
