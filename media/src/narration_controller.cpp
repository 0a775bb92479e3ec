#include "media/narration_controller.h"

#include <algorithm>

#include "log.h"
#include "scenes/caption.h"

namespace ps::media {

NarrationController::NarrationController(AudioOutput& output, std::vector<scenes::Marker> markers,
                                         AudioPlayer* soundtrack, NarrationOptions options)
    : output_(output), soundtrack_(soundtrack), markers_(std::move(markers)), duck_(options.duck) {
  if (!output.hrtfEnabled()) log().info("narration: no HRTF; markers are panned, not binaural");
  voices_.resize(markers_.size());
  for (std::size_t i = 0; i < markers_.size(); ++i) {
    const scenes::Marker& m = markers_[i];
    if (!m.narration) continue;
    Result<NarrationVoice> v = NarrationVoice::open(output, m.narration->path.string(), options.voice);
    if (!v) {
      log().warn("marker {}: narration not playable: {}", m.id, v.error().message());
      continue;
    }
    // Markers do not move: the position is set once.
    if (Status st = v->setPosition(scenes::markerPosition(m)); st) voices_[i].emplace(std::move(v).value());
  }
}

NarrationController::~NarrationController() {
  // The soundtrack outlives us: leave it at its own level.
  if (soundtrack_ != nullptr && appliedGain_ != 1.0f) soundtrack_->setGain(1.0f);
}

Status NarrationController::select(std::string_view markerId) {
  const auto it = std::find_if(markers_.begin(), markers_.end(),
                               [&](const scenes::Marker& m) { return m.id == markerId; });
  if (it == markers_.end())
    return Error{"narration", fmt::format("no marker \"{}\" in this shot", markerId), "pick a marker of the shot"};
  const auto i = static_cast<std::size_t>(it - markers_.begin());
  if (!voices_[i])
    return Error{"narration", fmt::format("marker \"{}\" has no playable narration", markerId),
                 "give it an \"audio\" clip (see scenes/FORMAT.md); lint names what is wrong with one"};
  if (speaking_ && *speaking_ != i) static_cast<void>(voices_[*speaking_]->stop());
  if (Status st = voices_[i]->play(); !st) return st;
  speaking_ = i;
  log().info("narration: marker {} speaks ({:.2f} s)", markerId, voices_[i]->durationSeconds());
  return ok();
}

void NarrationController::stop() {
  if (speaking_) static_cast<void>(voices_[*speaking_]->stop());
  speaking_.reset();
}

void NarrationController::update(double nowSeconds, const ListenerPose& head) {
  static_cast<void>(setListener(output_, head));
  if (speaking_ && !voices_[*speaking_]->playing()) speaking_.reset();
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
  std::string text;
  for (const scenes::CaptionCue* cue :
       scenes::cuesAt(markers_[*speaking_].narration->captions, voices_[*speaking_]->offsetSeconds())) {
    if (!text.empty()) text += '\n';
    text += cue->text;
  }
  return text;
}

}  // namespace ps::media
