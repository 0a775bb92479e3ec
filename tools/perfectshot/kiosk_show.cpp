#include "kiosk_show.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <system_error>
#include <utility>

namespace ps::tools {

namespace {

double steadySeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

KioskShow::KioskShow(show::ShowControl& control, kiosk::KioskDirector& director, kiosk::Programme& attract,
                     kiosk::Programme& programme, std::optional<std::string> episode)
    : control_(control), director_(director), attract_(attract), programme_(programme) {
  status_.episode = std::move(episode);
  status_.visitorsToday = 0;
}

kiosk::Programme* KioskShow::active() {
  const kiosk::Programme* a = director_.active();
  if (a == &attract_) return &attract_;
  if (a == &programme_) return &programme_;
  return nullptr;
}

bool KioskShow::visiting() const {
  return director_.active() == &programme_ && director_.cycle().state() != kiosk::VisitState::Attract;
}

void KioskShow::betweenFrames(const media::PlayerState& state, const player::PlayerLoopStats& stats) {
  control_.commands().tryDrain(pending_);
  for (const show::ShowCommand& c : pending_) {
    show::ShowReply reply = apply(c, state);
    spdlog::debug("show control: {} {}: {}", reply.command, reply.ok ? "done" : "refused", reply.message);
    control_.commands().reply(std::move(reply));
  }
  publish(state, stats);
}

show::ShowReply KioskShow::apply(const show::ShowCommand& c, const media::PlayerState& state) {
  (void)state;
  kiosk::Programme* playing = active();
  const auto answer = [&c](const std::optional<std::string>& refusal, std::string done) {
    return refusal ? show::refused(c, *refusal) : show::accepted(c, std::move(done));
  };
  switch (c.kind) {
    case show::CommandKind::Play:
    case show::CommandKind::Pause:
      if (playing == nullptr) return show::refused(c, "the kiosk has not shown its first frame yet");
      if (c.kind == show::CommandKind::Play) playing->play();
      else playing->pause();
      return show::accepted(c, fmt::format("{} {}", c.kind == show::CommandKind::Play ? "playing" : "paused",
                                           playing == &attract_ ? "the attract loop" : "the visit's programme"));
    case show::CommandKind::Seek:
      if (!visiting()) return show::refused(c, "the attract loop plays: seek steers a visit's programme");
      return answer(programme_.seek(c.seconds), fmt::format("at {:.3f} s", c.seconds));
    case show::CommandKind::Next:
    case show::CommandKind::Previous: {
      if (!visiting()) return show::refused(c, "the attract loop plays: next and previous step a visit's programme");
      const bool next = c.kind == show::CommandKind::Next;
      return answer(programme_.step(next ? 1 : -1), next ? "to the next item" : "to the previous item");
    }
    case show::CommandKind::Step:
      return show::refused(c, "a kiosk's visit plays through: step is for play mode");
    case show::CommandKind::Attract:
      if (director_.cycle().state() == kiosk::VisitState::Attract && active() == &attract_)
        return show::accepted(c, "the attract loop plays already");
      director_.requestAttract();
      return show::accepted(c, "back to the attract loop");
    case show::CommandKind::Recenter:
      director_.requestRecentre();
      return show::accepted(c, "recentred to the wearer's heading");
    case show::CommandKind::Volume: {
      if (!setVolume) return show::refused(c, "no sound output (playing without sound)");
      const float gain = std::min(c.volume, volumeLimit);
      if (auto refusal = setVolume(gain)) return show::refused(c, *refusal);
      status_.volume = gain;
      return show::accepted(c, gain < c.volume ? fmt::format("volume {:.2f} (the kiosk's limit)", gain)
                                               : fmt::format("volume {:.2f}", gain));
    }
    case show::CommandKind::Load: {
      std::error_code ec;
      if (c.path.empty() || !std::filesystem::exists(c.path, ec))
        return show::refused(c, fmt::format("'{}' does not exist", c.path));
      load_ = c.path;
      return show::accepted(c, fmt::format("loading {}: the kiosk starts again on it", c.path));
    }
  }
  return show::refused(c, "unknown command");
}

void KioskShow::publish(const media::PlayerState& state, const player::PlayerLoopStats& stats) {
  // Each loop (an episode's item, the attract loop) counts its own frames from 0.
  if (stats.frames < lastLoopFrames_) {
    framesBefore_ += lastLoopFrames_;
    lateBefore_ += lastLate_;
    missedBefore_ += lastMissed_;
  }
  lastLoopFrames_ = stats.frames;
  lastLate_ = stats.late;
  lastMissed_ = stats.missed;
  const std::uint64_t frames = framesBefore_ + stats.frames;
  const double now = steadySeconds();
  if (windowStart_ < 0) {
    windowStart_ = now;
    windowFrames_ = frames;
  } else if (now - windowStart_ >= 1.0) {
    status_.fps = static_cast<double>(frames - windowFrames_) / (now - windowStart_);
    windowStart_ = now;
    windowFrames_ = frames;
  }
  const kiosk::Programme* playing = active();
  status_.state = playing == nullptr ? "starting" : director_.cycle().state() == kiosk::VisitState::Attract ? "attract" : "visit";
  status_.shot = playing != nullptr ? playing->nowShowing() : std::string();
  status_.shotSeconds = playing != nullptr ? playing->shotSeconds() : 0;
  status_.frames = frames;
  status_.lateFrames = lateBefore_ + stats.late;
  status_.droppedFrames = missedBefore_ + stats.missed;
  status_.visitorsToday = director_.visitorsToday();
  if (!director_.lastError().empty()) status_.lastError = director_.lastError();
  if (state.error) status_.lastError = state.error->message();
  (void)control_.status().tryPublish(status_);
}

}  // namespace ps::tools
