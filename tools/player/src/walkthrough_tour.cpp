#include "player/walkthrough_tour.h"

#include <spdlog/spdlog.h>

#include <cmath>

#include "media/listener.h"
#include "player/view_overlay.h"
#include "xr/head_position.h"

namespace ps::player {

namespace {

media::HeadOrientation headOf(const glm::quat& q) {
  const glm::vec3 forward = q * glm::vec3(0, 0, -1), up = q * glm::vec3(0, 1, 0);
  return media::HeadOrientation{{forward.x, forward.y, forward.z}, {up.x, up.y, up.z}};
}

// The eyes moved rigidly so that the head is at `position` facing `orientation` (stage space).
void moveEyes(std::vector<xr::EyeTarget>& eyes, const glm::vec3& head, const glm::quat& turn, const glm::vec3& position) {
  for (xr::EyeTarget& eye : eyes) {
    eye.view.position = position + turn * (eye.view.position - head);
    eye.view.orientation = glm::normalize(turn * eye.view.orientation);
  }
}

}  // namespace

WalkthroughTour::WalkthroughTour(xr::Display& display, media::Player& player, Options options)
    : display_(display),
      player_(player),
      options_(std::move(options)),
      clock_(options_.walkthrough, player.transport().frameSeconds()),
      follow_(options_.follow) {
  spdlog::info("tour: walkthrough '{}' ({:.1f} s, {} samples, {} timeline events{}); {}", options_.walkthrough.name,
               options_.walkthrough.durationSeconds, options_.walkthrough.samples.size(),
               options_.walkthrough.events.size(), options_.walkthrough.voice.empty() ? "" : ", with the director's voice",
               follow_ ? "following the director" : "looking freely");
}

void WalkthroughTour::onFrame(xr::DisplayFrame& frame) {
  if (frame.eyes.empty()) return;
  if (!origin_) origin_ = xr::headPosition(frame.eyes);
  const TourClock::Tick tick = clock_.advance(frame.predictedDisplayTime);
  if (tick.rate) player_.transport().setRate(*tick.rate);
  for (const scenes::WalkthroughEvent& e : tick.due) {
    spdlog::debug("tour: {:.3f} s: {} at shot {:.3f} s", e.t, scenes::toString(e.action), e.shotSeconds);
    applyTimelineEvent(e, player_.transport(), shownSeconds_);
  }
  at_ = scenes::sampleAt(options_.walkthrough, tick.recordingSeconds);
  if (at_ && follow_ && !display_.capabilities().headTracked) follow(frame, *at_);
  if (at_) voice(tick.recordingSeconds, tick.jumped || clock_.waiting(), *at_, frame);
  if (tick.ended && !ended_) {
    ended_ = true;
    spdlog::info("tour: the walkthrough '{}' ended", options_.walkthrough.name);
    if (options_.quitAtEnd)
      display_.requestQuit();
    else
      player_.pause();  // on the director's last picture
  }
}

void WalkthroughTour::follow(xr::DisplayFrame& frame, const scenes::WalkthroughSample& at) const {
  const glm::vec3 head = xr::headPosition(frame.eyes);
  const glm::quat turn = at.orientation * glm::inverse(frame.eyes.front().view.orientation);
  const glm::vec3 to = *origin_ + at.position;
  moveEyes(frame.eyes, head, turn, to);
  moveEyes(frame.overlayEyes, head, turn, to);
}

void WalkthroughTour::onInput(xr::RawInput& input) {
  bool toggle = false;
  std::erase_if(input.keys, [&](const xr::KeyPress& k) {
    if (k.key != xr::Key::F || k.ctrl) return false;
    toggle = !toggle;
    return true;
  });
  xr::ControllerInput& left = input.hand(xr::Hand::Left);
  if (left.squeeze.pressed) {
    left.squeeze.pressed = false;  // the tour's, not the previous item
    toggle = !toggle;
  }
  if (!toggle) return;
  follow_ = !follow_;
  spdlog::info("tour: {}", follow_ ? "following the director" : "looking freely");
}

void WalkthroughTour::onShown(const xr::DisplayFrame&, const media::PlayerFrame& shown) {
  shownSeconds_ = shown.state.positionSeconds;
  clock_.shown(shown.state.playing, shown.state.seeking, shown.state.positionSeconds);
}

void WalkthroughTour::onOverlay(ViewOverlay& overlay) {
  if (!at_ || !origin_) {
    overlay.setGaze(std::nullopt, false);
    return;
  }
  const engine::Ray gaze{*origin_ + at_->position, glm::normalize(at_->orientation * glm::vec3(0, 0, -1))};
  // Followed in a window the view is the director's: the glow is ahead and no hint is needed.
  overlay.setGaze(gaze, follow_ && display_.capabilities().headTracked);
}

media::NarrationVoice* WalkthroughTour::voiceFor(const scenes::VoiceSegment& segment) {
  auto [it, fresh] = voices_.try_emplace(segment.src);
  if (fresh) {
    auto opened = media::NarrationVoice::open(*options_.output, segment.path.string());
    if (opened)
      it->second = std::make_unique<media::NarrationVoice>(std::move(*opened));
    else
      spdlog::warn("tour: the director's voice: {}", opened.error().message());
  }
  return it->second.get();
}

void WalkthroughTour::voice(double r, bool restart, const scenes::WalkthroughSample& at, const xr::DisplayFrame& frame) {
  if (options_.output == nullptr || options_.walkthrough.voice.empty()) return;
  const auto& segments = options_.walkthrough.voice;
  if (clipLengths_.empty())
    for (const scenes::VoiceSegment& s : segments) {
      media::NarrationVoice* v = voiceFor(s);
      clipLengths_.push_back(v != nullptr ? v->durationSeconds() : 0.0);  // a clip that does not open is silent
    }
  const std::optional<scenes::VoicePlace> place = scenes::voiceAt(options_.walkthrough, r, clipLengths_);
  const std::optional<std::size_t> now = place ? std::optional(place->segment) : std::nullopt;
  const bool waiting = clock_.waiting();
  if (speaking_ && (restart || now != speaking_ || waiting)) {
    if (media::NarrationVoice* v = voiceFor(segments[*speaking_])) (void)v->stop();
    speaking_.reset();
  }
  const glm::vec3 listener = xr::headPosition(frame.eyes) - *origin_;
  (void)media::setListener(*options_.output,
                           media::ListenerPose{{listener.x, listener.y, listener.z}, headOf(frame.eyes.front().view.orientation)});
  if (!now || waiting) return;
  media::NarrationVoice* v = voiceFor(segments[*now]);
  if (auto placed = v->setPosition({at.position.x, at.position.y, at.position.z}); !placed)
    spdlog::debug("tour: {}", placed.error().message());
  if (speaking_ == now) return;
  if (auto started = v->playFrom(place->clipSeconds); !started) spdlog::warn("tour: the director's voice: {}", started.error().message());
  speaking_ = now;
}

}  // namespace ps::player
