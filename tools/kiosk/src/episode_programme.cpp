#include "kiosk/episode_programme.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace ps::kiosk {

void EpisodeProgramme::beginItem(player::ShotPlayback& playback, std::size_t item, player::PlayerLoopOptions& options) {
  player_ = playback.player.get();
  item_ = item;
  in_ = playback.inSeconds;
  position_ = episode_.items[item].startSeconds;
  over_ = false;
  cut_ = !std::exchange(restarting_, false);
  // The player starts as the programme stands: a visitor who lifted the headset during the cut
  // finds the next item waiting.
  options.autoplay = playing_;
  // The last item holds on its last frame (the visit cycle decides what follows): its loop does
  // not leave at the end, and the region a looping loop sets is cleared at its first frame.
  holdAtEnd_ = item + 1 == episode_.items.size();
  options.loop = holdAtEnd_;
}

void EpisodeProgramme::restart(bool playing) {
  playing_ = playing;
  restarting_ = true;
  over_ = false;
  position_ = 0;
  if (episodePlayer_ != nullptr) episodePlayer_->restart();
}

void EpisodeProgramme::play() {
  playing_ = true;
  if (player_ != nullptr) player_->play();
}

void EpisodeProgramme::pause() {
  playing_ = false;
  if (player_ != nullptr) player_->pause();
}

void EpisodeProgramme::observe(const media::PlayerState& state) {
  // After a restart the frame shown is still the old item's (or the attract loop's).
  if (player_ == nullptr || restarting_) return;
  if (std::exchange(holdAtEnd_, false)) player_->clearLoop();
  const player::EpisodeItem& item = episode_.items[item_];
  const double into = std::clamp(state.positionSeconds - in_, 0.0, item.seconds);
  position_ = item.startSeconds + into;
  if (item_ + 1 == episode_.items.size()) {
    const double frame = player_->transport().frameSeconds();
    over_ = state.atEnd || into + frame >= item.seconds - 1e-6;
    if (over_ && state.playing) player_->pause();  // hold on the last frame
  }
}

std::string EpisodeProgramme::describe() const {
  return fmt::format("{} item {}/{} {} {:.1f} s / {:.1f} s", episode_.file.filename().string(), item_ + 1,
                     episode_.items.size(), episode_.items.empty() ? "" : episode_.items[item_].label, position_,
                     episode_.seconds());
}

std::string EpisodeProgramme::nowShowing() const {
  return episode_.items.empty() ? std::string() : episode_.items[item_].label;
}

double EpisodeProgramme::shotSeconds() const {
  return episode_.items.empty() ? 0 : position_ - episode_.items[item_].startSeconds;
}

std::optional<std::string> EpisodeProgramme::seek(double seconds) {
  if (episodePlayer_ == nullptr) return "the episode is not playing";
  if (seconds < 0 || seconds >= episode_.seconds())
    return fmt::format("{:.3f} s lies outside the episode (0 to {:.3f} s)", seconds, episode_.seconds());
  episodePlayer_->seek(seconds);
  return std::nullopt;
}

std::optional<std::string> EpisodeProgramme::step(int items) {
  if (episodePlayer_ == nullptr) return "the episode is not playing";
  if (items > 0 && item_ + 1 >= episode_.items.size()) return "the last item plays: there is no next one";
  if (items > 0)
    episodePlayer_->next();
  else
    episodePlayer_->previous();
  return std::nullopt;
}

bool EpisodeProgramme::takeCut() { return std::exchange(cut_, false); }

}  // namespace ps::kiosk
