#include "make_rgbd/ffmpeg_pipe.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace ps::make_rgbd {

Result<FfmpegPipe> FfmpegPipe::start(const std::vector<std::string>& argv, Direction direction) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Error{"pipe2", std::strerror(errno), ""};
  const int childEnd = direction == Direction::ToChild ? fds[0] : fds[1];
  const int ourEnd = direction == Direction::ToChild ? fds[1] : fds[0];
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, childEnd, direction == Direction::ToChild ? 0 : 1);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  // The child starts with no signal blocked and default handlers, whatever the caller (perfectshot
  // blocks SIGINT and SIGTERM to poll them) has set.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  const int rc = ::posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  ::close(childEnd);
  if (rc != 0) {
    ::close(ourEnd);
    return Error{argv[0], std::string("cannot be started: ") + std::strerror(rc), "is FFmpeg installed?"};
  }
  return FfmpegPipe(pid, ourEnd, argv[0]);
}

FfmpegPipe::FfmpegPipe(FfmpegPipe&& other) noexcept : pid_(other.pid_), fd_(other.fd_), name_(std::move(other.name_)) {
  other.pid_ = -1;
  other.fd_ = -1;
}

FfmpegPipe::~FfmpegPipe() {
  if (fd_ >= 0) ::close(fd_);
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
}

bool FfmpegPipe::write(std::span<const std::uint8_t> bytes) {
  // A child that quit must not kill us with SIGPIPE: the write fails instead.
  struct sigaction ignore{}, previous{};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &previous);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::sigaction(SIGPIPE, &previous, nullptr);
  return done == bytes.size();
}

bool FfmpegPipe::read(std::span<std::uint8_t> bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::read(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  return done == bytes.size();
}

Status FfmpegPipe::finish() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  int status = 0;
  pid_t got;
  do got = ::waitpid(pid_, &status, 0);
  while (got < 0 && errno == EINTR);
  pid_ = -1;
  if (got < 0) return Error{name_, std::string("waitpid: ") + std::strerror(errno), ""};
  if (!WIFEXITED(status)) return Error{name_, "ended by signal " + std::to_string(WTERMSIG(status)), ""};
  if (WEXITSTATUS(status) != 0) return Error{name_, "exited with status " + std::to_string(WEXITSTATUS(status)), ""};
  return ok();
}

}  // namespace ps::make_rgbd
