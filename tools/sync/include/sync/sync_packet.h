#pragma once
// The sync vocabulary as OSC messages, one per UDP datagram, through liblo's (de)serialiser.
// Pure functions, no sockets: any bytes decode safely (a libFuzzer target runs them).
//   /perfectshot/sync/state  <group s> <shot s> <sequence h> <clock d> <shot_seconds d>
//                            <playing i> <rate d> <loop i> <in d> <out d> <fps d> <marker s>
//                            <pointer i> <ox f> <oy f> <oz f> <dx f> <dy f> <dz f>
//   /perfectshot/sync/hello  <group s> <shot s>           a follower announces itself
//   /perfectshot/sync/ping   <group s> <id i> <sent d>    a follower's round trip starts
//   /perfectshot/sync/pong   <group s> <id i> <sent d> <received d> <answered d>
// Whether a message is for this headset (its group, its shot) is the link's to decide.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "sync/sync_state.h"

namespace ps::sync {

struct Hello {
  std::string group, shot;
};
struct Ping {
  std::string group;
  std::int32_t id = 0;
  double sent = 0;
};
struct Pong {
  std::string group;
  std::int32_t id = 0;
  double sent = 0, received = 0, answered = 0;
};

using SyncMessage = std::variant<LeaderState, Hello, Ping, Pong>;

struct DecodedSync {
  std::optional<SyncMessage> message;
  std::string error;  // with no message: what is wrong with the packet
};

DecodedSync decodeSyncPacket(std::span<const std::uint8_t> bytes);
std::vector<std::uint8_t> encodeSyncPacket(const SyncMessage& message);

// The group a message belongs to (every message names one).
const std::string& groupOf(const SyncMessage& message);

}  // namespace ps::sync
