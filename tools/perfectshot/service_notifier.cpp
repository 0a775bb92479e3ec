#include "service_notifier.h"

#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

#include <cstdlib>
#include <cstring>
#include <utility>

namespace ps::tools {

ServiceNotifier ServiceNotifier::fromEnvironment() {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  if (socket == nullptr || *socket == '\0') return {};
  std::optional<std::chrono::microseconds> watchdog;
  std::uint64_t usec = 0;
  // > 0 only when WATCHDOG_USEC is set and WATCHDOG_PID, if set, is this process.
  if (const int r = sd_watchdog_enabled(0, &usec); r > 0 && usec > 0) {
    watchdog = std::chrono::microseconds(usec);
  } else if (r < 0) {
    spdlog::warn("service: the watchdog settings cannot be read: sd_watchdog_enabled: {}", std::strerror(-r));
  }
  spdlog::debug("service: notifying systemd{}", watchdog ? fmt::format(", watchdog every {} ms", watchdog->count() / 1000) : "");
  return ServiceNotifier([](const std::string& message) { return sd_notify(0, message.c_str()); }, watchdog);
}

ServiceNotifier::ServiceNotifier(Send send, std::optional<std::chrono::microseconds> watchdog)
    : send_(std::move(send)), watchdog_(watchdog) {}

void ServiceNotifier::notify(const std::string& message) {
  if (!send_) return;
  const int r = send_(message);
  // Once: a service manager that went away must not fill the log at the frame rate.
  if (r < 0 && !sendFailed_) {
    sendFailed_ = true;
    spdlog::warn("service: cannot notify the service manager: sd_notify: {}", std::strerror(-r));
  }
}

void ServiceNotifier::frameShown(Clock::time_point now) {
  if (!send_ || stopped_) return;
  if (!ready_) {
    ready_ = true;
    lastPing_ = now;
    ++pings_;
    notify(std::string("READY=1") + (watchdog_ ? "\nWATCHDOG=1" : "") + (status_.empty() ? "" : "\nSTATUS=" + status_));
    return;
  }
  if (!watchdog_) return;
  if (lastPing_ && now - *lastPing_ < *watchdog_ / 4) return;
  lastPing_ = now;
  ++pings_;
  notify("WATCHDOG=1");
}

void ServiceNotifier::setStatus(std::string status) {
  // One line: a newline would start another assignment.
  for (char& c : status)
    if (c == '\n' || c == '\r') c = ' ';
  status_ = std::move(status);
  if (ready_ && !stopped_) notify("STATUS=" + status_);
}

void ServiceNotifier::stopping() {
  if (!send_ || stopped_) return;
  stopped_ = true;
  notify("STOPPING=1");
}

}  // namespace ps::tools
