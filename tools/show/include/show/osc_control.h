#pragma once
// The OSC side of the show control: a UDP socket of its own (bound where ControlOptions says,
// so loopback really is loopback) and one thread that reads commands into the queue, sends the
// loop's replies and, with a reply address, the status every so often. A packet it cannot take
// (osc_packet.h) is answered with an error reply and logged at most once a minute; the thread
// survives anything a packet holds.
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "scenes/result.h"
#include "show/command_queue.h"
#include "show/control_options.h"
#include "show/log_limiter.h"
#include "show/status_board.h"

namespace ps::show {

class OscControl {
 public:
  // Binds options.bind:*options.oscPort and starts the thread; queue and board must outlive it.
  static Result<std::unique_ptr<OscControl>> start(const ControlOptions& options, CommandQueue& queue,
                                                   StatusBoard& board);
  ~OscControl();
  OscControl(const OscControl&) = delete;
  OscControl& operator=(const OscControl&) = delete;

  int port() const { return port_; }
  std::uint64_t badPackets() const { return badLog_.seen(); }

 private:
  struct Impl;
  OscControl(std::unique_ptr<Impl> impl, int port);
  void run();

  std::unique_ptr<Impl> impl_;
  int port_ = 0;
  LogLimiter badLog_{"osc: a packet refused"};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace ps::show
