#include "service_supervisor.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace ps::test {

namespace {

using Clock = std::chrono::steady_clock;

std::runtime_error systemError(const std::string& what) { return std::runtime_error(what + ": " + std::strerror(errno)); }

}  // namespace

const char* kindName(ServiceEvent::Kind kind) {
  switch (kind) {
    case ServiceEvent::Kind::Started: return "started";
    case ServiceEvent::Kind::Ready: return "READY";
    case ServiceEvent::Kind::Watchdog: return "WATCHDOG";
    case ServiceEvent::Kind::Status: return "STATUS";
    case ServiceEvent::Kind::Stopping: return "STOPPING";
    case ServiceEvent::Kind::Exited: return "exited";
    case ServiceEvent::Kind::WatchdogTimeout: return "watchdog timeout";
    case ServiceEvent::Kind::StartTimeout: return "start timeout";
  }
  return "?";
}

ServiceSupervisor::ServiceSupervisor(std::filesystem::path dir, SupervisorOptions options)
    : dir_(std::move(dir)), options_(std::move(options)) {
  socket_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (socket_ < 0) throw systemError("socket");
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string path = (dir_ / "notify").string();
  if (path.size() >= sizeof addr.sun_path) throw std::runtime_error("socket path too long: " + path);
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  if (::bind(socket_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) throw systemError("bind " + path);
  const int on = 1;  // the sender's pid with each datagram, as systemd checks it
  if (::setsockopt(socket_, SOL_SOCKET, SO_PASSCRED, &on, sizeof on) != 0) throw systemError("SO_PASSCRED");
}

ServiceSupervisor::~ServiceSupervisor() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (socket_ >= 0) ::close(socket_);
}

std::filesystem::path ServiceSupervisor::runLog(int run) const { return dir_ / ("run-" + std::to_string(run) + ".log"); }

void ServiceSupervisor::start() {
  // Everything the child needs is made before fork: after it only async-signal-safe calls.
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view v(*e);
    if (!v.starts_with("NOTIFY_SOCKET=") && !v.starts_with("WATCHDOG_")) env.emplace_back(v);
  }
  env.push_back("NOTIFY_SOCKET=" + (dir_ / "notify").string());
  env.push_back("WATCHDOG_USEC=" + std::to_string(std::chrono::microseconds(options_.watchdog).count()));
  env.insert(env.end(), options_.env.begin(), options_.env.end());
  std::vector<char*> envp, argv;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = options_.argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  ++runs_;
  const std::string log = runLog(runs_).string();
  const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out < 0) throw systemError("open " + log);

  const pid_t pid = ::fork();
  if (pid < 0) throw systemError("fork");
  if (pid == 0) {
    ::dup2(out, 1);
    ::dup2(out, 2);
    const rlimit noCore{0, 0};  // LimitCORE=0: a watchdog's SIGABRT writes no core
    ::setrlimit(RLIMIT_CORE, &noCore);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(out);
  pid_ = pid;
  ready_ = false;
  aborted_ = false;
  restartPending_ = false;
  startedAt_ = Clock::now();
  events_.push_back({ServiceEvent::Kind::Started, pid_, startedAt_, log});
}

bool ServiceSupervisor::record(ServiceEvent::Kind kind, std::string text, const std::function<bool(const ServiceEvent&)>& done) {
  events_.push_back({kind, pid_, Clock::now(), std::move(text)});
  return done(events_.back());
}

