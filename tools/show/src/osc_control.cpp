#include "show/osc_control.h"

#include <spdlog/spdlog.h>

#include <array>
#include <deque>
#include <optional>
#include <utility>
#include <vector>

#include "net/udp_socket.h"
#include "show/osc_packet.h"

namespace ps::show {

namespace {

// Commands' senders, by origin number, for the replies; the oldest forgotten past a bound.
constexpr std::size_t kRememberedPeers = 256;
constexpr int kPollMs = 50;
constexpr int kPacketsPerRound = 64;  // then the replies get their turn

}  // namespace

using Peer = net::UdpPeer;

struct OscControl::Impl {
  net::UdpSocket socket;
  CommandQueue* queue = nullptr;
  StatusBoard* board = nullptr;
  std::optional<Peer> replyTo;
  std::chrono::duration<double> statusEvery{1.0};
  std::deque<std::pair<std::uint64_t, Peer>> peers;
  std::uint64_t nextOrigin = 1;
  void send(const std::vector<std::uint8_t>& bytes, const Peer& to) const { socket.send(bytes, to); }
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
  if (options.oscReply) {
    auto hp = splitHostPort(*options.oscReply);
    if (!hp) return hp.error();
    auto to = net::resolveUdp(hp->first, hp->second, false);
    if (!to) return Error{"--osc-reply " + *options.oscReply, to.error().what, ""};
    impl->replyTo = *to;
  }
  auto socket = net::UdpSocket::bind(options.bind, options.oscPort.value_or(0));
  if (!socket) return Error{"osc " + socket.error().where, socket.error().what, socket.error().hint};
  impl->socket = std::move(*socket);
  const int port = impl->socket.port();
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
      s.socket.wait(kPollMs);
      for (int i = 0; i < kPacketsPerRound; ++i) {
        Peer from;
        const std::optional<std::size_t> n = s.socket.receive(buffer, from);
        if (!n) break;
        const Peer& answer = s.replyTo ? *s.replyTo : from;
        OscRequest request = *n > buffer.size() ? OscRequest{{}, std::nullopt, "a packet larger than 64 KiB"}
                                                : decodeOscPacket({buffer.data(), *n});
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
