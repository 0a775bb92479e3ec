#include "quit_signals.h"

#include <pthread.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

namespace ps::tools {

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
  if (fd_ < 0) spdlog::warn("play: no signalfd; Ctrl-C will not end playback cleanly");
}

QuitSignals::~QuitSignals() {
  if (fd_ >= 0) close(fd_);
  pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

bool QuitSignals::received() {
  if (fd_ < 0 || received_) return received_;
  signalfd_siginfo info{};
  if (read(fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
    received_ = true;
    spdlog::info("play: {} received; ending cleanly", info.ssi_signo == SIGINT ? "SIGINT" : "SIGTERM");
  }
  return received_;
}

}  // namespace ps::tools
