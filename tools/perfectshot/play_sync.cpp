#include "play_sync.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "sync/follow.h"
#include "sync/wall_clock.h"

namespace ps::tools {

namespace {

constexpr double kMostSeekLag = 2.0;  // a lag past this is a stall, not what seeks take

}  // namespace

void addSyncOptions(CLI::App& cmd, SyncArgs& args) {
  CLI::Option* mode = cmd.add_option("--sync", args.mode,
                                     "several headsets in step: lead (others follow this one's shot time, play state,\n"
                                     "seeks, steps and loop) or follow (--sync-leader)")
                          ->check(CLI::IsMember({"lead", "follow"}));
  cmd.add_option("--sync-port", args.port, "the UDP port to bind (a leader's: what followers name; 0: one the OS picks)")
      ->check(CLI::Range(0, 65535))
      ->needs(mode);
  cmd.add_option("--sync-leader", args.leader, "a follower's leader, HOST:PORT")->needs(mode);
  cmd.add_option("--sync-follower", args.followers, "a leader sends to HOST:PORT from the start (repeatable; followers\n"
                                                   "also announce themselves)")
      ->needs(mode);
  cmd.add_option("--sync-bind", args.bind, "the address the sync binds (default loopback: name an interface's address\n"
                                           "for other machines)")
      ->capture_default_str()
      ->needs(mode);
  cmd.add_option("--sync-group", args.group, "headsets of one group follow one leader; others are refused")
      ->capture_default_str()
      ->needs(mode);
  // For tests of the offset measured: this machine's wall clock as if moved by that much.
  cmd.add_option("--sync-clock-offset-test", args.clockOffsetSeconds)->group("")->check(CLI::Range(-3600.0, 3600.0))->needs(mode);
  // For tests of a lost network: a follower's incoming packets dropped while FILE exists.
  cmd.add_option("--sync-drop-test-while", args.dropWhile)->group("")->needs(mode);
}

std::string shotIdOf(const std::string& input) {
  const std::filesystem::path p = std::filesystem::absolute(input).lexically_normal();
  if (p.filename() == "shot.json") return p.parent_path().filename().string();
  if (p.filename().empty()) return p.parent_path().filename().string();  // "pkg/"
  return p.filename().string();
}

Result<std::unique_ptr<PlaySync>> PlaySync::start(const SyncArgs& args, player::ShotPlayback& shot,
                                                  const std::string& shotId) {
  if (args.mode == "follow" && args.leader.empty())
    return Error{"--sync follow", "needs the leader's address", "--sync-leader HOST:PORT"};
  if (args.mode == "lead" && !args.leader.empty())
    return Error{"--sync-leader", "names a follower's leader; this headset leads", ""};
  if (args.mode == "follow" && !args.followers.empty())
    return Error{"--sync-follower", "names a leader's followers; this headset follows", ""};
  const double fps = shot.frameSeconds > 0 ? 1.0 / shot.frameSeconds : 30.0;
  std::unique_ptr<PlaySync> s(new PlaySync(shot, fps));
  s->clockOffset_ = args.clockOffsetSeconds;
  // What both sides take alike.
  const auto fill = [&](auto& o) {
    o.group = args.group;
    o.shot = shotId;
    o.bind = args.bind;
    o.port = args.port;
    o.clock = [offset = args.clockOffsetSeconds] { return sync::wallClockSeconds() + offset; };
  };
  if (args.mode == "lead") {
    sync::LeaderOptions o;
    fill(o);
    o.followers = args.followers;
    auto leader = sync::SyncLeader::start(o);
    if (!leader) return leader.error();
    s->leader_ = std::move(*leader);
    spdlog::info("sync: leading group '{}' with shot '{}' on {}:{}", args.group, shotId, args.bind, s->leader_->port());
  } else {
    sync::FollowerOptions o;
    fill(o);
    o.leader = args.leader;
    if (!args.dropWhile.empty())
      o.dropIncoming = [file = std::filesystem::path(args.dropWhile)] {
        std::error_code ec;
        return std::filesystem::exists(file, ec);
      };
    auto follower = sync::SyncFollower::start(o);
    if (!follower) return follower.error();
    s->follower_ = std::move(*follower);
    spdlog::info("sync: following group '{}' with shot '{}' from {}:{}, led by {}", args.group, shotId, args.bind,
                 s->follower_->port(), args.leader);
  }
  return s;
}

PlaySync::PlaySync(player::ShotPlayback& shot, double fps) : shot_(shot), fps_(fps) {}

PlaySync::~PlaySync() = default;

double PlaySync::wallAt(double steady) const {
  return sync::wallClockSeconds() + clockOffset_ + (steady - shot_.clock.now());
}

void PlaySync::betweenFrames(const media::PlayerState& state, const player::PlayerLoopStats& stats) {
  if (stats.frames == 0) return;  // nothing shown yet: no display time to stamp
  if (leader_) lead(state, stats);
  if (follower_) follow(state, stats);
}

void PlaySync::lead(const media::PlayerState& state, const player::PlayerLoopStats& stats) {
  // While a seek lands the frame shown is the one before it: the followers hear of the new
  // time once it shows.
  if (state.seeking) return;
  sync::LeaderState s;
  s.clockSeconds = wallAt(stats.lastDisplayTime);
  s.shotSeconds = state.positionSeconds;
  s.playing = state.playing && !state.atEnd;
  s.rate = state.rate;
  s.loop = state.loop.has_value();
  s.inSeconds = state.loop ? state.loop->inSeconds : shot_.inSeconds;
  s.outSeconds = state.loop ? state.loop->outSeconds
                            : shot_.outSeconds.value_or(shot_.player->transport().range().outSeconds.value_or(
                                  std::max(s.inSeconds, shot_.player->info().durationSeconds)));
  s.fps = fps_;
  s.selectedMarker = stats.openMarker;
  if (stats.pointer) s.pointer = sync::SyncPointer{stats.pointer->origin, stats.pointer->direction};
  leader_->publish(std::move(s));
}

void PlaySync::follow(const media::PlayerState& state, const player::PlayerLoopStats& stats) {
  const sync::FollowerStatus status = follower_->status();
  if (!status.leader) return;
  if (status.leaderLost) {
    if (!lostSaid_) spdlog::warn("sync: no word from the leader for {:.1f} s; playing on alone", status.secondsSinceState);
    if (!lostSaid_ && leaderView_) leaderView_(std::nullopt, std::nullopt);  // its pointer goes
    lostSaid_ = true;
    return;
  }
  if (lostSaid_) spdlog::info("sync: the leader is back");
  lostSaid_ = false;
  const sync::LeaderState& leader = *status.leader;
  const double offset = status.offset ? status.offset->offsetSeconds : 0.0;
  if (status.offset && !offsetWarned_ && std::abs(offset) > 0.5 / leader.fps) {
    spdlog::warn("sync: this machine's clock is {:.1f} ms off the leader's, more than half a frame: is chrony (or "
                 "linuxptp) running on both? The offset measured is made up for.",
                 offset * 1e3);
    offsetWarned_ = true;
  }
  if (leaderView_) {
    std::optional<engine::Ray> pointer;
    if (leader.pointer) pointer = engine::Ray{leader.pointer->origin, leader.pointer->direction};
    std::optional<std::string> marker;
    if (leader.selectedMarker != leaderMarker_) marker = leaderMarker_ = leader.selectedMarker;
    leaderView_(pointer, marker);
  }
  if (state.seeking) return;  // a seek in flight: judged once it lands
  media::Player& player = *shot_.player;
  // The loop and the rate are the leader's.
  if (leader.loop && (!state.loop || state.loop->inSeconds != leader.inSeconds || state.loop->outSeconds != leader.outSeconds))
    player.setLoop({leader.inSeconds, leader.outSeconds});
  if (!leader.loop && state.loop) player.clearLoop();

  // The next frame is seen a period after the last (unpaced: now).
  const double period = stats.lastPeriod > 0 ? stats.lastPeriod : 0.0;
  const double next = period > 0 ? stats.lastDisplayTime + period : shot_.clock.now();
  const double moved = state.playing ? state.rate * (next - stats.lastDisplayTime) : 0.0;
  const sync::FollowAction a = sync::follow(leader, offset, wallAt(next), state.positionSeconds + moved, state.playing);
  if (seekInFlight_) {
    // The last seek has landed: how far behind the leader it landed is what the next one adds.
    if (leader.playing) seekLag_ = std::clamp(seekLag_ - a.errorSeconds, 0.0, kMostSeekLag);
    seekInFlight_ = false;
  }
  if (a.play) *a.play ? player.play() : player.pause();
  // The leader's rate, nudged while a little off its time (a seek sets it back).
  if (std::abs(state.rate - a.rate) > 1e-9) player.setRate(a.rate);
  if (a.rate != leader.rate) ++nudgedFrames_;
  if (a.seekTo) {
    const double aim = *a.seekTo + (leader.playing ? seekLag_ * leader.rate : 0.0);
    player.seek(aim);
    seekInFlight_ = true;
    ++seeks_;
    spdlog::debug("sync: {:.1f} ms off the leader; seeking to {:.4f} s", a.errorSeconds * 1e3, aim);
  }
  if (!following_) spdlog::info("sync: in step with the leader from shot time {:.3f} s", a.targetShotSeconds);
  following_ = true;
}

show::SyncStatus PlaySync::status() const {
  show::SyncStatus out;
  if (leader_) {
    out.role = "lead";
    out.followers = leader_->stats().followers;
    return out;
  }
  out.role = "follow";
  const sync::FollowerStatus s = follower_->status();
  if (s.offset) {
    out.offsetMs = s.offset->offsetSeconds * 1e3;
    out.roundTripMs = s.offset->delaySeconds * 1e3;
  }
  out.leaderLost = s.leaderLost;
  out.seeks = seeks_;
  return out;
}

std::string PlaySync::summary() const {
  if (leader_) {
    const auto s = leader_->stats();
    return fmt::format("sync: led {} followers: {} states, {} bytes sent, {} round trips answered, {} refused",
                       s.followers, s.statesSent, s.bytesSent, s.pongs, s.refused);
  }
  const auto s = follower_->status();
  return fmt::format("sync: followed {} states ({} bytes), {} seeks, {} frames at a nudged rate; clock offset to the leader {}; {} refused", s.states,
                     s.bytesReceived, seeks_, nudgedFrames_,
                     s.offset ? fmt::format("{:.2f} ms (round trip {:.2f} ms)", s.offset->offsetSeconds * 1e3,
                                            s.offset->delaySeconds * 1e3)
                              : std::string("not measured"),
                     s.refused);
}

}  // namespace ps::tools
