#pragma once
// The leading headset's side of the sync: a UDP socket of its own (loopback unless an address is
// named) and one thread that
//   - takes followers: those it is told about, and those that announce themselves (hello) with
//     its group and shot, until they fall silent (no hello or ping for kFollowerSilenceSeconds);
//     anything of another group or shot is refused and counted;
//   - answers each follower's ping at once with its own clock (pong), for the round trips that
//     measure the clocks' offset (clock_offset.h);
//   - sends the latest state to every follower at once when it changes (a seek, a step, play or
//     pause, the loop, the selected marker: anything the last state sent does not predict), and
//     every heartbeat otherwise, so that one that joins late or lost packets catches up.
// publish() only hands the state over: the frame loop never waits on the network.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "net/udp_socket.h"
#include "scenes/result.h"
#include "sync/sync_packet.h"
#include "sync/wall_clock.h"

namespace ps::sync {

struct LeaderOptions {
  std::string group = "perfectshot";
  std::string shot;                 // the shot's id: followers of another shot are refused
  std::string bind = "127.0.0.1";   // a numeric address
  int port = 0;                     // 0: one the OS picks
  std::vector<std::string> followers;  // "host:port" sent to from the start
  double heartbeatSeconds = 0.1;
  std::function<double()> clock = wallClockSeconds;
};

class SyncLeader {
 public:
  static constexpr double kFollowerSilenceSeconds = 5.0;

  struct Stats {
    std::size_t followers = 0;
    std::uint64_t statesSent = 0;  // over every follower
    std::uint64_t bytesSent = 0;
    std::uint64_t pongs = 0;
    std::uint64_t refused = 0;     // packets of another group or shot, or not sync messages
    std::string lastRefusal;
  };

  static Result<std::unique_ptr<SyncLeader>> start(LeaderOptions options);
  ~SyncLeader();
  SyncLeader(const SyncLeader&) = delete;
  SyncLeader& operator=(const SyncLeader&) = delete;

  int port() const { return socket_.port(); }
  // The state shown at a frame (its group, shot and sequence are filled in here).
  void publish(LeaderState state);
  Stats stats() const;

 private:
  SyncLeader(LeaderOptions options, net::UdpSocket socket, std::vector<net::UdpPeer> followers);
  void run();
  void take(const SyncMessage& message, const net::UdpPeer& from, double receivedAt);
  void heard(const net::UdpPeer& from, double at);
  void dropSilent(double now);
  void refuse(const std::string& why);
  void sendState(const LeaderState& state);

  LeaderOptions options_;
  net::UdpSocket socket_;
  mutable std::mutex mutex_;  // guards what follows
  struct Follower {
    net::UdpPeer peer;
    double heardAt = 0;  // by the leader's clock
    bool told = false;   // named in the options: kept when silent
  };
  std::vector<Follower> followers_;
  std::optional<LeaderState> latest_;
  bool changed_ = false;
  std::uint64_t sequence_ = 0;
  Stats stats_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Whether `next` is what `sent` already says (the same play state and range, and its time where
// `sent` predicts it to within a millisecond): no need to send it before the heartbeat.
bool predictedBy(const LeaderState& sent, const LeaderState& next);

}  // namespace ps::sync
