#include "ffmpeg_job.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace ps::tools {

namespace {

constexpr std::size_t kErrorsKept = 8192;  // bytes of stderr kept: the last lines are what matter
constexpr std::size_t kErrorLinesKept = 4;

// A pipe's two ends, closed when it goes.
struct Pipe {
  int fd[2] = {-1, -1};
  Pipe() = default;
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  ~Pipe() {
    for (int f : fd)
      if (f >= 0) ::close(f);
  }
  void closeEnd(int i) {
    if (fd[i] >= 0) ::close(fd[i]);
    fd[i] = -1;
  }
};

// Only async-signal-safe calls between fork and exec: the parent may have threads.
[[noreturn]] void execChild(char* const* args, int out, int err, pid_t parent) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(127);  // the parent died before prctl took effect
  // QuitSignals blocks SIGINT/SIGTERM in the parent and the mask is inherited; the
  // child should die of them like any command (Ctrl-C in a terminal reaches it too).
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::signal(SIGINT, SIG_DFL);
  ::signal(SIGTERM, SIG_DFL);
  ::dup2(out, STDOUT_FILENO);
  ::dup2(err, STDERR_FILENO);
  ::execvp(args[0], args);
  ::_exit(127);
}

// Feeds complete "key=value" lines of the progress report to onProgress.
void parseProgress(std::string& pending, const std::function<void(double)>& onProgress) {
  for (std::size_t nl; (nl = pending.find('\n')) != std::string::npos; pending.erase(0, nl + 1)) {
    const std::string_view line(pending.data(), nl);
    // out_time_us is microseconds (out_time_ms is too, misnamed); "N/A" before the first frame.
    constexpr std::string_view key = "out_time_us=";
    if (!line.starts_with(key)) continue;
    const std::string value(line.substr(key.size()));
    char* end = nullptr;
    const long long us = std::strtoll(value.c_str(), &end, 10);
    if (end != value.c_str() && us >= 0) onProgress(static_cast<double>(us) / 1e6);
  }
}

}  // namespace

Result<FfmpegJobResult> runFfmpegJob(const std::vector<std::string>& argv,
                                     const std::function<void(double)>& onProgress,
                                     const std::function<bool()>& shouldStop) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  Pipe out, err;
  if (::pipe2(out.fd, O_CLOEXEC) != 0 || ::pipe2(err.fd, O_CLOEXEC) != 0)
    return Error{"pipe2", std::strerror(errno), ""};
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) return Error{"fork", std::strerror(errno), ""};
  if (pid == 0) execChild(args.data(), out.fd[1], err.fd[1], parent);
  out.closeEnd(1);
  err.closeEnd(1);

  FfmpegJobResult result;
  std::string progress, errors;
  bool errorsCut = false;  // errors no longer starts at a line start
  std::array<char, 4096> buf{};
  std::array<pollfd, 2> fds{pollfd{out.fd[0], POLLIN, 0}, pollfd{err.fd[0], POLLIN, 0}};
  int open = 2;
  while (open > 0) {
    if (shouldStop()) {
      ::kill(pid, SIGKILL);  // the output is thrown away: no need for a clean trailer
      result.stopped = true;
      break;
    }
    const int n = ::poll(fds.data(), fds.size(), 100);
    if (n < 0 && errno != EINTR) return Error{"poll", std::strerror(errno), ""};
    for (auto& p : fds) {
      if (p.fd < 0 || (p.revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      const ssize_t got = ::read(p.fd, buf.data(), buf.size());
      if (got > 0) {
        (p.fd == out.fd[0] ? progress : errors).append(buf.data(), static_cast<std::size_t>(got));
      } else if (got == 0 || errno != EINTR) {
        p.fd = -1;  // poll ignores negative descriptors
        --open;
      }
    }
    parseProgress(progress, onProgress);
    if (errors.size() > kErrorsKept * 2) {  // keep the end; an error comes last
      errors.erase(0, errors.size() - kErrorsKept);
      errorsCut = true;
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (WIFEXITED(status) && result.exitCode == 127 && errors.empty())
    return Error{argv[0], "cannot start", "is it installed? tools/setup.sh installs it"};
  result.errorLines = lastLines(errors, kErrorLinesKept, errorsCut);
  return result;
}

std::string FfmpegJobResult::errorSummary() const {
  std::string s;
  for (const auto& line : errorLines) s += (s.empty() ? "" : " / ") + line;
  return s;
}

std::vector<std::string> lastLines(std::string_view text, std::size_t maxLines, bool partialStart) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  if (partialStart) {
    const std::size_t nl = text.find('\n');
    start = nl == std::string_view::npos ? text.size() : nl + 1;
  }
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (!line.empty()) lines.emplace_back(line);
    start = end + 1;
  }
  if (lines.size() > maxLines) lines.erase(lines.begin(), lines.end() - static_cast<std::ptrdiff_t>(maxLines));
  return lines;
}

}  // namespace ps::tools
