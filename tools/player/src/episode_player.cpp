#include "player/episode_player.h"

#include <spdlog/spdlog.h>

#include "engine/font_atlas.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <utility>

namespace ps::player {

namespace {

constexpr Rational kCardFps{30, 1};
constexpr double kCardFadeSeconds = 0.6;
// The card's pin stands this far left of straight ahead, so that the card beside it (16
// degrees wide) is centred on the view.
constexpr double kCardYawDeg = -8;
constexpr double kCardDistanceM = 2.5;
// What a cut may wait for the next item's first frame when it was not ready ahead.
constexpr std::chrono::seconds kPrerollWait{5};

double spanOf(const ShotPlayback& p) { return std::max(p.outSeconds.value_or(p.inSeconds) - p.inSeconds, 0.0); }

}  // namespace

std::pair<std::size_t, double> Episode::itemAt(double episodeSeconds) const {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (episodeSeconds < items[i].startSeconds + items[i].seconds || i + 1 == items.size())
      return {i, std::clamp(episodeSeconds - items[i].startSeconds, 0.0, items[i].seconds)};
  return {0, 0.0};
}

Result<Episode> loadEpisode(const scenes::Playlist& playlist, std::size_t sequenceBudgetMiB) {
  Episode e;
  e.file = playlist.file;
  e.title = playlist.title;
  e.atEnd = playlist.atEnd;
  std::vector<std::string> problems;
  double at = 0;
  for (std::size_t i = 0; i < playlist.items.size(); ++i) {
    EpisodeItem item;
    if (const auto* shot = std::get_if<scenes::PlaylistShot>(&playlist.items[i])) {
      item.kind = EpisodeItemKind::Shot;
      item.label = shot->src;
      item.shot = shot->path;
      auto opened = openShotPlayback(shot->path.string(), "", /*withAudio=*/false, sequenceBudgetMiB);
      if (!opened) {
        problems.push_back("/items/" + std::to_string(i) + ": " + opened.error().message());
        continue;
      }
      item.seconds = spanOf(**opened);
    } else {
      item.kind = EpisodeItemKind::TitleCard;
      item.card = std::get<scenes::TitleCard>(playlist.items[i]);
      item.label = item.card.title;
      item.seconds = item.card.seconds;
    }
    item.startSeconds = at;
    at += item.seconds;
    e.items.push_back(std::move(item));
  }
  if (!problems.empty()) {
    std::string all;
    for (const std::string& p : problems) all += "\n  " + p;
    return Error{playlist.file.string(), std::to_string(problems.size()) + " item(s) do not open:" + all, ""};
  }
  return e;
}

std::unique_ptr<ShotPlayback> titleCardPlayback(const scenes::TitleCard& card) {
  auto p = std::make_unique<ShotPlayback>();
  p->inSeconds = 0;
  p->outSeconds = card.seconds;
  p->frameSeconds = 1.0 / kCardFps.toDouble();
  p->timeline.fps = kCardFps;
  // No picture anywhere on the card (the scrubber asks for none).
  p->timeline.plateTiming = media::TrackTiming{.startSeconds = 0, .offsetSeconds = 0, .rate = 1, .mediaEndSeconds = 0};
  scenes::Marker m;
  m.id = "title-card";
  m.tIn = 0;
  m.tOut = card.seconds;
  m.fadeIn = m.fadeOut = std::min(kCardFadeSeconds, card.seconds / 5);
  m.placement = scenes::DirectionPlacement{kCardYawDeg, 0, kCardDistanceM};
  m.title = card.title;
  m.text = card.text;
  m.category = scenes::MarkerCategory::Production;
  p->markers = {m};
  p->timeline.markers = p->markers;
  p->player = std::make_unique<media::Player>(
      media::ShotRange{.inSeconds = 0, .outSeconds = card.seconds, .fps = kCardFps});
  return p;
}

struct EpisodePlayer::Pending {
  std::size_t item = 0;
  std::future<std::unique_ptr<ShotPlayback>> opening;
  std::unique_ptr<ShotPlayback> playback;  // once opened
  bool prerolled = false;                   // its first frame decoded
};

EpisodePlayer::EpisodePlayer(xr::Display& display, const Episode& episode, EpisodePlayOptions options)
    : display_(display), episode_(episode), options_(std::move(options)) {
  position_.items = episode_.items.size();
  // The cards' font, rasterised before the first frame rather than at the first card (a frame
  // that waits for it misses several display slots; a worker doing it beside the first frames
  // slows them on a machine of few cores).
  try {
    static_cast<void>(engine::FontAtlas::shared());
  } catch (const std::exception& e) {
    spdlog::warn("episode: {}: title cards and markers will not show", e.what());
  }
}

EpisodePlayer::~EpisodePlayer() {
  pending_.reset();  // waits for an item being opened, which may use the output
  if (retiring_.valid()) retiring_.wait();
}

media::AudioOutput* EpisodePlayer::output() {
  std::lock_guard lock(outputMutex_);
  if (!std::exchange(outputTried_, true)) {
    if (auto opened = media::AudioOutput::openDefault(); opened)
      output_.emplace(std::move(*opened));
    else
      spdlog::info("episode: playing without sound ({})", opened.error().message());
  }
  return output_ ? &*output_ : nullptr;
}

std::unique_ptr<ShotPlayback> EpisodePlayer::open(std::size_t item) {
  const EpisodeItem& it = episode_.items[item];
  if (it.kind == EpisodeItemKind::TitleCard) return titleCardPlayback(it.card);
  // Without the episode's output (none opens) the shots play silent rather than each trying again.
  media::AudioOutput* out = options_.withAudio && !options_.offscreen ? output() : nullptr;
  auto opened = openShotPlayback(it.shot.string(), "", out != nullptr, options_.sequenceBudgetMiB, out);
  if (!opened) {
    spdlog::error("episode: item {} ({}) does not open: {}", item + 1, it.label, opened.error().message());
    return nullptr;
  }
  return std::move(*opened);
}

void EpisodePlayer::prepare(std::size_t item) {
  if (pending_ && pending_->item == item) return;
  pending_ = std::make_unique<Pending>();
  pending_->item = item;
  pending_->opening = std::async(std::launch::async, [this, item] { return open(item); });
}

void EpisodePlayer::preroll(ShotPlayback& playback, double displayTime, bool wait) {
  media::Player& player = *playback.player;
  const media::PlayerFrame f =
      wait ? player.update(displayTime, std::chrono::duration_cast<std::chrono::milliseconds>(kPrerollWait))
           : player.update(displayTime);
  if (pending_ && pending_->playback.get() == &playback) pending_->prerolled = f.frame != nullptr || !player.hasPlate();
  // Its first picture ready ahead of the cut: staged into the loop's background, or for an
  // RGB-D plate (its own layer, made at the cut) its depth decoded and measured on its worker.
  if (f.frame != nullptr && playback.rgbd) playback.rgbd->ahead(*f.frame);  // its depth decoded and measured
  if (loop_ != nullptr && f.frame != nullptr && !playback.rgbd)
    loop_->offerNextItemPicture(*f.frame, playback.layout, playback.yawOffsetDeg);
}

std::unique_ptr<ShotPlayback> EpisodePlayer::take(std::size_t item) {
  std::unique_ptr<ShotPlayback> p;
  bool prerolled = false;
  if (pending_ && pending_->item == item) {
    if (!pending_->playback && pending_->opening.valid()) {
      pending_->playback = pending_->opening.get();
      if (pending_->playback && pending_->playback->inSeconds > 0)
        pending_->playback->player->seek(pending_->playback->inSeconds);
    }
    p = std::move(pending_->playback);
    prerolled = pending_->prerolled;
    pending_.reset();
  } else {
    pending_.reset();  // waits for an item opened for nothing
    p = open(item);
    if (p && p->inSeconds > 0) p->player->seek(p->inSeconds);
  }
  if (p && !prerolled) {
    spdlog::debug("episode: item {} was not ready ahead of its cut", item + 1);
    const media::PlayerFrame f = p->player->update(
        lastDisplayTime_, std::chrono::duration_cast<std::chrono::milliseconds>(kPrerollWait));
    if (f.frame == nullptr && p->player->hasPlate()) spdlog::warn("episode: item {} shows no picture yet", item + 1);
  }
  return p;
}

std::optional<std::size_t> EpisodePlayer::after(std::size_t item, LoopEnd ended) {
  if (ended == LoopEnd::PreviousItem) return item == 0 ? 0 : item - 1;
  if (item + 1 < episode_.items.size()) return item + 1;
  if (options_.atEnd.value_or(episode_.atEnd) == scenes::EpisodeEnd::Loop) return 0;
  return std::nullopt;
}

PlayerLoopOptions EpisodePlayer::itemOptions(ShotPlayback& playback, std::size_t item) {
  PlayerLoopOptions o = playOptions(playback, display_.capabilities(), options_.offscreen, options_.choices);
  o.editor.reset();  // an episode is played, not edited
  o.loop = false;
  o.episodeItem = true;
  o.startsAtIn = true;
  const bool card = episode_.items[item].kind == EpisodeItemKind::TitleCard;
  if (card) {
    o.gazeDwell = false;
    if (o.overlay) o.overlay->openAtStart = 0;
    else spdlog::warn("episode: title card \"{}\" hidden by --no-overlay", episode_.items[item].label);
  }
  if (o.timeline) {
    ui::EpisodeStrip strip;
    for (const EpisodeItem& it : episode_.items) strip.starts.push_back(it.startSeconds);
    strip.seconds = episode_.seconds();
    strip.current = item;
    strip.label = episode_.items[item].label;
    o.timeline->episode = std::move(strip);
  }
  o.quitRequested = options_.quitRequested;
  o.uiClaims = options_.uiClaims;
  o.leaveRequested = [this] {
    std::lock_guard lock(mutex_);
    return jump_.has_value() || stopAsked_;
  };
  if (options_.choices.maxFrames > 0)
    o.maxFrames = options_.choices.maxFrames > stats_.frames ? options_.choices.maxFrames - stats_.frames : 1;
  auto first = std::make_shared<bool>(true);
  o.afterFrame = [this, item, first, &playback](const xr::DisplayFrame& frame, const media::PlayerFrame& shown) {
    ++stats_.frames;
    lastDisplayTime_ = frame.predictedDisplayTime;
    if (std::exchange(*first, false) && playback.player->hasPlate() && shown.frame == nullptr)
      ++stats_.cutsWithoutPicture;
    EpisodePosition now;
    {
      std::lock_guard lock(mutex_);
      position_.item = item;
      position_.kind = episode_.items[item].kind;
      position_.label = episode_.items[item].label;
      position_.itemSeconds = std::max(0.0, shown.state.positionSeconds - playback.inSeconds);
      position_.episodeSeconds = episode_.items[item].startSeconds + position_.itemSeconds;
      position_.state = EpisodeState::Playing;
      now = position_;
    }
    // The next item opened ahead: its first frame decoded before this one ends.
    prerollAhead(frame.predictedDisplayTime);
    if (options_.afterFrame) options_.afterFrame(frame, shown, now);
  };
  if (options_.adjustItem) options_.adjustItem(playback, item, o);
  return o;
}

EpisodeRunStats EpisodePlayer::run() {
  stats_ = EpisodeRunStats{};
  std::size_t item = 0;
  double into = 0;
  {
    std::lock_guard lock(mutex_);
    stopAsked_ = false;
    if (jump_) std::tie(item, into) = *std::exchange(jump_, std::nullopt);
  }
  // The item playing, and the loop all items play in (declared after it: the loop refers to
  // its player, and ends first).
  std::unique_ptr<ShotPlayback> playback;
  std::unique_ptr<PlayerLoop> loop;
  const auto runEnds = [&] {
    if (loop) stats_.made = loop->made();
    loop_ = nullptr;
    loop.reset();  // its frames on the GPU waited for, its panels gone
    retire(std::move(playback));
    return finishRun();
  };
  // Each pass plays one item; a jump (next, previous, seek) names the next one, else the
  // item's end does; past the last, at_end decides.
  while (item < episode_.items.size()) {
    std::unique_ptr<ShotPlayback> next;
    if (into > 0) {
      pending_.reset();
      next = open(item);
      if (next) next->player->seek(next->inSeconds + into);
    } else {
      next = take(item);
    }
    into = 0;
    LoopEnd ended = LoopEnd::ShotEnded;  // an item that does not open is skipped (logged)
    if (next) {
      if (auto following = after(item, LoopEnd::ShotEnded)) prepare(*following);
      ++stats_.cuts;
      {
        std::lock_guard lock(mutex_);
        position_.cuts = stats_.cuts;
      }
      spdlog::info("episode: item {}/{}: {}", item + 1, episode_.items.size(), episode_.items[item].label);
      PlayerLoopOptions o = itemOptions(*next, item);
      if (loop) {
        loop->setItem(*next->player, std::move(o));
      } else {
        loop = std::make_unique<PlayerLoop>(display_, *next->player, std::move(o));
        ++stats_.loopsMade;
      }
      loop_ = loop.get();
      retire(std::move(playback));  // the loop no longer refers to it
      playback = std::move(next);
      const PlayerLoopStats s = loop->run();
      stats_.late += s.late;
      stats_.missed += s.missed;
      ended = s.ended;
      if (ended == LoopEnd::DisplayQuit) {
        stats_.ended = EpisodeState::Stopped;
        stats_.displayEnded = true;
        return runEnds();
      }
      std::unique_lock lock(mutex_);
      if (stopAsked_) {
        lock.unlock();  // finishRun takes it again
        stats_.ended = EpisodeState::Stopped;
        return runEnds();
      }
      if (jump_) {
        std::tie(item, into) = *std::exchange(jump_, std::nullopt);
        continue;
      }
    }
    item = after(item, ended).value_or(episode_.items.size());
  }
  stats_.ended = options_.atEnd.value_or(episode_.atEnd) == scenes::EpisodeEnd::Attract ? EpisodeState::Attract
                                                                                        : EpisodeState::Stopped;
  return runEnds();
}

void EpisodePlayer::retire(std::unique_ptr<ShotPlayback> playback) {
  if (!playback) return;
  playback->player->pause();  // its sound stops at the cut, not when it is closed
  if (retiring_.valid()) retiring_.wait();
  retiring_ = std::async(std::launch::async, [gone = std::move(playback)]() mutable { gone.reset(); });
}

EpisodeRunStats EpisodePlayer::finishRun() {
  pending_.reset();
  if (retiring_.valid()) retiring_.wait();
  {
    std::lock_guard lock(mutex_);
    position_.state = stats_.ended;
    jump_.reset();
    stopAsked_ = false;
  }
  if (stats_.ended == EpisodeState::Attract && options_.onAttract) options_.onAttract();
  return stats_;
}

void EpisodePlayer::openAhead() {
  if (!episode_.items.empty()) prepare(0);
}

void EpisodePlayer::prerollAhead(double displayTime) {
  if (!pending_ || pending_->prerolled) return;
  if (!pending_->playback) {
    // Not opened yet, or opened to nothing (the cut logs why).
    if (!pending_->opening.valid() || pending_->opening.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
      return;
    pending_->playback = pending_->opening.get();
    if (!pending_->playback) return;
    if (pending_->playback->inSeconds > 0) pending_->playback->player->seek(pending_->playback->inSeconds);
  }
  preroll(*pending_->playback, displayTime, options_.offscreen);
  lastDisplayTime_ = displayTime;
}

void EpisodePlayer::restart() { seek(0); }

void EpisodePlayer::seek(double episodeSeconds) {
  const auto at = episode_.itemAt(std::max(0.0, episodeSeconds));
  std::lock_guard lock(mutex_);
  jump_ = at;
}

void EpisodePlayer::next() {
  std::lock_guard lock(mutex_);
  const std::size_t item = jump_ ? jump_->first : position_.item;
  if (item + 1 < episode_.items.size())
    jump_ = {item + 1, 0.0};
  else if (options_.atEnd.value_or(episode_.atEnd) == scenes::EpisodeEnd::Loop)
    jump_ = {0, 0.0};
  else
    jump_ = {episode_.items.size(), 0.0};  // the end
}

void EpisodePlayer::previous() {
  std::lock_guard lock(mutex_);
  const std::size_t item = jump_ ? jump_->first : position_.item;
  jump_ = {item == 0 ? 0 : item - 1, 0.0};
}

void EpisodePlayer::stop() {
  std::lock_guard lock(mutex_);
  stopAsked_ = true;
}

EpisodePosition EpisodePlayer::position() const {
  std::lock_guard lock(mutex_);
  return position_;
}

void endDisplay(xr::Display& display) {
  display.requestQuit();
  for (int i = 0; i < 10000; ++i) {
    if (display.poll().quit) return;
    if (std::optional<xr::DisplayFrame> frame = display.beginFrame()) display.endFrame(*frame);
  }
  spdlog::warn("episode: the display did not end");
}

}  // namespace ps::player
