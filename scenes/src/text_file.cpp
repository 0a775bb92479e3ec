#include "scenes/text_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "unique_fd.h"

namespace ps::scenes {

namespace fs = std::filesystem;

std::string notRegularFile(unsigned mode) {
  if (S_ISREG(mode)) return "";
  if (S_ISDIR(mode)) return "is a folder, not a file";
  if (S_ISFIFO(mode)) return "is a FIFO (named pipe), not a regular file";
  if (S_ISCHR(mode)) return "is a character device, not a regular file";
  if (S_ISBLK(mode)) return "is a block device, not a regular file";
  if (S_ISSOCK(mode)) return "is a socket, not a regular file";
  return "is not a regular file";
}

namespace {

Error tooLarge(const fs::path& file, std::uintmax_t maxBytes) {
  return Error{file.string(), "is larger than the " + describeSize(maxBytes) + " limit for this kind of file",
               "is it the right file?"};
}

}  // namespace

std::string describeSize(std::uintmax_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (1u << 10) && bytes % (1u << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

Result<std::string> readTextFile(const fs::path& file, std::uintmax_t maxBytes) {
  const std::string where = file.string();
  // A look before opening: opening some devices has effects of its own (a tape rewinds,
  // a watchdog arms). The fstat below is the check that counts: the path may change between.
  struct stat st {};
  if (::stat(file.c_str(), &st) == 0)
    if (std::string what = notRegularFile(st.st_mode); !what.empty()) return Error{where, what, "name a regular file"};
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
  UniqueFd fd(::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) {
    const int err = errno;
    return Error{where, std::string("cannot open the file: ") + std::strerror(err),
                 err == ENOENT ? "does it exist?" : "may this user read it?"};
  }
  if (::fstat(fd.get(), &st) != 0) return Error{where, std::string("cannot stat the file: ") + std::strerror(errno), ""};
  if (std::string what = notRegularFile(st.st_mode); !what.empty()) return Error{where, what, "name a regular file"};
  if (static_cast<std::uintmax_t>(st.st_size) > maxBytes) return tooLarge(file, maxBytes);
  // A regular file never blocks, but the flag would still make a read of a file on some
  // network filesystems return EAGAIN: back to ordinary blocking reads.
  const int flags = ::fcntl(fd.get(), F_GETFL);
  if (flags < 0 || ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK) != 0)
    return Error{where, std::string("fcntl failed: ") + std::strerror(errno), ""};

  // The size is a hint (files in /proc say 0; a file may grow while read): the cap is
  // enforced on what is read, one byte past it telling "too large" from "exactly full".
  std::string text;
  text.resize(static_cast<std::size_t>(std::min<std::uintmax_t>(static_cast<std::uintmax_t>(st.st_size), maxBytes) + 1));
  std::size_t used = 0;
  for (;;) {
    if (used == text.size()) {
      if (used > maxBytes) return tooLarge(file, maxBytes);
      text.resize(static_cast<std::size_t>(std::min<std::uintmax_t>(maxBytes + 1, used * 2 + 4096)));
    }
    const ssize_t n = ::read(fd.get(), text.data() + used, text.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error{where, std::string("cannot read the file: ") + std::strerror(errno), ""};
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  if (used > maxBytes) return tooLarge(file, maxBytes);
  text.resize(used);
  return text;
}

}  // namespace ps::scenes
