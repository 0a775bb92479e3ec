#include "kiosk/kiosk_director.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <ctime>
#include <algorithm>
#include <utility>

#include "xr/head_position.h"

namespace ps::kiosk {

namespace {

// The local day of the year: "visitors today" starts again at midnight.
int localDay() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&now, &local);
  return local.tm_year * 400 + local.tm_yday;
}

}  // namespace

KioskDirector::KioskDirector(xr::Display& display, const KioskConfig& config, Programme& attract, Programme& programme)
    : display_(display),
      config_(config),
      attract_(attract),
      programme_(programme),
      cycle_(VisitRules{config.visitTimeoutSeconds, config.atEnd}),
      fade_(config.fadeSeconds) {
  day = localDay;
}

bool KioskDirector::onEvents(const xr::DisplayEvents& events) {
  if (source_ == PresenceSource::UserPresence && events.present) pendingPresence_ = *events.present;
  if (source_ == PresenceSource::Visibility && events.visible) pendingPresence_ = *events.visible;
  // Before the first frame the source is not chosen yet: keep both readings' latest.
  if (source_ == PresenceSource::Auto) {
    if (events.present && display_.capabilities().userPresence) pendingPresence_ = *events.present;
    else if (events.visible && !display_.capabilities().userPresence) pendingPresence_ = *events.visible;
  }
  // Where presence has its own sensor, the display hiding (a system menu, a lost runtime) is not
  // the visitor leaving; playback holds all the same, as the player does for a hidden display.
  if (events.visible && source_ == PresenceSource::UserPresence) hidden_ = !*events.visible;
  return true;  // the visit cycle, not the loop, pauses and resumes
}

void KioskDirector::holdWhileHidden() {
  if (active_ == nullptr || hidden_ == heldHidden_) return;
  heldHidden_ = hidden_;
  const bool runs = active_ == &attract_ || cycle_.state() == VisitState::Visit;
  if (hidden_)
    active_->pause();
  else if (runs)
    active_->play();
}

void KioskDirector::onFrame(xr::DisplayFrame& frame) {
  const double t = frame.predictedDisplayTime;
  if (source_ == PresenceSource::Auto) {
    const xr::DisplayCapabilities can = display_.capabilities();
    source_ = choosePresenceSource(config_.presence, PresenceOffers{can.userPresence, can.headTracked});
    spdlog::info("kiosk: presence from {}", presenceSourceName(source_));
    active_ = &attract_;
    attract_.restart(true);
    ++counts_.attractStarts;
    fade_.cut(t);
    ++counts_.fades;
  }
  if (source_ == PresenceSource::HeadMotion && !frame.eyes.empty())
    pendingPresence_ = headMotion_.update(xr::headPosition(frame.eyes), frame.eyes.front().view.orientation, t);
  if (pendingPresence_) {
    act(cycle_.onPresence(*pendingPresence_, t), frame);
    pendingPresence_.reset();
  }
  act(cycle_.onTick(t), frame);
  if (std::exchange(attractRequested_, false)) act(cycle_.toAttract(), frame);
  if (std::exchange(recentreRequested_, false) && !frame.eyes.empty())
    recentre_ = Recentre{facingYaw(frame.eyes.front().view.orientation), xr::headPosition(frame.eyes)};
  holdWhileHidden();
  if (active_ == &programme_ && programme_.over()) act(cycle_.onProgrammeOver(t), frame);
  if (active_ != nullptr && active_->takeCut()) {
    fade_.cut(t);
    ++counts_.fades;
  }
  recentre_.apply(frame.eyes);
  recentre_.apply(frame.overlayEyes);
  fadeOpacity_ = fade_.opacity(t);
  head_.reset();
  if (!frame.eyes.empty()) {
    engine::View head = frame.eyes.front().view;
    head.position = xr::headPosition(frame.eyes);
    head_ = head;
  }
  updateStatus(t);
}

void KioskDirector::act(const VisitStep& step, const xr::DisplayFrame& frame) {
  if (!step.any()) return;
  const double t = frame.predictedDisplayTime;
  if (step.recentre && !frame.eyes.empty()) {
    // The eyes as the headset gives them (not yet turned): the visitor's own facing.
    recentre_ = Recentre{facingYaw(frame.eyes.front().view.orientation), xr::headPosition(frame.eyes)};
  }
  if (step.startProgramme) {
    active_ = &programme_;
    programme_.restart(true);
    ++counts_.programmeStarts;
    checkStart_ = true;
    fade_.cut(t);
    ++counts_.fades;
    if (step.recentre) {
      ++counts_.visits;
      if (const int now = day(); now != today_) {
        today_ = now;
        visitsToday_ = 0;
      }
      ++visitsToday_;
      spdlog::debug("kiosk: visit {} starts", counts_.visits);
    }
  }
  if (step.pauseProgramme) programme_.pause();
  if (step.resumeProgramme) programme_.play();
  if (step.startAttract) {
    programme_.pause();
    recentre_ = Recentre{};  // the attract loop faces the film's own front
    active_ = &attract_;
    attract_.restart(true);
    ++counts_.attractStarts;
    fade_.cut(t);
    ++counts_.fades;
  }
  if (step.visitEnded) {
    ++counts_.visitsEnded;
    if (onVisitEnded) onVisitEnded(counts_);
  }
}

void KioskDirector::onInput(xr::RawInput& input) {
  for (xr::ControllerInput& hand : input.hands)
    if (hand.aim) hand.aim = recentre_.apply(*hand.aim);
}

void KioskDirector::onShown(const xr::DisplayFrame& frame, const media::PlayerFrame& shown) {
  if (active_ == nullptr) return;
  active_->observe(shown.state);
  if (checkStart_ && active_ == &programme_ && !shown.state.seeking) {
    checkStart_ = false;
    // Within a display frame of the beginning (the clock runs from the restart's frame).
    if (programme_.position() > std::max(0.05, 2 * frame.period)) {
      ++counts_.startsNotAtBeginning;
      spdlog::warn("kiosk: the programme started {:.3f} s in, not at its beginning", programme_.position());
    }
  }
  if (shown.state.error) lastError_ = shown.state.error->message();
  // A loop's seam is a cut too.
  if (shown.state.loopWraps > loopWraps_) {
    fade_.cut(frame.predictedDisplayTime);
    ++counts_.fades;
  }
  loopWraps_ = shown.state.loopWraps;
}

void KioskDirector::addLayers(const engine::Device& device, std::vector<engine::Layer*>& layers) {
  if (caption && head_)
    if (engine::Layer* text = caption_.at(device, caption(), *head_)) layers.push_back(text);
  // Last: the fade darkens the caption too.
  if (engine::Layer* fade = fadeLayer_.at(device, fadeOpacity_)) layers.push_back(fade);
}

void KioskDirector::updateStatus(double t) {
  // Once a second of display time: a window title is no place for a per-frame change.
  if (t - statusAt_ < 1.0) return;
  statusAt_ = t;
  const Programme* playing = active_ == nullptr ? nullptr : active_;
  std::string line = fmt::format("{}: {} | visitors today {} | last error: {}", visitStateName(cycle_.state()),
                                 playing != nullptr ? playing->describe() : "-", visitorsToday(),
                                 lastError_.empty() ? "none" : lastError_);
  if (line == status_) return;
  status_ = std::move(line);
  display_.setOperatorStatus(status_);
}

}  // namespace ps::kiosk
