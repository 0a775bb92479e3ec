#include "scenes/atomic_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "unique_fd.h"

namespace ps::scenes {

namespace fs = std::filesystem;

namespace {

Error ioError(const fs::path& file, const std::string& step) {
  return Error{file.string(), step + " failed: " + std::strerror(errno), "is the folder writable, and is there space?"};
}

Status writeAll(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error{};
    }
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return ok();
}

// A save in flight in another process writes its temporary file within moments; one
// untouched for this long before our save began is a leftover, not someone's work.
constexpr std::time_t kLeftoverAgeSeconds = 60;

fs::path folderOf(const fs::path& file) { return file.parent_path().empty() ? fs::path(".") : file.parent_path(); }

// ".<name>." + six of mkstemp's letters and digits + ".tmp".
bool isLeftoverName(const std::string& entry, const std::string& name) {
  const std::string prefix = "." + name + ".";
  constexpr std::string_view suffix = ".tmp";
  if (entry.size() != prefix.size() + 6 + suffix.size() || !entry.starts_with(prefix) || !entry.ends_with(suffix))
    return false;
  for (std::size_t i = prefix.size(); i < prefix.size() + 6; ++i) {
    const char c = entry[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

// Calls onLeftover(dirFd, entry name, its lstat) for each regular file with a leftover's name.
template <typename F>
void forEachLeftover(const fs::path& file, F&& onLeftover) {
  const std::string name = file.filename().string();
  if (name.empty()) return;
  UniqueFd dirFd(::open(folderOf(file).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dirFd.get() < 0) return;
  DIR* dir = ::fdopendir(::dup(dirFd.get()));
  if (dir == nullptr) return;
  while (const dirent* e = ::readdir(dir)) {
    if (!isLeftoverName(e->d_name, name)) continue;
    struct stat st {};
    // Never through a link: a planted symlink is neither listed nor removed.
    if (::fstatat(dirFd.get(), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) continue;
    onLeftover(dirFd.get(), std::string(e->d_name), st);
  }
  ::closedir(dir);
}

void removeOldLeftovers(const fs::path& file, std::time_t saveBegan) {
  forEachLeftover(file, [&](int dirFd, const std::string& entry, const struct stat& st) {
    if (st.st_mtime < saveBegan - kLeftoverAgeSeconds) ::unlinkat(dirFd, entry.c_str(), 0);
  });
}

}  // namespace

std::vector<fs::path> atomicWriteLeftovers(const fs::path& file) {
  std::vector<fs::path> out;
  forEachLeftover(file, [&](int, const std::string& entry, const struct stat&) { out.push_back(folderOf(file) / entry); });
  return out;
}

Status writeFileAtomically(const fs::path& file, std::string_view content) {
  const std::time_t began = std::time(nullptr);
  const fs::path folder = folderOf(file);
  // Built by appending: GCC 12 at -O3 warns (-Wrestrict, a false positive) on "." + string.
  std::string hidden(".");
  hidden.append(file.filename().string()).append(".XXXXXX.tmp");
  const std::string name = (folder / hidden).string();
  std::vector<char> templ(name.begin(), name.end());
  templ.push_back('\0');
  UniqueFd tmp(::mkstemps(templ.data(), 4));
  if (tmp.get() < 0) return ioError(file, "creating a temporary file");
  const fs::path tmpPath(templ.data());
  auto fail = [&](const std::string& step) {
    Error e = ioError(file, step);
    ::unlink(tmpPath.c_str());
    return e;
  };

  struct stat old {};
  const mode_t mode = ::stat(file.c_str(), &old) == 0 ? (old.st_mode & 07777) : 0644;
  if (::fchmod(tmp.get(), mode) != 0) return fail("setting permissions");
  if (!writeAll(tmp.get(), content)) return fail("writing");
  // The data must be on disk before the rename makes it the file; otherwise a
  // power cut can leave the new name pointing at an empty file.
  if (::fsync(tmp.get()) != 0) return fail("fsync");
  if (!tmp.close()) return fail("closing");
  if (::rename(tmpPath.c_str(), file.c_str()) != 0) return fail("renaming over the old file");
  // The rename itself lives in the folder's entries: sync those too.
  UniqueFd dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0 || ::fsync(dir.get()) != 0) return ioError(file, "fsync of the folder");
  removeOldLeftovers(file, began);
  return ok();
}

}  // namespace ps::scenes
