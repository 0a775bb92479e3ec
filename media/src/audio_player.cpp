#include "media/audio_player.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "al_check.h"
#include "al_handles.h"
#include "ambix.h"
#include "log.h"

namespace ps::media {

Result<std::unique_ptr<AudioPlayer>> AudioPlayer::create(AudioOutput& output, AudioSource source,
                                                         const TimeSource& time, AudioPlayerOptions options) {
  std::unique_ptr<AudioPlayer> p(new AudioPlayer(output, std::move(source), time, options));
  if (Status st = p->init(); !st) return st.error();
  if (options.streamingThread) p->thread_ = std::thread([raw = p.get()] { raw->streamLoop(); });
  return p;
}

AudioPlayer::AudioPlayer(AudioOutput& output, AudioSource source, const TimeSource& time,
                         AudioPlayerOptions options)
    : out_(output.handles()), source_(std::move(source)), info_(source_.info()), time_(time), options_(options) {}

Status AudioPlayer::init() {
  ThreadContext current(out_.context.get());
  ALuint id = 0;
  if (Status st = PS_AL_CHECK(alGenSources(1, &id)); !st) return st;
  source_id_ = id;
  std::vector<ALuint> ids(static_cast<std::size_t>(options_.buffers));
  if (Status st = PS_AL_CHECK(alGenBuffers(static_cast<ALsizei>(ids.size()), ids.data())); !st) return st;
  bufferIds_.assign(ids.begin(), ids.end());
  freeBuffers_.assign(ids.begin(), ids.end());
  if (info_.layout == AudioLayout::Stereo) {
    // A film's stereo mix is not a point in space: straight to the speakers.
    if (Status st = PS_AL_CHECK(alSourcei(id, AL_DIRECT_CHANNELS_SOFT, AL_TRUE)); !st) return st;
  }
  // World-fixed sound field: not relative to the listener, whose orientation is the head's.
  if (Status st = PS_AL_CHECK(alSourcei(id, AL_SOURCE_RELATIVE, AL_FALSE)); !st) return st;
  return ok();
}

AudioPlayer::~AudioPlayer() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  ThreadContext current(out_.context.get());
  if (source_id_ != 0) {
    alSourceStop(source_id_);
    alSourcei(source_id_, AL_BUFFER, 0);
    alDeleteSources(1, &source_id_);
  }
  if (!bufferIds_.empty()) alDeleteBuffers(static_cast<ALsizei>(bufferIds_.size()), bufferIds_.data());
  if (Status st = alChecked("AudioPlayer teardown (alSourceStop, alDeleteSources, alDeleteBuffers)"); !st) {
    log().warn("{}", st.error().message());
  }
}

void AudioPlayer::seek(double shotSeconds) {
  {
    std::lock_guard lock(mutex_);
    ThreadContext current(out_.context.get());
    static_cast<void>(PS_AL_CHECK(alSourceStop(source_id_)));
    // Stopped, every buffer can be detached at once.
    static_cast<void>(PS_AL_CHECK(alSourcei(source_id_, AL_BUFFER, 0)));
    static_cast<void>(PS_AL_CHECK(alSourceRewind(source_id_)));  // AL_INITIAL: nothing played yet
    freeBuffers_.assign(bufferIds_.begin(), bufferIds_.end());
    queuedFrames_.clear();
    ++generation_;
    seekTo_ = shotSeconds;
    segmentStart_ = std::llround(shotSeconds * info_.sampleRate);
    nextQueueFrame_ = segmentStart_;
    playedFrames_ = 0;
    ended_ = false;
  }
  wake_.notify_all();
}

void AudioPlayer::play() {
  {
    std::lock_guard lock(mutex_);
    wantPlaying_ = true;
    ThreadContext current(out_.context.get());
    startIfPrimed(false);
  }
  wake_.notify_all();
}

void AudioPlayer::pause() {
  std::lock_guard lock(mutex_);
  wantPlaying_ = false;
  ThreadContext current(out_.context.get());
  static_cast<void>(PS_AL_CHECK(alSourcePause(source_id_)));
}

