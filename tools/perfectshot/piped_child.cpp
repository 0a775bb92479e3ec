#include "piped_child.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ps::tools {

Result<PipedChild> PipedChild::start(const std::vector<std::string>& argv, Pipe pipe, const std::string& stderrFile) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Error{argv.front(), std::string("pipe2: ") + std::strerror(errno), ""};
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return Error{argv.front(), std::string("fork: ") + std::strerror(errno), ""};
  }
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    const int null = ::open("/dev/null", O_RDWR);
    const int err = ::open(stderrFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (pipe == Pipe::Stdin) {
      ::dup2(fds[0], 0);
      ::dup2(null, 1);
    } else {
      ::dup2(null, 0);
      ::dup2(fds[1], 1);
    }
    ::dup2(err >= 0 ? err : null, 2);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::close(pipe == Pipe::Stdin ? fds[0] : fds[1]);
  return PipedChild(pid, pipe == Pipe::Stdin ? fds[1] : fds[0]);
}

PipedChild::PipedChild(PipedChild&& other) noexcept : pid_(other.pid_), fd_(other.fd_) {
  other.pid_ = -1;
  other.fd_ = -1;
}

PipedChild::~PipedChild() {
  if (pid_ > 0) ::kill(pid_, SIGKILL);
  finish();
}

bool PipedChild::write(const void* data, std::size_t size) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0 && fd_ >= 0) {
    const ssize_t n = ::write(fd_, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return size == 0;
}

bool PipedChild::read(void* data, std::size_t size) {
  auto* p = static_cast<char*>(data);
  while (size > 0 && fd_ >= 0) {
    const ssize_t n = ::read(fd_, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return size == 0;
}

int PipedChild::finish() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  int status = -1;
  if (pid_ > 0) {
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
  pid_ = -1;
  return status;
}

}  // namespace ps::tools
