#include "show/osc_control.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <deque>
#include <optional>
#include <utility>
#include <vector>

#include "show/osc_packet.h"

namespace ps::show {

namespace {

struct Peer {
  sockaddr_storage address{};
  socklen_t length = 0;
};

Result<Peer> resolve(const std::string& host, const std::string& port, bool passive) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = passive ? (AI_PASSIVE | AI_NUMERICHOST) : 0;
  addrinfo* found = nullptr;
  if (const int rc = getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0)
    return Error{host + ":" + port, std::string("getaddrinfo: ") + gai_strerror(rc), ""};
  Peer p;
  std::memcpy(&p.address, found->ai_addr, found->ai_addrlen);
  p.length = found->ai_addrlen;
  freeaddrinfo(found);
  return p;
}

// Commands' senders, by origin number, for the replies; the oldest forgotten past a bound.
constexpr std::size_t kRememberedPeers = 256;
constexpr int kPollMs = 50;
constexpr int kPacketsPerRound = 64;  // then the replies get their turn

}  // namespace

struct OscControl::Impl {
  int fd = -1;
  CommandQueue* queue = nullptr;
  StatusBoard* board = nullptr;
  std::optional<Peer> replyTo;
  std::chrono::duration<double> statusEvery{1.0};
  std::deque<std::pair<std::uint64_t, Peer>> peers;
  std::uint64_t nextOrigin = 1;
  ~Impl() {
    if (fd >= 0) close(fd);
  }
  void send(const std::vector<std::uint8_t>& bytes, const Peer& to) const {
    if (bytes.empty()) return;
    // Never blocks: a reply the socket cannot take now is dropped (UDP would lose it anyway).
    (void)sendto(fd, bytes.data(), bytes.size(), MSG_DONTWAIT | MSG_NOSIGNAL,
                 reinterpret_cast<const sockaddr*>(&to.address), to.length);
  }
  const Peer* peer(std::uint64_t origin) const {
    for (const auto& [o, p] : peers)
      if (o == origin) return &p;
    return nullptr;
  }
};

Result<std::unique_ptr<OscControl>> OscControl::start(const ControlOptions& options, CommandQueue& queue,
                                                      StatusBoard& board) {
  auto impl = std::make_unique<Impl>();
  impl->queue = &queue;
  impl->board = &board;
  impl->statusEvery = std::chrono::duration<double>(options.statusEverySeconds);
  const std::string where = "osc " + options.bind + ":" + std::to_string(options.oscPort.value_or(0));
  auto local = resolve(options.bind, std::to_string(options.oscPort.value_or(0)), true);
  if (!local) return local.error();
  if (options.oscReply) {
    auto hp = splitHostPort(*options.oscReply);
    if (!hp) return hp.error();
    auto to = resolve(hp->first, hp->second, false);
    if (!to) return Error{"--osc-reply " + *options.oscReply, to.error().what, ""};
    impl->replyTo = *to;
  }
  impl->fd = socket(local->address.ss_family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (impl->fd < 0) return Error{where, std::string("socket: ") + std::strerror(errno), ""};
  if (bind(impl->fd, reinterpret_cast<const sockaddr*>(&local->address), local->length) != 0)
    return Error{where, std::string("bind: ") + std::strerror(errno), "another program may hold the port"};
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  if (getsockname(impl->fd, reinterpret_cast<sockaddr*>(&bound), &length) != 0)
    return Error{where, std::string("getsockname: ") + std::strerror(errno), ""};
  char portText[NI_MAXSERV] = {};
  getnameinfo(reinterpret_cast<sockaddr*>(&bound), length, nullptr, 0, portText, sizeof portText, NI_NUMERICSERV);
  const int port = std::atoi(portText);
  std::unique_ptr<OscControl> control(new OscControl(std::move(impl), port));
  control->thread_ = std::thread([c = control.get()] { c->run(); });
  return control;
}

OscControl::OscControl(std::unique_ptr<Impl> impl, int port) : impl_(std::move(impl)), port_(port) {}

OscControl::~OscControl() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void OscControl::run() {
  Impl& s = *impl_;
  std::vector<std::uint8_t> buffer(65536);
  std::vector<ShowReply> replies;
  auto nextStatus = std::chrono::steady_clock::now();
  while (!stop_) {
    try {
      pollfd p{s.fd, POLLIN, 0};
      (void)poll(&p, 1, kPollMs);
      for (int i = 0; i < kPacketsPerRound; ++i) {
        Peer from;
        from.length = sizeof from.address;
        const ssize_t n = recvfrom(s.fd, buffer.data(), buffer.size(), MSG_DONTWAIT | MSG_TRUNC,
                                   reinterpret_cast<sockaddr*>(&from.address), &from.length);
        if (n < 0) break;
        const Peer& answer = s.replyTo ? *s.replyTo : from;
        OscRequest request = static_cast<std::size_t>(n) > buffer.size()
                                 ? OscRequest{{}, std::nullopt, "a packet larger than 64 KiB"}
                                 : decodeOscPacket({buffer.data(), static_cast<std::size_t>(n)});
        if (request.command) {
          request.command->origin = s.nextOrigin++;
          s.peers.emplace_back(request.command->origin, from);
          if (s.peers.size() > kRememberedPeers) s.peers.pop_front();
          const std::string name(commandName(request.command->kind));
          if (!s.queue->push(std::move(*request.command)))
            s.send(encodeOscReply({0, name, false, "busy: too many commands waiting"}), answer);
          continue;
        }
        badLog_.warn((request.address.empty() ? std::string("a packet") : "'" + request.address + "'") + ": " + request.error);
        s.board->noteError("osc: " + request.error);
        s.send(encodeOscReply({0, request.address, false, request.error}), answer);
      }
      s.queue->takeReplies(replies);
      for (const ShowReply& r : replies) {
        const Peer* to = s.replyTo ? &*s.replyTo : s.peer(r.origin);
        if (to != nullptr) s.send(encodeOscReply(r), *to);
      }
      if (s.replyTo && std::chrono::steady_clock::now() >= nextStatus) {
        s.send(encodeOscStatus(s.board->read(), s.board->uptimeSeconds()), *s.replyTo);
        nextStatus = std::chrono::steady_clock::now() +
                     std::chrono::duration_cast<std::chrono::steady_clock::duration>(s.statusEvery);
      }
    } catch (const std::exception& e) {
      badLog_.warn(std::string("the OSC thread: ") + e.what());
    }
  }
}

}  // namespace ps::show
