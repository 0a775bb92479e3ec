#include "media/narration_controller.h"

#include <algorithm>

#include "log.h"
#include "scenes/caption.h"

namespace ps::media {

NarrationController::NarrationController(AudioOutput& output, std::vector<scenes::Marker> markers,
                                         AudioPlayer* soundtrack, NarrationOptions options)
    : output_(output),
      soundtrack_(soundtrack),
      options_(options),
      markers_(std::move(markers)),
      duck_(options.duck) {
  options_.maxOpenVoices = std::max<std::size_t>(options_.maxOpenVoices, 1);
  if (!output.hrtfEnabled()) log().info("narration: no HRTF; markers are panned, not binaural");
}

NarrationController::~NarrationController() {
  // The soundtrack outlives us: leave it at its own level.
  if (soundtrack_ != nullptr && appliedGain_ != 1.0f) soundtrack_->setGain(1.0f);
}

Result<NarrationVoice*> NarrationController::voiceFor(std::size_t marker) {
  auto it = std::find_if(voices_.begin(), voices_.end(), [&](const OpenVoice& v) { return v.marker == marker; });
  if (it == voices_.end()) {
    const scenes::Marker& m = markers_[marker];
    Result<NarrationVoice> opened = NarrationVoice::open(output_, m.narration->path.string(), options_.voice);
    if (!opened) return opened.error();
    // Markers do not move: the position is set once.
    if (Status st = opened->setPosition(scenes::markerPosition(m)); !st) return st.error();
    if (voices_.size() >= options_.maxOpenVoices) {
      // The least recently selected goes; the one speaking is never it (it is the most recent).
      voices_.pop_back();
    }
    voices_.push_front(OpenVoice{marker, std::move(opened).value()});
    return &voices_.front().voice;
  }
  std::rotate(voices_.begin(), it, it + 1);
  return &voices_.front().voice;
}

void NarrationController::setMarkers(std::vector<scenes::Marker> markers) {
  // An open voice holds its marker's index, position and clip.
  const auto sameVoice = [](const scenes::Marker& a, const scenes::Marker& b) {
    return a.id == b.id && a.placement == b.placement && a.narration.has_value() == b.narration.has_value() &&
           (!a.narration || a.narration->path == b.narration->path);
  };
  const bool same = markers.size() == markers_.size() &&
                    std::equal(markers.begin(), markers.end(), markers_.begin(), sameVoice);
  if (!same) {
    stop();
    voices_.clear();
  }
  markers_ = std::move(markers);
}

NarrationVoice* NarrationController::speakingVoice() {
  if (!speaking_) return nullptr;
  for (OpenVoice& v : voices_)
    if (v.marker == *speaking_) return &v.voice;
  return nullptr;
}

Status NarrationController::select(std::string_view markerId) {
  const auto it = std::find_if(markers_.begin(), markers_.end(),
                               [&](const scenes::Marker& m) { return m.id == markerId; });
  if (it == markers_.end())
    return Error{"narration", fmt::format("no marker \"{}\" in this shot", markerId), "pick a marker of the shot"};
  const auto i = static_cast<std::size_t>(it - markers_.begin());
  if (!it->narration)
    return Error{"narration", fmt::format("marker \"{}\" has no narration", markerId),
                 "give it an \"audio\" clip (see scenes/FORMAT.md)"};
  if (NarrationVoice* other = speakingVoice(); other != nullptr && *speaking_ != i) static_cast<void>(other->stop());
  speaking_.reset();
  Result<NarrationVoice*> voice = voiceFor(i);
  if (!voice)
    return Error{"narration",
                 fmt::format("marker \"{}\" has no playable narration: {}", markerId, voice.error().message()),
                 "lint names what is wrong with the clip"};
  if (Status st = (*voice)->play(); !st) return st;
  speaking_ = i;
  log().info("narration: marker {} speaks ({:.2f} s)", markerId, (*voice)->durationSeconds());
  return ok();
}

void NarrationController::stop() {
  if (NarrationVoice* v = speakingVoice()) static_cast<void>(v->stop());
  speaking_.reset();
}

void NarrationController::update(double nowSeconds, const ListenerPose& head) {
  static_cast<void>(setListener(output_, head));
  if (NarrationVoice* v = speakingVoice(); v == nullptr || !v->playing()) speaking_.reset();
  const float gain = duck_.advance(nowSeconds, speaking_.has_value());
  if (soundtrack_ != nullptr && gain != appliedGain_) {
    soundtrack_->setGain(gain);
    appliedGain_ = gain;
  }
}

std::optional<std::string> NarrationController::speaking() const {
  if (!speaking_) return std::nullopt;
  return markers_[*speaking_].id;
}

std::string NarrationController::caption() const {
  if (!speaking_ || !markers_[*speaking_].narration) return {};
  const NarrationVoice* voice = nullptr;
  for (const OpenVoice& v : voices_)
    if (v.marker == *speaking_) voice = &v.voice;
  if (voice == nullptr) return {};
  std::string text;
  for (const scenes::CaptionCue* cue : scenes::cuesAt(markers_[*speaking_].narration->captions, voice->offsetSeconds())) {
    if (!text.empty()) text += '\n';
    text += cue->text;
  }
  return text;
}

}  // namespace ps::media
