#pragma once
// SIGINT and SIGTERM as something the loops poll, with no global state: the signals are
// blocked for the process (threads made later inherit the mask) and read from a signalfd
// by a small watcher thread, so a loop ends cleanly instead of being killed in the middle
// of a frame or a write. Restores the previous mask when destroyed. Make it before any thread.
//
// The watcher also keeps the promise that Ctrl-C ends the process within a second at any
// point: when the program has not ended (destroyed this object) 0.8 s after the signal,
// because it sits in a call that does not return, the watcher logs why and ends the
// process with _exit(128 + signal), as a shell reports a command killed by it. A program
// that has noticed the signal (received() returned true) is winding down and gets two more
// seconds; a second signal ends the process at once.
#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

namespace ps::tools {

class QuitSignals {
 public:
  static constexpr std::chrono::milliseconds kGrace{800};  // leaves the exit itself time within the second
  static constexpr std::chrono::milliseconds kWindDown{2000};

  QuitSignals();
  QuitSignals(const QuitSignals&) = delete;
  QuitSignals& operator=(const QuitSignals&) = delete;
  ~QuitSignals();

  // True once SIGINT or SIGTERM has arrived (never blocks).
  bool received();

 private:
  void watch();

  int fd_ = -1;    // the signalfd
  int wake_ = -1;  // an eventfd: the destructor ends the watcher
  sigset_t previous_{};
  std::atomic<int> signal_{0};
  std::atomic<bool> noticed_{false};
  std::thread watcher_;
};

}  // namespace ps::tools
