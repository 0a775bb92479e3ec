#pragma once
// A fresh folder of a test's own (mkdtemp, so no other process holds it), removed with
// everything in it at the end. It lies under the build tree's test-out/<group>, where a failed
// run's leftovers can be found.
#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

namespace ps::test {

class TempDir {
 public:
  explicit TempDir(const std::string& group) {
    const std::filesystem::path base = std::filesystem::path(PS_BINARY_DIR) / "test-out" / group;
    std::filesystem::create_directories(base);
    std::string pattern = (base / "XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp " + pattern + " failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace ps::test
