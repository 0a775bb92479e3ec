#include "media/transport.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ps::media {

Transport::Transport(ShotRange range, const AudioClock* audio) : range_(range), clock_(audio) {
  clock_.jump(range_.inSeconds, 0.0);
}

double Transport::frameSeconds() const { return range_.fps.valid() ? 1.0 / range_.fps.toDouble() : 1.0 / 30.0; }

void Transport::pause(double at) {
  // Re-anchored on the soundtrack first, where it is the master, so the hold is where it was heard.
  if (clock_.running()) static_cast<void>(clock_.position(at));
  pending_.play.reset();
  playing_ = false;
  sync(at);
}

void Transport::setRate(double rate) { pending_.rate = std::clamp(rate, kMinRate, kMaxRate); }

void Transport::seek(double shotSeconds) {
  pending_.seekTo = shotSeconds;
  pending_.steps = 0;
}

void Transport::step(int frames) {
  pending_.steps += frames;
  pending_.play = false;
}

void Transport::sync(double at) {
  if (running()) {
    clock_.start(at);
  } else {
    clock_.stop(at);
  }
}

double Transport::lastFrameStart() const {
  if (!range_.outSeconds) return std::numeric_limits<double>::infinity();
  // Frames are counted from shot time 0; the last one starts before out.
  const double f = frameSeconds();
  const double last = (std::ceil(*range_.outSeconds / f - 1e-6) - 1.0) * f;
  return std::max(range_.inSeconds, last);
}

double Transport::clampToRange(double shotSeconds) const {
  return std::clamp(shotSeconds, range_.inSeconds, std::max(range_.inSeconds, lastFrameStart()));
}

Transport::Controls Transport::takeControls(double at) {
  Controls c;
  if (pending_.rate) {
    rate_ = *pending_.rate;
    clock_.setRate(rate_, at);
    c.rate = rate_;
  }
  if (pending_.loop) loop_ = *pending_.loop;
  if (pending_.play) {
    // Play at the end starts again (from the loop's in where there is one).
    const bool restart = *pending_.play && !playing_ && atEnd_ && !pending_.seekTo;
    playing_ = *pending_.play;
    if (restart) pending_.seekTo = loop_ ? loop_->inSeconds : range_.inSeconds;
  }
  c.seekTo = pending_.seekTo;
  pending_.rate.reset();
  pending_.loop.reset();
  pending_.play.reset();
  pending_.seekTo.reset();
  sync(at);
  return c;
}

void Transport::jump(double shotSeconds, double at) {
  atEnd_ = false;
  clock_.jump(shotSeconds, at);
}

void Transport::hold(bool held, double at) {
  held_ = held;
  sync(at);
}

void Transport::stopAtEnd(double at) {
  playing_ = false;
  atEnd_ = true;
  sync(at);
}

std::optional<double> Transport::loopWrapTarget(double position) const {
  if (!playing_ || !loop_ || loop_->outSeconds <= loop_->inSeconds || position < loop_->outSeconds)
    return std::nullopt;
  const double length = loop_->outSeconds - loop_->inSeconds;
  return loop_->inSeconds + std::fmod(position - loop_->inSeconds, length);
}

TransportState Transport::update(double at) {
  const Controls c = takeControls(at);
  if (c.seekTo) jump(clampToRange(*c.seekTo), at);
  if (pending_.steps != 0) {
    // To the start of the shot frame that many frames from the one presented.
    const double f = frameSeconds();
    const double frame = std::floor(clock_.position(at) / f + 1e-6);
    jump(clampToRange((frame + pending_.steps) * f), at);
    pending_.steps = 0;
  }
  if (playing_) {
    const double p = clock_.position(at);
    if (const std::optional<double> wrapped = loopWrapTarget(p)) {
      countWrap();
      jump(*wrapped, at);
    } else if (range_.outSeconds && p >= *range_.outSeconds) {
      jump(lastFrameStart(), at);
      stopAtEnd(at);
    }
  }
  return state(at);
}

TransportState Transport::state(double at) {
  TransportState s;
  s.positionSeconds = clock_.position(at);
  s.playing = playing_;
  s.held = held_;
  s.rate = rate_;
  s.atEnd = atEnd_;
  s.loop = loop_;
  s.loopWraps = wraps_;
  s.clock = clock_.master();
  return s;
}

}  // namespace ps::media
