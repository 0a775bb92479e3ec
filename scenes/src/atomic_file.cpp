#include "scenes/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace ps::scenes {

namespace fs = std::filesystem;

namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { close(); }
  int get() const { return fd_; }
  bool close() {
    const int fd = fd_;
    fd_ = -1;
    return fd < 0 || ::close(fd) == 0;
  }

 private:
  int fd_;
};

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

}  // namespace

Status writeFileAtomically(const fs::path& file, std::string_view content) {
  const fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  // Built by appending: GCC 12 at -O3 warns (-Wrestrict, a false positive) on "." + string.
  std::string hidden(".");
  hidden.append(file.filename().string()).append(".XXXXXX.tmp");
  const std::string name = (folder / hidden).string();
  std::vector<char> templ(name.begin(), name.end());
  templ.push_back('\0');
  Fd tmp(::mkstemps(templ.data(), 4));
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
  Fd dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0 || ::fsync(dir.get()) != 0) return ioError(file, "fsync of the folder");
  return ok();
}

}  // namespace ps::scenes
