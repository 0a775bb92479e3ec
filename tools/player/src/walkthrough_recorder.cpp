#include "player/walkthrough_recorder.h"

#include <spdlog/spdlog.h>

#include <cmath>

#include "media/wav_file.h"
#include "xr/head_position.h"

namespace ps::player {

namespace {

// A jump of at most this many frames while paused is a step (the stepping keys and buttons move
// one); anything else is a seek.
constexpr int kMostStepFrames = 10;

}  // namespace

Result<std::unique_ptr<WalkthroughRecorder>> WalkthroughRecorder::start(Options options) {
  if (auto fresh = scenes::checkNewWalkthrough(options.packageRoot, options.name); !fresh) return fresh.error();
  return std::unique_ptr<WalkthroughRecorder>(new WalkthroughRecorder(std::move(options)));
}

WalkthroughRecorder::WalkthroughRecorder(Options options)
    : options_(std::move(options)), file_(scenes::walkthroughFile(options_.packageRoot, options_.name)) {
  saved_.name = options_.name;
  saved_.voice = options_.voice;
  if (options_.voiceInput) voice_.emplace(*options_.voiceInput);
  saver_ = std::thread([this] { saveLoop(); });
}

WalkthroughRecorder::~WalkthroughRecorder() {
  if (auto done = finish(); !done) spdlog::error("walkthrough: {}", done.error().message());
}

void WalkthroughRecorder::onInput(xr::RawInput& input) {
  aim_ = input.hand(xr::Hand::Right).aim ? input.hand(xr::Hand::Right).aim : input.hand(xr::Hand::Left).aim;
}

void WalkthroughRecorder::events(double t, const media::PlayerState& s, double dt) {
  const auto add = [&](scenes::TimelineAction a, int frames = 0) {
    newEvents_.push_back({t, a, s.positionSeconds, s.rate, frames});
    ++events_;
  };
  if (!last_) {
    // Where the recording starts: the state its tour sets first.
    add(scenes::TimelineAction::Seek);
    if (s.rate != 1.0) add(scenes::TimelineAction::Rate);
    add(s.playing ? scenes::TimelineAction::Play : scenes::TimelineAction::Pause);
    return;
  }
  const media::PlayerState& p = *last_;
  if (s.rate != p.rate) add(scenes::TimelineAction::Rate);
  // Paused, only a step or a seek moves the shot time; playing, any jump off the clock's course.
  const bool stillPaused = !p.playing && !s.playing;
  const double expected = p.positionSeconds + (p.playing ? p.rate * dt : 0.0);
  const double slack = stillPaused ? 1e-6 : 0.5 * options_.frameSeconds + (p.playing != s.playing ? s.rate * dt : 0.0);
  if (std::abs(s.positionSeconds - expected) > slack) {
    // A step lands on the start of a neighbouring shot frame (the transport's grid).
    const double f = options_.frameSeconds;
    const double at = s.positionSeconds / f;
    const bool onFrame = std::abs(at - std::round(at)) < 1e-4;
    const long frames = static_cast<long>(std::floor(at + 1e-6) - std::floor(p.positionSeconds / f + 1e-6));
    const bool step = onFrame && !s.playing && frames != 0 && std::abs(frames) <= kMostStepFrames;
    if (step)
      add(scenes::TimelineAction::Step, static_cast<int>(frames));
    else
      add(scenes::TimelineAction::Seek);
  }
  if (s.playing != p.playing) add(s.playing ? scenes::TimelineAction::Play : scenes::TimelineAction::Pause);
}

void WalkthroughRecorder::onShown(const xr::DisplayFrame& frame, const media::PlayerFrame& shown) {
  if (frame.eyes.empty() || finished_) return;
  if (!firstDisplayTime_) {
    firstDisplayTime_ = frame.predictedDisplayTime;
    origin_ = xr::headPosition(frame.eyes);
    if (voice_) {
      if (Status s = voice_->start(frame.predictedDisplayTime); !s) {
        spdlog::warn("walkthrough: the voice is not recorded: {}", s.error().message());
        voice_.reset();
      } else {
        spdlog::info("walkthrough: recording the voice from {}", options_.voiceInput->name());
      }
    }
  }
  lastDisplayTime_ = frame.predictedDisplayTime;
  hear(frame.predictedDisplayTime);
  const double t = frame.predictedDisplayTime - *firstDisplayTime_;
  // While a seek lands the player shows the frame before it: its change is read once it landed.
  if (!shown.state.seeking) {
    events(t, shown.state, t - lastTime_);
    last_ = shown.state;
    lastTime_ = t;
  }
  scenes::WalkthroughSample s;
  s.t = t;
  s.shotSeconds = shown.state.positionSeconds;
  s.position = xr::headPosition(frame.eyes) - origin_;
  s.orientation = frame.eyes.front().view.orientation;
  if (aim_) s.pointer = scenes::WalkthroughRay{aim_->position - origin_, aim_->orientation * glm::vec3(0, 0, -1)};
  newSamples_.push_back(s);
  ++samples_;
  if (t - lastSaveAt_ >= options_.saveEverySeconds) {
    lastSaveAt_ = t;
    std::lock_guard lock(mutex_);
    handedSamples_.insert(handedSamples_.end(), newSamples_.begin(), newSamples_.end());
    handedEvents_.insert(handedEvents_.end(), newEvents_.begin(), newEvents_.end());
    handedDuration_ = t;
    saveAsked_ = true;
    wake_.notify_one();
    newSamples_.clear();
    newEvents_.clear();
  }
}

void WalkthroughRecorder::hear(double displayTime) {
  if (!voice_ || !voice_->recording()) return;
  if (Status s = voice_->poll(displayTime); !s)
    spdlog::warn("walkthrough: the voice stopped at {:.1f} s: {}", displayTime - *firstDisplayTime_, s.error().message());
}

Result<std::optional<scenes::VoiceSegment>> WalkthroughRecorder::writeVoice() {
  if (!voice_ || !firstDisplayTime_) return std::optional<scenes::VoiceSegment>{};
  media::VoiceTake take = voice_->take();
  if (voice_->recording()) {
    Result<media::VoiceTake> stopped = voice_->stop(lastDisplayTime_);
    if (!stopped) return stopped.error();
    take = std::move(stopped).value();
  }
  if (take.samples.empty()) return std::optional<scenes::VoiceSegment>{};
  scenes::VoiceSegment segment;
  segment.src = std::string(scenes::kWalkthroughFolder) + "/" + options_.name + ".voice.wav";
  segment.path = options_.packageRoot / segment.src;
  segment.atSeconds = std::max(0.0, take.firstSampleSeconds - *firstDisplayTime_);
  if (Status s = media::writeWavAtomically(segment.path, take.sampleRate, take.samples); !s) return s.error();
  spdlog::info("walkthrough: the voice ({:.1f} s) is in the package as {}", take.seconds(), segment.src);
  return std::optional<scenes::VoiceSegment>(std::move(segment));
}

void WalkthroughRecorder::saveLoop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return saveAsked_ || stopping_; });
    if (!saveAsked_ && stopping_) return;
    saved_.samples.insert(saved_.samples.end(), handedSamples_.begin(), handedSamples_.end());
    saved_.events.insert(saved_.events.end(), handedEvents_.begin(), handedEvents_.end());
    saved_.voice.insert(saved_.voice.end(), handedVoice_.begin(), handedVoice_.end());
    saved_.durationSeconds = handedDuration_;
    handedSamples_.clear();
    handedEvents_.clear();
    handedVoice_.clear();
    saveAsked_ = false;
    const bool last = stopping_;
    lock.unlock();
    const Status saved = scenes::writeWalkthrough(options_.packageRoot, saved_);
    lock.lock();
    if (!saved && !saveError_) {
      saveError_ = saved.error();
      spdlog::warn("walkthrough: {}", saved.error().message());
    }
    if (last) return;
  }
}

