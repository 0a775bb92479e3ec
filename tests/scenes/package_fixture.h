#pragma once
// A throwaway shot package for tests: a temporary folder, files written into
// it, and a complete shot.json that uses every part of the format.
#include <filesystem>
#include <string>

namespace ps::scenes::test {

class TempPackage {
 public:
  // A fresh folder under the system's temp folder, unique to this process and `name`,
  // holding the files validShotJson() references (their bytes are not media).
  explicit TempPackage(const std::string& name);
  TempPackage(const TempPackage&) = delete;
  TempPackage& operator=(const TempPackage&) = delete;
  ~TempPackage();

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path shotJson() const { return root_ / "shot.json"; }
  // Writes `content` at the package-relative path, creating folders.
  std::filesystem::path write(const std::string& relative, const std::string& content) const;

 private:
  std::filesystem::path root_;
};

// A shot that is valid inside a TempPackage: media, chapters, a direction marker
// with narration and captions, a stage marker, a camera with a track and a clip,
// and blocking: two floor marks, two actor paths, a dolly track and a measurement.
std::string validShotJson();
// A WebVTT file with two cues (0-2 s, 2.5-4 s).
std::string validCaptionsVtt();

// The whole file, or "" when it cannot be read.
std::string readFile(const std::filesystem::path& file);

// The text with whitespace outside JSON strings removed.
std::string withoutWhitespace(const std::string& json);

}  // namespace ps::scenes::test
