#pragma once
// A shot package being built where nobody mistakes it for one: a sibling folder
// "<target>.partial-<pid>", renamed onto <target> only when complete. Destroyed
// before commit() (an error, SIGINT/SIGTERM), it removes the folder; a SIGKILL
// leaves it behind, with no shot.json inside unless the kill hit between writing
// shot.json and the rename, and the next create() for the same target removes it.
#include <filesystem>

#include "scenes/result.h"

namespace ps::tools {

class PartialPackage {
 public:
  // Refuses an existing target unless force (a one-line Error). Removes partial
  // folders of the same target left by processes that no longer run.
  static Result<PartialPackage> create(const std::filesystem::path& target, bool force);

  PartialPackage(PartialPackage&& other) noexcept;
  PartialPackage& operator=(PartialPackage&&) = delete;
  PartialPackage(const PartialPackage&) = delete;
  PartialPackage& operator=(const PartialPackage&) = delete;
  ~PartialPackage();

  // The folder to write into.
  const std::filesystem::path& dir() const { return dir_; }

  // fsyncs what was written and puts it in place of the target in one rename (an
  // existing target, allowed by force, is swapped out atomically and then removed).
  Status commit();

 private:
  PartialPackage(std::filesystem::path target, std::filesystem::path dir) : target_(std::move(target)), dir_(std::move(dir)) {}
  std::filesystem::path target_;
  std::filesystem::path dir_;  // empty once committed or moved from
};

}  // namespace ps::tools
