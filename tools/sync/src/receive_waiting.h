#pragma once
// The leader's and the followers' intake: every packet waiting on the socket (a bounded number
// a round, so sending gets its turn), stamped with the clock as it is read, decoded; a sync
// message goes to `take`, anything else to `refuse` with what is wrong.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "net/udp_socket.h"
#include "sync/sync_packet.h"

namespace ps::sync {

inline constexpr int kPacketsPerRound = 256;

struct Intake {
  std::function<double()> clock;
  std::function<bool()> drop;  // a fault hook: true drops the packet just read; empty: none
  std::function<void(const SyncMessage&, const net::UdpPeer& from, double receivedAt, std::size_t bytes)> take;
  std::function<void(const std::string& why)> refuse;
};

inline void receiveWaiting(const net::UdpSocket& socket, std::vector<std::uint8_t>& buffer, const Intake& intake) {
  for (int i = 0; i < kPacketsPerRound; ++i) {
    net::UdpPeer from;
    const auto n = socket.receive(buffer, from);
    if (!n) return;
    const double at = intake.clock();
    if (intake.drop && intake.drop()) continue;
    if (*n > buffer.size()) {
      intake.refuse("a packet of " + std::to_string(*n) + " bytes from " + from.text());
      continue;
    }
    const DecodedSync d = decodeSyncPacket({buffer.data(), *n});
    if (!d.message) {
      intake.refuse("a packet from " + from.text() + ": " + d.error);
      continue;
    }
    intake.take(*d.message, from, at, *n);
  }
}

}  // namespace ps::sync
