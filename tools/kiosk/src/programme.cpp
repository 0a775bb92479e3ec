#include "kiosk/programme.h"

#include <fmt/format.h>

namespace ps::kiosk {

ShotSegment::ShotSegment(media::Player& player, std::string name, double inSeconds, std::optional<double> outSeconds,
                         bool loop)
    : player_(player), name_(std::move(name)), in_(inSeconds), out_(outSeconds), loop_(loop), position_(inSeconds) {}

double ShotSegment::end() const {
  if (out_) return *out_;
  return player_.transport().range().outSeconds.value_or(player_.info().durationSeconds);
}

void ShotSegment::restart(bool playing) {
  // A region ends the segment where it must, looping or not: without a loop the player stops
  // at the region's out (atEnd).
  if (loop_)
    player_.setLoop({in_, end()});
  else
    player_.clearLoop();
  player_.seek(in_);
  if (playing)
    player_.play();
  else
    player_.pause();
  over_ = false;
  restarted_ = true;
  position_ = in_;
}

void ShotSegment::observe(const media::PlayerState& state) {
  if (restarted_) {
    // The seek lands over the next updates: until then the frame shown is the old place's.
    if (state.seeking) return;
    restarted_ = false;
  }
  position_ = state.positionSeconds;
  const double frame = player_.transport().frameSeconds();
  over_ = !loop_ && (state.atEnd || (out_ && state.positionSeconds + frame >= *out_ - 1e-6));
  if (over_ && out_ && state.playing) player_.pause();  // hold on the segment's last frame
}

std::optional<std::string> ShotSegment::seek(double seconds) {
  if (seconds < 0 || in_ + seconds >= end())
    return fmt::format("{:.3f} s lies outside {} (0 to {:.3f} s)", seconds, name_, end() - in_);
  player_.seek(in_ + seconds);
  return std::nullopt;
}

std::string ShotSegment::describe() const {
  return fmt::format("{} {:.1f} s / {:.1f} s", name_, position_ - in_, end() - in_);
}

}  // namespace ps::kiosk