Status WalkthroughRecorder::finish() {
  if (finished_) return ok();
  finished_ = true;
  // The voice first: the last save names its file, written before it.
  Result<std::optional<scenes::VoiceSegment>> voice = writeVoice();
  if (!voice) spdlog::warn("walkthrough: the voice is not kept: {}", voice.error().message());
  {
    std::lock_guard lock(mutex_);
    if (voice && *voice) handedVoice_.push_back(std::move(**voice));
    handedSamples_.insert(handedSamples_.end(), newSamples_.begin(), newSamples_.end());
    handedEvents_.insert(handedEvents_.end(), newEvents_.begin(), newEvents_.end());
    if (!newSamples_.empty()) handedDuration_ = newSamples_.back().t;
    saveAsked_ = samples_ > 0;  // a session that showed nothing leaves no file
    stopping_ = true;
    wake_.notify_one();
  }
  newSamples_.clear();
  newEvents_.clear();
  saver_.join();
  if (saveError_) return *saveError_;
  if (samples_ == 0) {
    spdlog::warn("walkthrough: no frame was shown; nothing recorded in {}", file_.string());
    return ok();
  }
  spdlog::info("walkthrough: {} samples and {} timeline events over {:.1f} s saved in {}", samples_, events_,
               saved_.durationSeconds, file_.string());
  return ok();
}

}  // namespace ps::player
