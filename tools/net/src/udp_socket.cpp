#include "net/udp_socket.h"

#include <netdb.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

namespace ps::net {

Result<std::pair<std::string, std::string>> splitHostPort(const std::string& text) {
  std::string host;
  std::string port;
  if (text.starts_with('[')) {
    const auto close = text.find("]:");
    if (close == std::string::npos) return Error{text, "not [address]:port", ""};
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) return Error{text, "not host:port", "e.g. 127.0.0.1:9001"};
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  int n = 0;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), n);
  if (ec != std::errc{} || end != port.data() + port.size() || n < 1 || n > 65535)
    return Error{text, "the port is not a number within 1..65535", ""};
  return std::pair{host, port};
}

std::string UdpPeer::text() const {
  char host[NI_MAXHOST] = {}, port[NI_MAXSERV] = {};
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&address), length, host, sizeof host, port, sizeof port,
                  NI_NUMERICHOST | NI_NUMERICSERV) != 0)
    return "?";
  return address.ss_family == AF_INET6 ? "[" + std::string(host) + "]:" + port : std::string(host) + ":" + port;
}

bool UdpPeer::operator==(const UdpPeer& other) const {
  return length == other.length && std::memcmp(&address, &other.address, length) == 0;
}

Result<UdpPeer> resolveUdp(const std::string& host, const std::string& port, bool passive) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = passive ? (AI_PASSIVE | AI_NUMERICHOST) : 0;
  addrinfo* found = nullptr;
  if (const int rc = getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0)
    return Error{host + ":" + port, std::string("getaddrinfo: ") + gai_strerror(rc), ""};
  UdpPeer p;
  std::memcpy(&p.address, found->ai_addr, found->ai_addrlen);
  p.length = found->ai_addrlen;
  freeaddrinfo(found);
  return p;
}

Result<UdpSocket> UdpSocket::bind(const std::string& host, int port) {
  const std::string where = host + ":" + std::to_string(port);
  auto local = resolveUdp(host, std::to_string(port), true);
  if (!local) return local.error();
  const int fd = socket(local->address.ss_family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return Error{where, std::string("socket: ") + std::strerror(errno), ""};
  UdpSocket s(fd, 0);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&local->address), local->length) != 0)
    return Error{where, std::string("bind: ") + std::strerror(errno), "another program may hold the port"};
  UdpPeer bound;
  bound.length = sizeof bound.address;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&bound.address), &bound.length) != 0)
    return Error{where, std::string("getsockname: ") + std::strerror(errno), ""};
  char portText[NI_MAXSERV] = {};
  getnameinfo(reinterpret_cast<sockaddr*>(&bound.address), bound.length, nullptr, 0, portText, sizeof portText,
              NI_NUMERICSERV);
  s.port_ = std::atoi(portText);
  return s;
}

UdpSocket& UdpSocket::operator=(UdpSocket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    port_ = other.port_;
  }
  return *this;
}

UdpSocket::~UdpSocket() {
  if (fd_ >= 0) close(fd_);
}

void UdpSocket::wait(int milliseconds) const {
  pollfd p{fd_, POLLIN, 0};
  (void)poll(&p, 1, milliseconds);
}

std::optional<std::size_t> UdpSocket::receive(std::vector<std::uint8_t>& buffer, UdpPeer& from) const {
  from.length = sizeof from.address;
  const ssize_t n = recvfrom(fd_, buffer.data(), buffer.size(), MSG_DONTWAIT | MSG_TRUNC,
                             reinterpret_cast<sockaddr*>(&from.address), &from.length);
  if (n < 0) return std::nullopt;
  return static_cast<std::size_t>(n);
}

bool UdpSocket::send(std::span<const std::uint8_t> bytes, const UdpPeer& to) const {
  if (bytes.empty()) return false;
  return sendto(fd_, bytes.data(), bytes.size(), MSG_DONTWAIT | MSG_NOSIGNAL,
                reinterpret_cast<const sockaddr*>(&to.address), to.length) == static_cast<ssize_t>(bytes.size());
}

}  // namespace ps::net