bool ServiceSupervisor::readDatagrams(const std::function<bool(const ServiceEvent&)>& done) {
  bool finished = false;
  for (;;) {
    char buffer[4096];
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred))];
    iovec iov{buffer, sizeof buffer - 1};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    const ssize_t n = ::recvmsg(socket_, &msg, MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) return finished;
      if (errno == EINTR) continue;
      throw systemError("recvmsg");
    }
    pid_t sender = 0;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
        ucred cred{};
        std::memcpy(&cred, CMSG_DATA(c), sizeof cred);
        sender = cred.pid;
      }
    }
    if (sender != pid_ || pid_ <= 0) continue;  // NotifyAccess=main
    std::istringstream lines(std::string(buffer, static_cast<std::size_t>(n)));
    for (std::string line; std::getline(lines, line);) {
      if (line == "READY=1") {
        ready_ = true;
        lastPing_ = Clock::now();
        finished = record(ServiceEvent::Kind::Ready, "", done) || finished;
      } else if (line == "WATCHDOG=1") {
        lastPing_ = Clock::now();
        finished = record(ServiceEvent::Kind::Watchdog, "", done) || finished;
      } else if (line.starts_with("STATUS=")) {
        finished = record(ServiceEvent::Kind::Status, line.substr(7), done) || finished;
      } else if (line == "STOPPING=1") {
        finished = record(ServiceEvent::Kind::Stopping, "", done) || finished;
      }
    }
  }
}

bool ServiceSupervisor::reap(const std::function<bool(const ServiceEvent&)>& done) {
  if (pid_ <= 0) return false;
  int status = 0;
  const pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == 0) return false;
  if (r < 0) throw systemError("waitpid");
  const std::string how = WIFEXITED(status) ? "exit " + std::to_string(WEXITSTATUS(status))
                                            : "signal " + std::to_string(WTERMSIG(status));
  const bool finished = record(ServiceEvent::Kind::Exited, how, done);
  pid_ = 0;
  restartPending_ = true;  // Restart=always
  exitedAt_ = Clock::now();
  return finished;
}

void ServiceSupervisor::kill(int signal) {
  if (pid_ > 0) ::kill(pid_, signal);
}

bool ServiceSupervisor::runUntil(const std::function<bool(const ServiceEvent&)>& done, std::chrono::milliseconds limit) {
  const Clock::time_point end = Clock::now() + limit;
  while (Clock::now() < end) {
    pollfd p{socket_, POLLIN, 0};
    // A child's exit wakes nothing here: look again often.
    if (::poll(&p, 1, 20) < 0 && errno != EINTR) throw systemError("poll");
    if (readDatagrams(done)) return true;
    if (reap(done)) return true;
    const Clock::time_point now = Clock::now();
    if (restartPending_) {
      if (now - exitedAt_ >= options_.restartDelay) start();
      continue;
    }
    if (aborted_) {
      if (now - abortedAt_ >= options_.killTimeout) kill(SIGKILL);
      continue;
    }
    if (ready_ && now - lastPing_ > options_.watchdog) {
      aborted_ = true;
      abortedAt_ = now;
      kill(SIGABRT);
      if (record(ServiceEvent::Kind::WatchdogTimeout, "", done)) return true;
    } else if (!ready_ && now - startedAt_ > options_.startTimeout) {
      aborted_ = true;
      abortedAt_ = now;
      kill(SIGTERM);
      if (record(ServiceEvent::Kind::StartTimeout, "", done)) return true;
    }
  }
  return false;
}

std::string ServiceSupervisor::describe() const {
  std::ostringstream out;
  const Clock::time_point t0 = events_.empty() ? Clock::now() : events_.front().at;
  std::size_t pings = 0;
  for (const ServiceEvent& e : events_) {
    if (e.kind == ServiceEvent::Kind::Watchdog) {
      ++pings;
      continue;
    }
    if (pings > 0) out << "  (" << pings << " WATCHDOG pings)\n";
    pings = 0;
    out << "  " << std::chrono::duration<double>(e.at - t0).count() << " s: pid " << e.pid << " " << kindName(e.kind)
        << (e.text.empty() ? "" : " " + e.text) << "\n";
  }
  if (pings > 0) out << "  (" << pings << " WATCHDOG pings)\n";
  if (runs_ > 0) {
    std::ifstream log(runLog(runs_));
    std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    if (text.size() > 4000) text = "..." + text.substr(text.size() - 4000);
    out << "last run's output:\n" << text;
  }
  return out.str();
}

}  // namespace ps::test
