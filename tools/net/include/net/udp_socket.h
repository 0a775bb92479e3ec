#pragma once
// One UDP socket bound where it is told (so that loopback really is loopback), never blocking
// the caller except in wait(): what the show control and the headsets' sync send and receive
// through. Unicast only: nothing here broadcasts or joins a group.
#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "scenes/result.h"

namespace ps::net {

// "host:port" or "[v6 address]:port", the port within 1..65535.
Result<std::pair<std::string, std::string>> splitHostPort(const std::string& text);

struct UdpPeer {
  sockaddr_storage address{};
  socklen_t length = 0;
  std::string text() const;  // numeric "host:port"
  bool operator==(const UdpPeer& other) const;
};

// `passive`: a local address to bind (numeric only); else a host name is looked up.
Result<UdpPeer> resolveUdp(const std::string& host, const std::string& port, bool passive);

class UdpSocket {
 public:
  // Bound to host:port (port 0: one the OS picks, free). The error names where and why.
  static Result<UdpSocket> bind(const std::string& host, int port);
  UdpSocket() = default;
  UdpSocket(UdpSocket&& other) noexcept : fd_(std::exchange(other.fd_, -1)), port_(other.port_) {}
  UdpSocket& operator=(UdpSocket&& other) noexcept;
  UdpSocket(const UdpSocket&) = delete;
  UdpSocket& operator=(const UdpSocket&) = delete;
  ~UdpSocket();

  int port() const { return port_; }
  // Until a packet may be read or `milliseconds` have passed.
  void wait(int milliseconds) const;
  // The next packet waiting, into `buffer` (its size is the most taken); its size, which is
  // more than the buffer's for a packet cut short; nothing when none waits.
  std::optional<std::size_t> receive(std::vector<std::uint8_t>& buffer, UdpPeer& from) const;
  // Never blocks: a packet the socket cannot take now is dropped, as UDP may drop it anyway.
  // False when it was not sent.
  bool send(std::span<const std::uint8_t> bytes, const UdpPeer& to) const;

 private:
  UdpSocket(int fd, int port) : fd_(fd), port_(port) {}
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace ps::net
