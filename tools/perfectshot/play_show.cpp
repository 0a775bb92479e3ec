#include "play_show.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <utility>

#include "media/listener.h"

namespace ps::tools {

namespace {

// "previous" within this much of a chapter's start goes to the chapter before, as a CD
// player's does: pressed twice, it steps back twice.
constexpr double kPreviousGraceSeconds = 1.0;

double steadySeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

const char* stateName(const media::PlayerState& s, std::uint64_t frames) {
  if (frames == 0) return "starting";
  if (s.playing) return "playing";
  return s.atEnd ? "ended" : "paused";
}

}  // namespace

PlayShow::PlayShow(show::ShowControl& control, player::ShotPlayback& shot, xr::Display& display, std::string shotName)
    : control_(control), shot_(shot), display_(display) {
  status_.shot = std::move(shotName);
}

void PlayShow::betweenFrames(const media::PlayerState& state, const player::PlayerLoopStats& stats) {
  control_.commands().tryDrain(pending_);
  for (const show::ShowCommand& c : pending_) {
    const Handler& handler = handlers_[static_cast<std::size_t>(c.kind)];
    show::ShowReply reply = handler ? handler(c, state) : apply(c, state);
    spdlog::debug("show control: {} {}: {}", reply.command, reply.ok ? "done" : "refused", reply.message);
    control_.commands().reply(std::move(reply));
  }
  publish(state, stats);
}

void PlayShow::handle(show::CommandKind kind, Handler handler) {
  handlers_[static_cast<std::size_t>(kind)] = std::move(handler);
}

double PlayShow::shotEnd() const {
  if (shot_.outSeconds) return *shot_.outSeconds;
  return shot_.player->transport().range().outSeconds.value_or(shot_.player->info().durationSeconds);
}

show::ShowReply PlayShow::seekTo(const show::ShowCommand& c, double shotSeconds, const std::string& what) {
  shot_.player->seek(shotSeconds);
  return show::accepted(c, fmt::format("{} {:.3f} s", what, shotSeconds - shot_.inSeconds));
}

show::ShowReply PlayShow::apply(const show::ShowCommand& c, const media::PlayerState& state) {
  media::Player& player = *shot_.player;
  const double in = shot_.inSeconds;
  const double at = state.positionSeconds - in;
  const auto& chapters = shot_.timeline.chapters;
  switch (c.kind) {
    case show::CommandKind::Play:
      player.play();
      return show::accepted(c, fmt::format("playing from {:.3f} s", at));
    case show::CommandKind::Pause:
      player.pause();
      return show::accepted(c, fmt::format("paused at {:.3f} s", at));
    case show::CommandKind::Seek: {
      const double end = shotEnd() - in;
      if (c.seconds >= end)
        return show::refused(c, fmt::format("{:.3f} s is past the shot's end ({:.3f} s)", c.seconds, end));
      return seekTo(c, in + c.seconds, "at");
    }
    case show::CommandKind::Step:
      player.step(c.frames);
      return show::accepted(c, fmt::format("{} {} frame{} from {:.3f} s, paused", c.frames > 0 ? "forward" : "back",
                                           std::abs(c.frames), std::abs(c.frames) == 1 ? "" : "s", at));
    case show::CommandKind::Next: {
      if (chapters.empty()) return show::refused(c, "this shot has no chapters");
      const double after = state.positionSeconds + shot_.frameSeconds / 2;
      const auto next = std::find_if(chapters.begin(), chapters.end(), [&](const scenes::Chapter& ch) {
        return ch.t > after && ch.t >= in && ch.t < shotEnd();
      });
      if (next == chapters.end()) return show::refused(c, fmt::format("no chapter after {:.3f} s", at));
      return seekTo(c, next->t, "chapter '" + next->title + "' at");
    }
    case show::CommandKind::Previous: {
      if (chapters.empty()) return show::refused(c, "this shot has no chapters");
      const double before = state.positionSeconds - kPreviousGraceSeconds;
      const auto previous = std::find_if(chapters.rbegin(), chapters.rend(), [&](const scenes::Chapter& ch) {
        return ch.t <= before && ch.t >= in;
      });
      if (previous == chapters.rend()) return show::refused(c, fmt::format("no chapter before {:.3f} s", at));
      return seekTo(c, previous->t, "chapter '" + previous->title + "' at");
    }
    case show::CommandKind::Volume: {
      if (!shot_.audioOutput) return show::refused(c, "no sound output (playing without sound)");
      if (Status s = media::setListenerGain(*shot_.audioOutput, c.volume); !s) return show::refused(c, s.error().message());
      status_.volume = c.volume;
      return show::accepted(c, fmt::format("volume {:.2f}", c.volume));
    }
    case show::CommandKind::Recenter:
      if (!display_.recenter())
        return show::refused(c, fmt::format("the {} display tracks no head to recenter to", display_.name()));
      return show::accepted(c, "recentered to the wearer's heading");
    case show::CommandKind::Load:
    case show::CommandKind::Attract:
      return show::refused(c, "not available in play mode (perfectshot kiosk takes it)");
  }
  return show::refused(c, "unknown command");
}

void PlayShow::publish(const media::PlayerState& state, const player::PlayerLoopStats& stats) {
  const double now = steadySeconds();
  if (windowStart_ < 0) {
    windowStart_ = now;
    windowFrames_ = stats.frames;
  } else if (now - windowStart_ >= 1.0) {
    status_.fps = static_cast<double>(stats.frames - windowFrames_) / (now - windowStart_);
    windowStart_ = now;
    windowFrames_ = stats.frames;
  }
  status_.state = stateName(state, stats.frames);
  status_.shotSeconds = state.positionSeconds - shot_.inSeconds;
  status_.frames = stats.frames;
  status_.lateFrames = stats.late;
  status_.droppedFrames = stats.missed;
  if (state.error) status_.lastError = state.error->message();
  if (sync_) status_.sync = sync_();
  (void)control_.status().tryPublish(status_);
}

}  // namespace ps::tools
