#pragma once
// A stand-in for systemd in tests: it binds its own notify socket (NOTIFY_SOCKET) in a folder
// of the test's, starts a command with the watchdog settings systemd would give it
// (WATCHDOG_USEC), reads its sd_notify datagrams (READY=1, WATCHDOG=1, STATUS=, STOPPING=1;
// from the main process only, as NotifyAccess=main), and restarts it as Restart=always does:
// when it exits for any reason, and when its pings stop for longer than the watchdog interval
// after it was ready (SIGABRT, then SIGKILL, as WatchdogSignal= and the stop timeout do).
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace ps::test {

struct ServiceEvent {
  enum class Kind { Started, Ready, Watchdog, Status, Stopping, Exited, WatchdogTimeout, StartTimeout };
  Kind kind;
  pid_t pid = 0;
  std::chrono::steady_clock::time_point at;
  std::string text;  // Status: the status; Exited: how it ended
};

const char* kindName(ServiceEvent::Kind kind);

struct SupervisorOptions {
  std::vector<std::string> argv;
  std::vector<std::string> env;  // KEY=VALUE added to the test's environment
  std::chrono::milliseconds watchdog{3000};
  std::chrono::milliseconds startTimeout{60000};  // until READY=1
  std::chrono::milliseconds restartDelay{100};    // RestartSec=
  std::chrono::milliseconds killTimeout{3000};    // SIGABRT to SIGKILL
};

class ServiceSupervisor {
 public:
  // The socket and each run's output (run-N.log) go in dir.
  ServiceSupervisor(std::filesystem::path dir, SupervisorOptions options);
  ~ServiceSupervisor();  // kills what runs
  ServiceSupervisor(const ServiceSupervisor&) = delete;
  ServiceSupervisor& operator=(const ServiceSupervisor&) = delete;

  void start();
  // Supervises until done(event) returns true for an event (true), or for at most limit (false).
  bool runUntil(const std::function<bool(const ServiceEvent&)>& done, std::chrono::milliseconds limit);

  pid_t pid() const { return pid_; }
  const std::vector<ServiceEvent>& events() const { return events_; }
  std::string describe() const;  // the events, and the last run's output, for failure messages
  std::filesystem::path runLog(int run) const;
  int runs() const { return runs_; }

 private:
  bool record(ServiceEvent::Kind kind, std::string text, const std::function<bool(const ServiceEvent&)>& done);
  bool readDatagrams(const std::function<bool(const ServiceEvent&)>& done);
  bool reap(const std::function<bool(const ServiceEvent&)>& done);
  void kill(int signal);

  std::filesystem::path dir_;
  SupervisorOptions options_;
  int socket_ = -1;
  pid_t pid_ = 0;
  int runs_ = 0;
  bool ready_ = false;
  std::chrono::steady_clock::time_point startedAt_{}, lastPing_{}, abortedAt_{}, exitedAt_{};
  bool aborted_ = false;
  bool restartPending_ = false;
  std::vector<ServiceEvent> events_;
};

}  // namespace ps::test
