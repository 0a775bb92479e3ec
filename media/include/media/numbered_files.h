#pragma once
// A folder of numbered files (a mesh sequence's GLBs, a capture's frames and atlas images),
// in numeric order of the last run of digits in each name ("take_0007.glb" is number 7). A gap is refused naming the missing
// number, a number used twice is refused naming both files, and the frames must all be of
// one kind (one extension); files of other kinds in the folder are not frames.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "scenes/result.h"

namespace ps::media {

struct NumberedFiles {
  std::string extension;                       // lower case with the dot: ".obj"
  std::vector<std::filesystem::path> files;    // in numeric order, without a gap
  std::size_t firstNumber = 0;
};

// extensions: lower case with the dot (".obj", ".ply", ".glb"); what: the frames' kind for
// messages ("mesh frames"). More than maxFiles frames are refused.
Result<NumberedFiles> listNumberedFiles(const std::filesystem::path& dir, const std::vector<std::string>& extensions,
                                        const std::string& what, std::size_t maxFiles);

}  // namespace ps::media
