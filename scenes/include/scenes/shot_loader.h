#pragma once
// Reading shot.json: every problem is reported with the file, a JSON pointer to
// the offending value and a sentence saying what was expected. Never throws on
// bad input; nesting deeper than kMaxJsonDepth is refused before parsing.
#include <filesystem>
#include <string>
#include <vector>

#include "scenes/problem.h"
#include "scenes/result.h"
#include "scenes/shot.h"
#include "scenes/text_file.h"  // readTextFile, for the readers of shot.json and playlists

namespace ps::scenes {

inline constexpr const char* kShotFormat = "perfectshot/1";
inline constexpr int kMaxJsonDepth = 64;

struct ShotParse {
  Shot shot;                      // filled as far as the document allowed
  std::vector<Problem> problems;  // errors and warnings, in document order
  bool ok() const { return !hasErrors(problems); }  // warnings alone leave a usable shot
};

// Parses the text of a shot.json that lives at `file` (paths resolve against its
// folder, and referenced files must exist there; caption files are read and parsed).
ShotParse parseShot(const std::string& text, const std::filesystem::path& file);

// The shot.json of a package: `packageOrFile` itself unless it is a folder.
std::filesystem::path shotFile(const std::filesystem::path& packageOrFile);

// Loads a shot package: a folder holding shot.json, or the shot.json itself.
// Fails with the first error (and how many more there are); warnings are logged.
Result<Shot> loadShot(const std::filesystem::path& packageOrFile);

// Resolves a package-relative path, refusing absolute paths, "..", and links
// that lead outside the package. On failure returns an empty path and sets why.
std::filesystem::path resolveInside(const std::filesystem::path& root, const std::string& relative,
                                    std::string& why);

}  // namespace ps::scenes
