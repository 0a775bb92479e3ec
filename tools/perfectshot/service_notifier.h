#pragma once
// The player's side of a systemd Type=notify service (sd_notify through libsystemd): READY=1
// once the first frame is shown, STATUS= lines, and WATCHDOG=1 pings that come from the render
// loop's own progress (frameShown), so a loop that hangs stops pinging and the service manager
// restarts the player. Outside a service (no NOTIFY_SOCKET) it does nothing and logs nothing.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace ps::tools {

class ServiceNotifier {
 public:
  using Clock = std::chrono::steady_clock;
  // Hands one notification ("READY=1\nSTATUS=...") to the service manager; < 0: -errno.
  using Send = std::function<int(const std::string&)>;

  // From the environment systemd sets: NOTIFY_SOCKET (else inactive) and WATCHDOG_USEC /
  // WATCHDOG_PID (else no pings).
  static ServiceNotifier fromEnvironment();
  // For tests: a sender and a watchdog interval of one's own (empty: no watchdog).
  ServiceNotifier(Send send, std::optional<std::chrono::microseconds> watchdog);
  ServiceNotifier() = default;  // inactive

  bool active() const { return static_cast<bool>(send_); }
  std::optional<std::chrono::microseconds> watchdog() const { return watchdog_; }

  // A frame reached the display: the first one says READY=1; then a WATCHDOG=1 ping at most
  // every quarter of the watchdog interval (systemd asks for one at least every half).
  void frameShown(Clock::time_point now);
  // A pass of the loop in which the display offered no frame to draw (the session idle or
  // hidden: a headset lying on a table): the loop is alive, only the runtime runs no frames, so
  // the watchdog is pinged (and READY said) as for a frame. A hung loop makes no passes.
  void loopAlive(Clock::time_point now) { frameShown(now); }
  // What the player is doing, for `systemctl status`; sent at once when ready, else with READY.
  void setStatus(std::string status);
  // The player is ending on purpose (STOPPING=1): not a hang.
  void stopping();

  bool ready() const { return ready_; }
  std::uint64_t pings() const { return pings_; }

 private:
  void notify(const std::string& message);

  Send send_;
  std::optional<std::chrono::microseconds> watchdog_;
  std::string status_;
  bool ready_ = false;
  bool stopped_ = false;
  bool sendFailed_ = false;
  std::optional<Clock::time_point> lastPing_;
  std::uint64_t pings_ = 0;
};

}  // namespace ps::tools