void AudioPlayer::setRate(double rate) {
  std::lock_guard lock(mutex_);
  rate_ = rate;
  ThreadContext current(out_.context.get());
  static_cast<void>(PS_AL_CHECK(alSourcef(source_id_, AL_PITCH, static_cast<ALfloat>(rate))));
}

void AudioPlayer::setHeadOrientation(const HeadOrientation& head) {
  const ALfloat v[6] = {head.forward[0], head.forward[1], head.forward[2], head.up[0], head.up[1], head.up[2]};
  std::lock_guard lock(mutex_);
  ThreadContext current(out_.context.get());
  static_cast<void>(PS_AL_CHECK(alListenerfv(AL_ORIENTATION, v)));
}

void AudioPlayer::setGain(float gain) {
  std::lock_guard lock(mutex_);
  ThreadContext current(out_.context.get());
  static_cast<void>(PS_AL_CHECK(alSourcef(source_id_, AL_GAIN, gain)));
}

std::optional<AudioClockReading> AudioPlayer::reading() const {
  std::lock_guard lock(mutex_);
  if (!wantPlaying_) return std::nullopt;
  ThreadContext current(out_.context.get());
  ALint state = 0;
  alGetSourcei(source_id_, AL_SOURCE_STATE, &state);
  if (state != AL_PLAYING) return std::nullopt;
  // AL_SOFT_source_latency: the offset into the queue (32.32 fixed point,
  // sample frames) and the device's latency (ns) after it, read together.
  ALint64SOFT v[2] = {0, 0};
  if (!PS_AL_CHECK(alGetSourcei64vSOFT(source_id_, AL_SAMPLE_OFFSET_LATENCY_SOFT, v))) return std::nullopt;
  const double at = time_.now();
  const double offsetFrames = static_cast<double>(v[0]) / 4294967296.0;
  const double latencySeconds = static_cast<double>(v[1]) * 1e-9;
  const double playedFrames = static_cast<double>(segmentStart_ + playedFrames_) + offsetFrames;
  return AudioClockReading{playedFrames / info_.sampleRate - latencySeconds * rate_, at};
}

void AudioPlayer::startIfPrimed(bool afterUnqueue) {
  if (!wantPlaying_ || queuedFrames_.empty()) return;
  const bool primed = freeBuffers_.empty() || ended_;
  ALint state = 0;
  alGetSourcei(source_id_, AL_SOURCE_STATE, &state);
  switch (state) {
    case AL_PAUSED:
      break;
    case AL_INITIAL:  // after a seek
      if (!primed) return;
      break;
    case AL_STOPPED:
      // Ran dry. Restart only with nothing played left in the queue (the pump
      // just unqueued it), else the played buffers would sound again.
      if (!afterUnqueue || ended_ || !primed) return;
      log().debug("audio underrun: restarting the source");
      break;
    default:
      return;
  }
  static_cast<void>(PS_AL_CHECK(alSourcePlay(source_id_)));
}

