#pragma once
// SIGINT and SIGTERM as something the player loop polls, with no global state: the
// signals are blocked for the process (threads made later inherit the mask) and read
// from a signalfd, so the loop ends the display cleanly instead of being killed in the
// middle of a frame. Restores the previous mask when destroyed. Make it before any thread.
#include <csignal>

namespace ps::tools {

class QuitSignals {
 public:
  QuitSignals();
  QuitSignals(const QuitSignals&) = delete;
  QuitSignals& operator=(const QuitSignals&) = delete;
  ~QuitSignals();

  // True once SIGINT or SIGTERM has arrived (never blocks).
  bool received();

 private:
  int fd_ = -1;
  sigset_t previous_{};
  bool received_ = false;
};

}  // namespace ps::tools
