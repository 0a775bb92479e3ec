#pragma once
// A file descriptor closed when it goes out of scope (the scenes module's file readers and
// writers use plain POSIX calls: O_NONBLOCK, fstat, mkstemps and fsync have no iostream form).
#include <unistd.h>

namespace ps::scenes {

class UniqueFd {
 public:
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { close(); }
  int get() const { return fd_; }
  // Closes now; false when close() reports an error (a write-back failure shows up here).
  bool close() {
    const int fd = fd_;
    fd_ = -1;
    return fd < 0 || ::close(fd) == 0;
  }

 private:
  int fd_;
};

}  // namespace ps::scenes
