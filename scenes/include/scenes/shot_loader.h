#pragma once
// Reading shot.json: every problem is reported with the file, a JSON pointer to
// the offending value and a sentence saying what was expected.
#include <filesystem>
#include <string>
#include <vector>

#include "scenes/result.h"
#include "scenes/shot.h"

namespace ps::scenes {

inline constexpr const char* kShotFormat = "perfectshot/1";

struct Problem {
  std::string pointer;  // JSON pointer into shot.json, "" for the whole document
  std::string message;
};

struct ShotParse {
  Shot shot;                      // filled as far as the document allowed
  std::vector<Problem> problems;  // empty when the shot is usable
  bool ok() const { return problems.empty(); }
};

// Parses the text of a shot.json that lives at `file` (paths resolve against its folder).
ShotParse parseShot(const std::string& text, const std::filesystem::path& file);

// Loads a shot package: a folder holding shot.json, or the shot.json itself.
// Fails with the first problem (and how many more there are).
Result<Shot> loadShot(const std::filesystem::path& packageOrFile);

// Resolves a package-relative path, refusing absolute paths, "..", and links
// that lead outside the package. On failure returns an empty path and sets why.
std::filesystem::path resolveInside(const std::filesystem::path& root, const std::string& relative,
                                    std::string& why);

}  // namespace ps::scenes
