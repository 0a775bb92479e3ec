#include "quit_signals.h"

#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>

namespace ps::tools {

namespace {

const char* signalName(int signo) { return signo == SIGINT ? "SIGINT" : "SIGTERM"; }

enum class Woken { Signal, Stop, Timeout };

// Waits for a signal on fd, a word on wake, or the timeout (negative: none).
Woken waitFor(int fd, int wake, int timeoutMs, int& signo) {
  for (;;) {
    pollfd fds[2] = {{fd, POLLIN, 0}, {wake, POLLIN, 0}};
    const int n = ::poll(fds, 2, timeoutMs);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n == 0 ? Woken::Timeout : Woken::Stop;  // poll failing: nothing left to watch
    if (fds[1].revents != 0) return Woken::Stop;
    signalfd_siginfo info{};
    if (::read(fd, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
      signo = static_cast<int>(info.ssi_signo);
      return Woken::Signal;
    }
  }
}

}  // namespace

QuitSignals::QuitSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, &previous_);
  // An ignored signal never reaches a signalfd, and shells start background jobs with SIGINT
  // ignored; while blocked, the default action cannot kill the process.
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  fd_ = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  wake_ = eventfd(0, EFD_CLOEXEC);
  if (fd_ < 0 || wake_ < 0) {
    spdlog::warn("no signalfd or eventfd; Ctrl-C and SIGTERM end the process without cleaning up");
    // Unblocked again, the signals' default action still ends the process at any point.
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
    return;
  }
  watcher_ = std::thread([this] { watch(); });
}

QuitSignals::~QuitSignals() {
  if (watcher_.joinable()) {
    const std::uint64_t one = 1;
    if (::write(wake_, &one, sizeof one) != static_cast<ssize_t>(sizeof one)) spdlog::debug("eventfd write failed");
    watcher_.join();
  }
  if (fd_ >= 0) close(fd_);
  if (wake_ >= 0) close(wake_);
  pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

bool QuitSignals::received() {
  if (signal_.load() == 0) return false;
  noticed_.store(true);
  return true;
}

void QuitSignals::watch() {
  int signo = 0;
  if (waitFor(fd_, wake_, -1, signo) != Woken::Signal) return;
  signal_.store(signo);
  spdlog::info("{} received; ending cleanly", signalName(signo));
  const auto signalled = std::chrono::steady_clock::now();
  auto deadline = signalled + kGrace;
  bool extended = false;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    int again = 0;
    const Woken w = waitFor(fd_, wake_, static_cast<int>(std::max<std::int64_t>(left.count(), 0)), again);
    if (w == Woken::Stop) return;  // the program ended in time
    if (w == Woken::Signal) {
      spdlog::warn("{} again: ending now", signalName(again));
      break;
    }
    if (noticed_.load() && !extended) {
      extended = true;
      deadline += kWindDown;
      continue;
    }
    spdlog::warn("{}: still running {} ms after the signal (a call that does not return); ending now",
                 signalName(signo),
                 std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - signalled).count());
    break;
  }
  // No destructors, no atexit handlers: whatever holds the program may hold their locks too.
  if (auto logger = spdlog::default_logger()) logger->flush();
  ::_exit(128 + signo);
}

}  // namespace ps::tools
