#include "sync/sync_leader.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

#include "receive_waiting.h"

namespace ps::sync {

namespace {

constexpr int kPollMs = 5;
constexpr std::size_t kMostFollowers = 64;
constexpr double kPointerSeconds = 1.0 / 30.0;  // how often a moving pointer is sent

bool samePointer(const std::optional<SyncPointer>& a, const std::optional<SyncPointer>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->origin == b->origin && a->direction == b->direction);
}

}  // namespace

bool predictedBy(const LeaderState& sent, const LeaderState& next) {
  if (sent.playing != next.playing || sent.rate != next.rate || sent.loop != next.loop ||
      sent.inSeconds != next.inSeconds || sent.outSeconds != next.outSeconds || sent.fps != next.fps ||
      sent.selectedMarker != next.selectedMarker)
    return false;
  return std::abs(leaderShotSecondsAt(sent, next.clockSeconds) - next.shotSeconds) <= 1e-3;
}

Result<std::unique_ptr<SyncLeader>> SyncLeader::start(LeaderOptions options) {
  if (options.shot.empty()) return Error{"--sync lead", "the shot has no id to lead with", ""};
  std::vector<net::UdpPeer> followers;
  for (const std::string& f : options.followers) {
    auto hp = net::splitHostPort(f);
    if (!hp) return hp.error();
    auto peer = net::resolveUdp(hp->first, hp->second, false);
    if (!peer) return Error{"--sync-follower " + f, peer.error().what, ""};
    followers.push_back(*peer);
  }
  auto socket = net::UdpSocket::bind(options.bind, options.port);
  if (!socket) return Error{"sync " + socket.error().where, socket.error().what, socket.error().hint};
  std::unique_ptr<SyncLeader> leader(new SyncLeader(std::move(options), std::move(*socket), std::move(followers)));
  leader->thread_ = std::thread([l = leader.get()] { l->run(); });
  return leader;
}

SyncLeader::SyncLeader(LeaderOptions options, net::UdpSocket socket, std::vector<net::UdpPeer> followers)
    : options_(std::move(options)), socket_(std::move(socket)) {
  for (const net::UdpPeer& f : followers) followers_.push_back({f, 0.0, true});
  stats_.followers = followers_.size();
}

void SyncLeader::heard(const net::UdpPeer& from, double at) {
  std::lock_guard lock(mutex_);
  for (Follower& f : followers_)
    if (f.peer == from) f.heardAt = at;
}

void SyncLeader::dropSilent(double now) {
  std::lock_guard lock(mutex_);
  const auto silent = [&](const Follower& f) {
    if (f.told || now - f.heardAt <= kFollowerSilenceSeconds) return false;
    spdlog::info("sync: {} fell silent; no longer sent to", f.peer.text());
    return true;
  };
  followers_.erase(std::remove_if(followers_.begin(), followers_.end(), silent), followers_.end());
  stats_.followers = followers_.size();
}

SyncLeader::~SyncLeader() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void SyncLeader::publish(LeaderState state) {
  std::lock_guard lock(mutex_);
  state.group = options_.group;
  state.shot = options_.shot;
  if (!latest_ || !predictedBy(*latest_, state)) changed_ = true;
  latest_ = std::move(state);
}

SyncLeader::Stats SyncLeader::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void SyncLeader::refuse(const std::string& why) {
  std::lock_guard lock(mutex_);
  if (stats_.refused++ == 0 || why != stats_.lastRefusal) spdlog::warn("sync: refused {}", why);
  stats_.lastRefusal = why;
}

void SyncLeader::take(const SyncMessage& message, const net::UdpPeer& from, double receivedAt) {
  if (groupOf(message) != options_.group) {
    refuse("a packet of group '" + groupOf(message) + "' from " + from.text() + " (this is '" + options_.group + "')");
    return;
  }
  if (const auto* ping = std::get_if<Ping>(&message)) {
    heard(from, receivedAt);
    const auto bytes = encodeSyncPacket(Pong{options_.group, ping->id, ping->sent, receivedAt, options_.clock()});
    socket_.send(bytes, from);
    std::lock_guard lock(mutex_);
    ++stats_.pongs;
    return;
  }
  if (const auto* hello = std::get_if<Hello>(&message)) {
    if (hello->shot != options_.shot) {
      refuse("a follower of shot '" + hello->shot + "' at " + from.text() + " (this leads '" + options_.shot + "')");
      return;
    }
    heard(from, receivedAt);
    std::lock_guard lock(mutex_);
    if (std::any_of(followers_.begin(), followers_.end(), [&](const Follower& f) { return f.peer == from; })) return;
    if (followers_.size() >= kMostFollowers) {
      spdlog::warn("sync: {} followers already; {} is not taken", kMostFollowers, from.text());
      return;
    }
    followers_.push_back({from, receivedAt, false});
    stats_.followers = followers_.size();
    changed_ = true;  // it gets the state at once
    spdlog::info("sync: {} follows", from.text());
    return;
  }
  refuse("a " + std::string(std::holds_alternative<LeaderState>(message) ? "state" : "pong") + " from " +
         from.text() + ": another leader in the group?");
}

void SyncLeader::sendState(const LeaderState& state) {
  const auto bytes = encodeSyncPacket(state);
  std::vector<net::UdpPeer> to;
  {
    std::lock_guard lock(mutex_);
    for (const Follower& f : followers_) to.push_back(f.peer);
  }
  std::uint64_t sent = 0, bytesSent = 0;
  for (const net::UdpPeer& f : to)
    if (socket_.send(bytes, f)) {
      ++sent;
      bytesSent += bytes.size();
    }
  std::lock_guard lock(mutex_);
  stats_.statesSent += sent;
  stats_.bytesSent += bytesSent;
}

void SyncLeader::run() {
  std::vector<std::uint8_t> buffer(2048);
  double nextHeartbeat = 0, lastSent = -1e9;
  std::optional<SyncPointer> pointerSent;
  const Intake intake{options_.clock, {},
                      [this](const SyncMessage& m, const net::UdpPeer& from, double at, std::size_t) { take(m, from, at); },
                      [this](const std::string& why) { refuse(why); }};
  while (!stop_) {
    try {
      socket_.wait(kPollMs);
      receiveWaiting(socket_, buffer, intake);
      std::optional<LeaderState> state;
      const double now = options_.clock();
      dropSilent(now);
      {
        std::lock_guard lock(mutex_);
        const bool pointerMoved = latest_ && !samePointer(latest_->pointer, pointerSent) && now >= lastSent + kPointerSeconds;
        if (latest_ && (changed_ || now >= nextHeartbeat || pointerMoved)) {
          latest_->sequence = ++sequence_;
          state = latest_;
          changed_ = false;
        }
      }
      if (!state) continue;
      sendState(*state);
      pointerSent = state->pointer;
      lastSent = now;
      nextHeartbeat = now + options_.heartbeatSeconds;
    } catch (const std::exception& e) {
      spdlog::warn("sync: the leader's thread: {}", e.what());
    }
  }
}

}  // namespace ps::sync
