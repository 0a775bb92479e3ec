#pragma once
// A following headset's side of the sync: a UDP socket of its own (loopback unless an address
// is named) and one thread that announces itself to the leader (hello, every second, so a
// leader started later or again takes it), measures the clocks' offset by round trip every
// ping period (clock_offset.h), and keeps the newest state of its group and shot. Packets of
// another group or shot, or that are not sync messages, are refused and counted.
// The frame loop reads status() and decides with follow.h what to show: nothing here waits on
// the network for it. With no state for `lostSeconds`, the leader is taken as gone: the
// follower keeps playing on its own and says so.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "net/udp_socket.h"
#include "scenes/result.h"
#include "sync/clock_offset.h"
#include "sync/sync_packet.h"
#include "sync/wall_clock.h"

namespace ps::sync {

struct FollowerOptions {
  std::string group = "perfectshot";
  std::string shot;                // the shot's id: a leader of another shot is refused
  std::string leader;              // "host:port"
  std::string bind = "127.0.0.1";  // a numeric address
  int port = 0;                    // 0: one the OS picks
  double pingSeconds = 0.2;
  double lostSeconds = 1.0;
  std::function<double()> clock = wallClockSeconds;
  // A fault hook for tests: true drops the packet just received, as a lost network would.
  std::function<bool()> dropIncoming;
};

struct FollowerStatus {
  std::optional<LeaderState> leader;  // the newest state taken
  std::optional<OffsetEstimate> offset;
  double secondsSinceState = 0;  // by this follower's clock; 0 with no state yet
  bool leaderLost = false;       // a state once came, and none for lostSeconds since
  std::uint64_t states = 0;      // taken
  std::uint64_t bytesReceived = 0;
  std::uint64_t refused = 0;
  std::string lastRefusal;
};

class SyncFollower {
 public:
  static Result<std::unique_ptr<SyncFollower>> start(FollowerOptions options);
  ~SyncFollower();
  SyncFollower(const SyncFollower&) = delete;
  SyncFollower& operator=(const SyncFollower&) = delete;

  int port() const { return socket_.port(); }
  FollowerStatus status() const;
  double clock() const { return options_.clock(); }

 private:
  SyncFollower(FollowerOptions options, net::UdpSocket socket, net::UdpPeer leader);
  void run();
  void take(const SyncMessage& message, double receivedAt, std::size_t bytes);
  void refuse(const std::string& why);

  FollowerOptions options_;
  net::UdpSocket socket_;
  net::UdpPeer leader_;
  mutable std::mutex mutex_;  // guards what follows
  FollowerStatus status_;
  double lastStateAt_ = 0;
  ClockOffset offset_;
  std::int32_t nextPing_ = 1;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace ps::sync
