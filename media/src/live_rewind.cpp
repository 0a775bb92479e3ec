#include "live_rewind.h"

#include <algorithm>

#include "log.h"

namespace ps::media {

LiveRewind::LiveRewind(LiveFeed& feed, double frameSeconds, PlayerOptions options, const LiveSound* sound)
    : feed_(feed), sound_(sound), frameSeconds_(frameSeconds), options_(options) {}

LiveRewind::~LiveRewind() = default;

Result<std::unique_ptr<LiveRewind>> LiveRewind::start(LiveFeed& feed, double target, double frameSeconds,
                                                      PlayerOptions options, const LiveSound* sound) {
  std::unique_ptr<LiveRewind> r(new LiveRewind(feed, frameSeconds, options, sound));
  if (Status s = r->reopen(target); !s) return s.error();
  log().info("live: the kept feed from {:.3f} s (kept {:.3f} to {:.3f} s)", r->opening_->target,
             r->opening_->span.start, r->opening_->span.end);
  return r;
}

double LiveRewind::clampTo(double target, double start, double end) const {
  return std::clamp(target, start, std::max(start, end - 0.5 * frameSeconds_));
}

double LiveRewind::clampToKept(double target) const {
  if (opening_) return clampTo(target, opening_->span.start, opening_->span.end);
  return clampTo(target, recording_.startSeconds, recording_.endSeconds);
}

Status LiveRewind::reopen(double target) {
  if (opening_) {
    // One opening at a time (waiting for an abandoned one would hold the loop): it lands here.
    opening_->target = clampToKept(target);
    return ok();
  }
  const std::optional<LiveSpan> kept = feed_.kept();
  if (!kept) {
    return Error{feed_.input().url, "nothing of the feed is kept yet",
                 "the live timeline keeps it from a keyframe on, a second at a time"};
  }
  DecodeOptions decode;
  decode.manifestLayout = feed_.info().layout;  // the segments carry no projection
  decode.untaggedMatrix = feed_.info().matrix;
  Opening o;
  o.span = *kept;
  // The feed outlives this (the player that owns both destroys this first, and a future from
  // std::async waits for its task).
  o.opened = std::async(std::launch::async, [&feed = feed_, decode, withSound = sound_ != nullptr]() -> Result<Opened> {
    std::optional<LiveRecording> recording = feed.recording();
    if (!recording) return Error{feed.input().url, "the live timeline stopped keeping the feed", ""};
    const std::string list = recording->list.string();
    Result<VideoSource> video = VideoSource::open(list, decode);
    if (!video) return video.error();
    Opened opened{*recording, std::move(video).value(), std::nullopt};
    if (withSound && !feed.status().sound.empty()) {
      // On the pictures' time: the list's first picture is its time 0.
      const StreamInfo& info = opened.video.info();
      AudioOptions options;
      options.originSeconds = static_cast<double>(info.startPts) * info.timeBase.toDouble();
      options.quietSeeks = true;
      if (Result<AudioSource> sound = AudioSource::open(list, options)) opened.sound.emplace(std::move(sound).value());
    }
    return opened;
  });
  opening_ = std::move(o);
  opening_->target = clampToKept(target);
  return ok();
}

void LiveRewind::adopt(std::chrono::milliseconds wait) {
  if (!opening_ || opening_->opened.wait_for(wait) != std::future_status::ready) return;
  Result<Opened> opened = opening_->opened.get();
  const double target = opening_->target;
  opening_.reset();
  if (!opened) {
    log().warn("live: the kept feed could not be opened: {}", opened.error().message());
    error_ = opened.error();
    return;
  }
  // The picture shown stays until the new recording's first one is decoded.
  if (lastShown_ != nullptr) {
    heldCopy_ = lastShown_->clone();
    lastShown_ = &*heldCopy_;
  }
  recording_ = opened->recording;
  std::unique_ptr<AudioPlayer> audio;
  if (sound_ != nullptr && opened->sound) {
    Result<std::unique_ptr<AudioPlayer>> made = AudioPlayer::create(sound_->output(), std::move(*opened->sound), sound_->time());
    if (made) {
      audio = std::move(made).value();
    } else if (!soundRefusalSaid_) {
      log().warn("live: the kept feed plays without its sound: {}", made.error().message());
      soundRefusalSaid_ = true;
    }
  }
  player_ = std::make_unique<Player>(std::move(opened->video), std::move(audio), options_);
  playerStart_ = recording_.startSeconds;
  playerEnd_ = recording_.endSeconds;
  // The list may have moved on from the span asked about (a segment closed, or went, meanwhile).
  player_->seek(clampTo(target, playerStart_, playerEnd_) - playerStart_);
  atEnd_ = false;
  if (rate_ != 1.0) player_->setRate(rate_);
  if (loop_) player_->setLoop(LoopRegion{loop_->inSeconds - playerStart_, loop_->outSeconds - playerStart_});
}

PlayerFrame LiveRewind::update(double at, const Requests& r, const DecodedFrame* held,
                               std::chrono::milliseconds decodeWait) {
  if (r.rate) rate_ = *r.rate;
  if (r.loop) loop_ = *r.loop;
  playing_ = r.playing;

  std::optional<double> target = r.seekTo;
  if (r.steps != 0) {
    const double from = target.value_or(opening_ ? opening_->target : lastPosition_);
    // A quarter frame in: clear of a frame's edges, whatever the rounding of times on the way.
    const double to = from + (r.steps + 0.25) * frameSeconds_;
    if (!target && player_ && !opening_ && to >= playerStart_ && to < playerEnd_) {
      player_->step(r.steps);  // frame-exact over the decoded frames
    } else {
      target = to;
    }
  }
  if (target) {
    // Not before what is kept now: an older recording's first segments may be gone from the disk.
    if (const std::optional<LiveSpan> kept = feed_.kept()) target = std::max(*target, kept->start);
    if (player_ && !opening_ && *target >= playerStart_ && *target < playerEnd_) {
      player_->seek(*target - playerStart_);
    } else if (Status s = reopen(*target); !s) {
      error_ = s.error();
    }
  }
  adopt(decodeWait);

  if (player_) {
    // Play at the end would start the recording over: playing on from there waits for more.
    if (playing_ && !atEnd_) {
      player_->play();
    } else if (!playing_ && r.steps == 0) {
      player_->pause();
    }
    if (r.rate) player_->setRate(rate_);
    if (r.loop) {
      if (loop_) {
        player_->setLoop(LoopRegion{loop_->inSeconds - playerStart_, loop_->outSeconds - playerStart_});
      } else {
        player_->clearLoop();
      }
    }
    PlayerFrame f = player_->update(at, decodeWait);
    atEnd_ = f.state.atEnd;
    caughtUp_ = false;
    // Played into the end of the recording open: on into what the ring has kept since, or, with
    // nothing newer kept, up with the live picture.
    if (playing_ && atEnd_ && !opening_) {
      if (const std::optional<LiveSpan> kept = feed_.kept(); kept && kept->end > playerEnd_ + 1e-3) {
        if (Status s = reopen(playerEnd_); !s) error_ = s.error();
      } else {
        caughtUp_ = true;
      }
    }
    if (f.frame != nullptr) {
      lastShown_ = f.frame;
      heldCopy_.reset();
      lastPosition_ = f.frame->seconds + playerStart_;
    } else {
      f.frame = lastShown_ != nullptr ? lastShown_ : held;
    }
    f.state.positionSeconds += playerStart_;
    f.state.playing = playing_;
    f.state.seeking = f.state.seeking || opening_.has_value();
    if (error_ && !f.state.error) f.state.error = error_;
    return f;
  }
  PlayerFrame out;
  out.frame = lastShown_ != nullptr ? lastShown_ : held;
  out.state.playing = playing_;
  out.state.seeking = opening_.has_value();
  out.state.positionSeconds = opening_ ? opening_->target : lastPosition_;
  out.state.error = error_;
  return out;
}

}  // namespace ps::media
