#include "partial_package.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>

namespace ps::tools {

namespace fs = std::filesystem;

namespace {

constexpr const char* kPartial = ".partial-";

// The folder's content reaches the disk before the rename that publishes it.
void fsyncPath(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

void fsyncTree(const fs::path& dir) {
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec))
    if (e.is_regular_file(ec) || e.is_directory(ec)) fsyncPath(e.path());
  fsyncPath(dir);
}

bool processRuns(long pid) {
  return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

// "<name>.partial-<pid>" siblings of target whose process is gone.
void removeStalePartials(const fs::path& target) {
  const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  const std::string prefix = target.filename().string() + kPartial;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(parent, ec)) {
    const std::string name = e.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const std::string pidText = name.substr(prefix.size());
    char* end = nullptr;
    const long pid = std::strtol(pidText.c_str(), &end, 10);
    if (pidText.empty() || *end != '\0' || processRuns(pid)) continue;
    std::error_code rmEc;
    fs::remove_all(e.path(), rmEc);
    if (rmEc) spdlog::warn("prep: cannot remove the stale {}: {}", e.path().string(), rmEc.message());
    else spdlog::info("prep: removed {}, left by an interrupted run", e.path().string());
  }
}

}  // namespace

Result<PartialPackage> PartialPackage::create(const fs::path& target, bool force) {
  std::error_code ec;
  const auto status = fs::symlink_status(target, ec);
  if (fs::exists(status)) {
    if (!force) return Error{target.string(), "already exists", "pass --force to replace it"};
    if (!fs::is_directory(status)) return Error{target.string(), "exists and is not a folder", "remove it or pick another -o"};
  }
  removeStalePartials(target);
  fs::path dir = target;
  dir += kPartial + std::to_string(::getpid());
  fs::remove_all(dir, ec);  // ours by pid: only a previous process with our pid could have made it (a link: only the link)
  if (!dir.parent_path().empty()) fs::create_directories(dir.parent_path(), ec);
  // Exclusive, as mkdtemp's: mkdir fails on anything planted at this predictable name since
  // (a link included, never followed), so everything prep writes lands in a folder it made.
  if (::mkdir(dir.c_str(), 0777) != 0)
    return Error{dir.string(), std::string("cannot create the folder: ") + std::strerror(errno),
                 "check the permissions of its parent"};
  return PartialPackage(target, std::move(dir));
}

PartialPackage::PartialPackage(PartialPackage&& other) noexcept
    : target_(std::move(other.target_)), dir_(std::exchange(other.dir_, {})) {}

PartialPackage::~PartialPackage() {
  if (dir_.empty()) return;
  std::error_code ec;
  fs::remove_all(dir_, ec);
  if (ec) spdlog::warn("prep: cannot remove {}: {}", dir_.string(), ec.message());
}

Status PartialPackage::commit() {
  fsyncTree(dir_);
  std::error_code ec;
  if (fs::exists(target_, ec)) {
    // One step from the old package to the new: never a moment without either.
    if (::renameat2(AT_FDCWD, dir_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) != 0)
      return Error{target_.string(), std::string("cannot replace it: ") + std::strerror(errno), ""};
    // dir_ now holds the old package; the destructor's job, done now.
    fs::remove_all(dir_, ec);
    if (ec) spdlog::warn("prep: cannot remove the old package at {}: {}", dir_.string(), ec.message());
  } else if (::rename(dir_.c_str(), target_.c_str()) != 0) {
    return Error{target_.string(), std::string("cannot move the package into place: ") + std::strerror(errno), ""};
  }
  dir_.clear();
  fsyncPath(target_.parent_path().empty() ? fs::path(".") : target_.parent_path());
  return Done{};
}

}  // namespace ps::tools