std::optional<AudioPlayer::Chunk> AudioPlayer::decodeChunk(std::int64_t& at) {
  const auto channels = static_cast<std::size_t>(info_.channels);
  Chunk c;
  c.samples.reserve(static_cast<std::size_t>(options_.bufferFrames) * channels);
  while (c.frames < options_.bufferFrames) {
    if (leftover_.empty()) {
      if (sourceEnded_) break;
      Result<std::optional<AudioBlock>> b = source_.next();
      if (!b || !b.value()) {
        sourceEnded_ = true;  // an error was logged by the source; play what there is
        break;
      }
      leftover_ = std::move(b.value()->samples);
      leftoverFrame_ = b.value()->firstFrame;
    }
    const auto leftoverFrames = static_cast<std::int64_t>(leftover_.size() / channels);
    if (leftoverFrame_ + leftoverFrames <= at) {  // all before where we are: overlap after damage
      leftover_.clear();
      continue;
    }
    const std::int64_t want = options_.bufferFrames - c.frames;
    if (leftoverFrame_ > at) {  // a gap in the stream (or it starts late): silence
      const std::int64_t gap = std::min(leftoverFrame_ - at, want);
      c.samples.insert(c.samples.end(), static_cast<std::size_t>(gap) * channels, 0.0f);
      c.frames += static_cast<int>(gap);
      at += gap;
      continue;
    }
    const std::int64_t skip = at - leftoverFrame_;
    const std::int64_t take = std::min(leftoverFrames - skip, want);
    const auto begin = leftover_.begin() + static_cast<std::ptrdiff_t>(skip * info_.channels);
    const auto end = begin + static_cast<std::ptrdiff_t>(take * info_.channels);
    c.samples.insert(c.samples.end(), begin, end);
    leftover_.erase(leftover_.begin(), end);
    leftoverFrame_ = at + take;
    c.frames += static_cast<int>(take);
    at += take;
  }
  if (c.frames == 0) return std::nullopt;
  if (info_.layout == AudioLayout::AmbiX) ambixToFuma(c.samples);
  return c;
}

void AudioPlayer::pump() {
  std::unique_lock lock(mutex_);
  if (seekTo_) {
    const double t = *seekTo_;
    seekTo_.reset();
    lock.unlock();
    leftover_.clear();
    sourceEnded_ = false;
    if (Status st = source_.seek(t); !st) sourceEnded_ = true;
    lock.lock();
  }
  ThreadContext current(out_.context.get());
  ALint processed = 0;
  alGetSourcei(source_id_, AL_BUFFERS_PROCESSED, &processed);
  processed = std::min<ALint>(processed, static_cast<ALint>(queuedFrames_.size()));
  if (processed > 0) {
    std::vector<ALuint> ids(static_cast<std::size_t>(processed));
    if (PS_AL_CHECK(alSourceUnqueueBuffers(source_id_, processed, ids.data()))) {
      for (ALuint id : ids) {
        playedFrames_ += queuedFrames_.front();
        queuedFrames_.pop_front();
        freeBuffers_.push_back(id);
      }
    }
  }
  const std::uint64_t generation = generation_;
  std::int64_t at = nextQueueFrame_;
  const std::size_t wanted = ended_ ? 0 : freeBuffers_.size();
  lock.unlock();

  std::vector<Chunk> chunks;
  bool ended = false;
  while (chunks.size() < wanted) {
    std::optional<Chunk> c = decodeChunk(at);
    if (!c) {
      ended = true;
      break;
    }
    chunks.push_back(std::move(*c));
  }

  lock.lock();
  if (generation != generation_) return;  // a seek came meanwhile: these samples are stale
  const ALenum format = info_.layout == AudioLayout::AmbiX ? AL_FORMAT_BFORMAT3D_FLOAT32 : AL_FORMAT_STEREO_FLOAT32;
  for (const Chunk& c : chunks) {
    const ALuint id = freeBuffers_.front();
    const auto bytes = static_cast<ALsizei>(c.samples.size() * sizeof(float));
    if (!PS_AL_CHECK(alBufferData(id, format, c.samples.data(), bytes, info_.sampleRate))) break;
    if (!PS_AL_CHECK(alSourceQueueBuffers(source_id_, 1, &id))) break;
    freeBuffers_.pop_front();
    queuedFrames_.push_back(c.frames);
    nextQueueFrame_ += c.frames;
  }
  if (ended) ended_ = true;
  startIfPrimed(true);
}

void AudioPlayer::streamLoop() {
  // Wake often enough to refill before the queue runs dry: a quarter of one buffer.
  const auto period = std::chrono::duration<double>(0.25 * options_.bufferFrames / info_.sampleRate);
  std::unique_lock lock(mutex_);
  while (!stop_) {
    lock.unlock();
    pump();
    lock.lock();
    wake_.wait_for(lock, period, [this] { return stop_ || seekTo_.has_value(); });
  }
}

}  // namespace ps::media
