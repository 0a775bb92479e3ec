#include "media/master_clock.h"

namespace ps::media {

double MasterClock::position(double at) {
  master_ = ClockMaster::Monotonic;
  if (running_ && audio_ != nullptr) {
    if (const std::optional<AudioClockReading> r = audio_->reading()) {
      master_ = ClockMaster::Audio;
      anchorShot_ = r->shotSeconds;
      anchorAt_ = r->atSeconds;
      const double heard = monotonic(at);
      // Forward play only: the sound from heldFrom_ on has not reached the listener yet.
      if (rate_ > 0 && heard < heldFrom_) return heldFrom_;
      return heard;
    }
  }
  return monotonic(at);
}

void MasterClock::start(double at) {
  if (running_) return;
  anchorShot_ = monotonic(at);
  anchorAt_ = at;
  heldFrom_ = anchorShot_;
  running_ = true;
}

void MasterClock::stop(double at) {
  if (!running_) return;
  anchorShot_ = monotonic(at);
  anchorAt_ = at;
  running_ = false;
}

void MasterClock::setRate(double rate, double at) {
  anchorShot_ = monotonic(at);
  anchorAt_ = at;
  rate_ = rate;
}

void MasterClock::jump(double shotSeconds, double at) {
  anchorShot_ = shotSeconds;
  anchorAt_ = at;
  heldFrom_ = shotSeconds;
}

}  // namespace ps::media
