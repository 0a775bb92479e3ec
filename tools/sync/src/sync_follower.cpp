#include "sync/sync_follower.h"

#include <spdlog/spdlog.h>

#include "receive_waiting.h"

namespace ps::sync {

namespace {

constexpr int kPollMs = 5;
constexpr double kHelloSeconds = 1.0;
constexpr std::int32_t kPingsRemembered = 64;  // a pong older than this many pings is stale

}  // namespace

Result<std::unique_ptr<SyncFollower>> SyncFollower::start(FollowerOptions options) {
  if (options.shot.empty()) return Error{"--sync follow", "the shot has no id to follow with", ""};
  auto hp = net::splitHostPort(options.leader);
  if (!hp) return Error{"--sync-leader " + options.leader, hp.error().what, hp.error().hint};
  auto leader = net::resolveUdp(hp->first, hp->second, false);
  if (!leader) return Error{"--sync-leader " + options.leader, leader.error().what, ""};
  auto socket = net::UdpSocket::bind(options.bind, options.port);
  if (!socket) return Error{"sync " + socket.error().where, socket.error().what, socket.error().hint};
  std::unique_ptr<SyncFollower> f(new SyncFollower(std::move(options), std::move(*socket), *leader));
  f->thread_ = std::thread([p = f.get()] { p->run(); });
  return f;
}

SyncFollower::SyncFollower(FollowerOptions options, net::UdpSocket socket, net::UdpPeer leader)
    : options_(std::move(options)), socket_(std::move(socket)), leader_(leader) {}

SyncFollower::~SyncFollower() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

FollowerStatus SyncFollower::status() const {
  std::lock_guard lock(mutex_);
  FollowerStatus s = status_;
  s.offset = offset_.estimate();
  if (s.leader) {
    s.secondsSinceState = options_.clock() - lastStateAt_;
    s.leaderLost = s.secondsSinceState > options_.lostSeconds;
  }
  return s;
}

void SyncFollower::refuse(const std::string& why) {
  std::lock_guard lock(mutex_);
  if (status_.refused++ == 0 || why != status_.lastRefusal) spdlog::warn("sync: refused {}", why);
  status_.lastRefusal = why;
}

void SyncFollower::take(const SyncMessage& message, double receivedAt, std::size_t bytes) {
  if (groupOf(message) != options_.group) {
    refuse("a packet of group '" + groupOf(message) + "' (this follows '" + options_.group + "')");
    return;
  }
  if (const auto* state = std::get_if<LeaderState>(&message)) {
    if (state->shot != options_.shot) {
      refuse("the leader's shot '" + state->shot + "' (this plays '" + options_.shot + "')");
      return;
    }
    std::lock_guard lock(mutex_);
    status_.bytesReceived += bytes;
    // A restarted leader counts from 1 again: a state far older than the newest is that.
    if (status_.leader && state->sequence <= status_.leader->sequence && receivedAt - lastStateAt_ < options_.lostSeconds)
      return;
    if (!status_.leader) spdlog::info("sync: following {} at {}", options_.leader, state->shotSeconds);
    status_.leader = *state;
    lastStateAt_ = receivedAt;
    ++status_.states;
    return;
  }
  if (const auto* pong = std::get_if<Pong>(&message)) {
    std::lock_guard lock(mutex_);
    status_.bytesReceived += bytes;
    if (pong->id <= 0 || pong->id >= nextPing_ || nextPing_ - pong->id > kPingsRemembered) return;
    offset_.add(RoundTrip{pong->sent, pong->received, pong->answered, receivedAt});
    return;
  }
  refuse("a " + std::string(std::holds_alternative<Hello>(message) ? "hello" : "ping") +
         ": another follower sends to this one's port?");
}

void SyncFollower::run() {
  std::vector<std::uint8_t> buffer(2048);
  double nextHello = 0, nextPing = 0;
  const Intake intake{options_.clock, options_.dropIncoming,
                      [this](const SyncMessage& m, const net::UdpPeer&, double at, std::size_t bytes) { take(m, at, bytes); },
                      [this](const std::string& why) { refuse(why); }};
  while (!stop_) {
    try {
      socket_.wait(kPollMs);
      receiveWaiting(socket_, buffer, intake);
      const double now = options_.clock();
      if (now >= nextHello) {
        socket_.send(encodeSyncPacket(Hello{options_.group, options_.shot}), leader_);
        nextHello = now + kHelloSeconds;
      }
      if (now >= nextPing) {
        std::int32_t id = 0;
        {
          std::lock_guard lock(mutex_);
          id = nextPing_++;
        }
        socket_.send(encodeSyncPacket(Ping{options_.group, id, options_.clock()}), leader_);
        nextPing = now + options_.pingSeconds;
      }
    } catch (const std::exception& e) {
      spdlog::warn("sync: the follower's thread: {}", e.what());
    }
  }
}

}  // namespace ps::sync
