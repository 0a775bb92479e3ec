#include "media/live_sound.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "al_check.h"
#include "al_handles.h"
#include "log.h"

namespace ps::media {

namespace {

constexpr double kRate = kLiveSoundRate;
// The sound kept waiting for its time: what arrives long before it is needed is a sender whose
// clock jumped, and is dropped from the oldest.
constexpr double kMostPendingSeconds = 3.0;
// Blocks this close to the previous one's end are taken as following it: timestamps are rounded,
// and a sample of silence between them would click.
constexpr std::int64_t kSnapFrames = 2;
// How late the sound comes is measured before it first plays: how far the newest sound received
// lies behind the picture's time, at its worst (just before each packet, or each burst of them),
// forgotten slowly so a burst a while ago still counts.
constexpr double kMeasureFirstSeconds = 1.0;
constexpr double kWorstForgetPerSecond = 0.05;
// Beyond the worst: the streaming side's own period, and the mixer's.
constexpr double kLateMarginSeconds = 0.025;
// The lateness in force follows a change in how late the sound comes by at most this much a
// second (the pitch correction plays it out); a burst later than it allows runs dry and starts
// again at once as late as needed.
constexpr double kLateSlewPerSecond = 0.010;
// Later than this, the sound is not of the picture shown in any useful sense: not played.
constexpr double kMostLateSeconds = 1.0;
// Running dry after playing steadily, while the pictures flow, says the sound comes less evenly
// than measured (the mixer takes it in larger pieces than the queue allows for): each time it
// plays this much later, up to the most. (A feed that ends runs dry too, and then again after
// each short start on what is left of it.)
constexpr double kSteadySeconds = 0.25;
constexpr double kCushionStepSeconds = 0.020;
constexpr double kMostCushionSeconds = 0.100;
// No new picture for this long: the feed stalled, and the sound (which stalls with it) is not
// waited for; its absence says nothing of how late it comes.
constexpr double kPictureStalledSeconds = 0.3;

std::int64_t framesOf(double seconds) { return std::llround(seconds * kRate); }

struct Pending {
  std::int64_t first = 0;      // feed sample frame of samples' first
  std::vector<float> samples;  // interleaved L R; consumed from the front
  std::size_t used = 0;        // sample frames consumed
  std::int64_t end() const { return first + static_cast<std::int64_t>(samples.size() / 2); }
};

struct Queued {
  std::int64_t first = 0;
  int frames = 0;
};

struct Follow {
  double pictureSeconds = 0;
  double at = 0;
};

}  // namespace

struct LiveSound::State {
  AudioOutput& output;
  const AudioOutput::Handles& out;
  LiveFeed& feed;
  const TimeSource& time;
  const LiveSoundOptions options;
  LiveSoundSync sync;

  mutable std::mutex mutex;  // AL calls on the source and everything below
  std::condition_variable wake;
  bool stop = false;
  ALuint source = 0;
  std::vector<ALuint> bufferIds;
  std::deque<ALuint> freeBuffers;
  std::deque<Queued> queued;  // oldest first, contiguous in feed frames
  std::deque<Pending> pending;
  std::optional<std::int64_t> intakeEnd;  // where the latest block taken ends
  std::int64_t nextFrame = 0;             // the feed frame the next buffer starts at
  std::optional<Follow> follow;
  // How late the sound comes: the worst of (the sound the picture wants heard, plus a buffer,
  // minus the newest sound received), seconds, forgotten slowly; measured since measuringSince.
  std::optional<double> measuringSince;
  double worstLate = 0;
  double measuredAt = 0;
  double cushion = 0;  // added after running dry while playing steadily
  double startedAt = 0;                   // TimeSource seconds of the latest start
  std::optional<double> lastPump;
  bool lateSaid = false;
  bool tooLateSaid = false;
  LiveSoundStatus status;
  std::thread thread;  // last

  State(AudioOutput& o, LiveFeed& f, const TimeSource& t, const LiveSoundOptions& opts)
      : output(o), out(o.handles()), feed(f), time(t), options(opts), sync(opts.sync) {}

  ALint sourceState() const {
    ALint state = AL_INITIAL;
    alGetSourcei(source, AL_SOURCE_STATE, &state);
    return state;
  }

  // The feed frame to be heard at `at`.
  double wantedFrame(double at) const {
    return (follow->pictureSeconds + (at - follow->at) - status.lateSeconds) * kRate;
  }

  void intake() {
    for (LiveSoundBlock& b : feed.takeSound()) {
      Pending p{framesOf(b.seconds), std::move(b.samples), 0};
      if (intakeEnd && std::abs(p.first - *intakeEnd) <= kSnapFrames) p.first = *intakeEnd;
      intakeEnd = p.end();
      pending.push_back(std::move(p));
    }
    if (pending.empty()) return;
    const std::int64_t keepFrom = pending.back().end() - framesOf(kMostPendingSeconds);
    while (!pending.empty() && pending.front().end() <= keepFrom) pending.pop_front();
  }

  void unqueueProcessed() {
    ALint processed = 0;
    alGetSourcei(source, AL_BUFFERS_PROCESSED, &processed);
    processed = std::min<ALint>(processed, static_cast<ALint>(queued.size()));
    if (processed <= 0) return;
    std::vector<ALuint> ids(static_cast<std::size_t>(processed));
    if (!PS_AL_CHECK(alSourceUnqueueBuffers(source, processed, ids.data()))) return;
    for (ALuint id : ids) {
      queued.pop_front();
      freeBuffers.push_back(id);
    }
  }

  // Stops and detaches everything queued.
  void flush() {
    static_cast<void>(PS_AL_CHECK(alSourceStop(source)));
    static_cast<void>(PS_AL_CHECK(alSourcei(source, AL_BUFFER, 0)));
    static_cast<void>(PS_AL_CHECK(alSourceRewind(source)));
    freeBuffers.assign(bufferIds.begin(), bufferIds.end());
    queued.clear();
    status.sounding = false;
    status.offsetSeconds.reset();
  }

  // Sample frames there are to queue from nextFrame (gaps count: they are played as silence).
  std::int64_t available() const { return pending.empty() ? 0 : pending.back().end() - nextFrame; }

  // One buffer's samples from nextFrame on: the pending sound where it has it, silence in its gaps.
  std::vector<float> take(int frames) {
    std::vector<float> samples;
    samples.reserve(static_cast<std::size_t>(frames) * 2);
    const std::int64_t end = nextFrame + frames;
    std::int64_t at = nextFrame;
    while (at < end) {
      if (pending.empty()) {
        samples.insert(samples.end(), static_cast<std::size_t>(end - at) * 2, 0.0f);
        at = end;
        break;
      }
      Pending& p = pending.front();
      const std::int64_t from = p.first + static_cast<std::int64_t>(p.used);
      if (p.end() <= at) {
        pending.pop_front();
        continue;
      }
      if (from > at) {
        const std::int64_t gap = std::min(from, end) - at;
        samples.insert(samples.end(), static_cast<std::size_t>(gap) * 2, 0.0f);
        at += gap;
        continue;
      }
      const std::int64_t skip = at - p.first;
      const std::int64_t n = std::min(p.end(), end) - at;
      const auto begin = p.samples.begin() + static_cast<std::ptrdiff_t>(skip * 2);
      samples.insert(samples.end(), begin, begin + static_cast<std::ptrdiff_t>(n * 2));
      p.used = static_cast<std::size_t>(skip + n);
      at += n;
      if (p.end() <= at) pending.pop_front();
    }
    nextFrame = end;
    return samples;
  }

  bool queueOne() {
    const ALuint id = freeBuffers.front();
    const std::vector<float> samples = take(options.bufferFrames);
    const auto bytes = static_cast<ALsizei>(samples.size() * sizeof(float));
    if (!PS_AL_CHECK(alBufferData(id, AL_FORMAT_STEREO_FLOAT32, samples.data(), bytes, kLiveSoundRate))) return false;
    if (!PS_AL_CHECK(alSourceQueueBuffers(source, 1, &id))) return false;
    freeBuffers.pop_front();
    queued.push_back(Queued{nextFrame - options.bufferFrames, options.bufferFrames});
    return true;
  }

  double deviceLatencySeconds() const {
    ALCint64SOFT latency = 0;
    alcGetInteger64vSOFT(out.device.get(), ALC_DEVICE_LATENCY_SOFT, 1, &latency);
    return alcGetError(out.device.get()) == ALC_NO_ERROR ? static_cast<double>(latency) * 1e-9 : 0.0;
  }

  // The feed frame the picture wants heard a device latency from now, when the mixer's next
  // samples are heard.
  double inStepFrame(double now) const {
    return (follow->pictureSeconds + (now + deviceLatencySeconds() - follow->at)) * kRate;
  }

  // While the pictures flow and sound comes: how late it comes at worst.
  void measureLateness(double now) {
    if (!intakeEnd || now - follow->at > kPictureStalledSeconds) return;
    const double late = (inStepFrame(now) + options.bufferFrames - static_cast<double>(*intakeEnd)) / kRate;
    if (!measuringSince) {
      measuringSince = now;
      worstLate = late;
    } else {
      worstLate = std::max(late, worstLate - kWorstForgetPerSecond * std::max(0.0, now - measuredAt));
    }
    measuredAt = now;
  }

  // The lateness the sound is to play at now.
  double lateWanted() const { return std::max(0.0, worstLate + kLateMarginSeconds) + cushion; }

  // Starts the source so its first sample is heard with its picture, or as late after it as the
  // sound comes.
  void start(double now) {
    if (!measuringSince || now - *measuringSince < kMeasureFirstSeconds) return;
    if (now - follow->at > kPictureStalledSeconds) return;
    const double late = lateWanted();
    if (late > kMostLateSeconds) {
      if (!tooLateSaid) {
        log().info("live: the feed's sound arrives more than {:.0f} s after its picture; it is not played",
                   kMostLateSeconds);
        tooLateSaid = true;
      }
      return;
    }
    const std::int64_t from = std::llround(inStepFrame(now)) - framesOf(late);
    if (pending.empty() || pending.back().end() < from + options.bufferFrames) return;  // until it comes
    if (late > 0.05 && !lateSaid) {
      log().info("live: the feed's sound arrives up to {:.0f} ms after its picture; it plays that much late",
                 late * 1e3);
      lateSaid = true;
    }
    status.lateSeconds = late;
    nextFrame = from;
    do {
      if (!queueOne()) return;
    } while (!freeBuffers.empty() && available() >= options.bufferFrames);
    sync.reset();
    status.pitch = 1.0;
    static_cast<void>(PS_AL_CHECK(alSourcef(source, AL_PITCH, 1.0f)));
    if (!PS_AL_CHECK(alSourcePlay(source))) return;
    status.sounding = true;
    startedAt = now;
    ++status.starts;
  }

  // Playing: the lateness in force moves toward the one wanted, at the pitch correction's pace.
  void followLateness(double dt) {
    const double step = kLateSlewPerSecond * dt;
    status.lateSeconds += std::clamp(lateWanted() - status.lateSeconds, -step, step);
  }

  // Playing: how far the sound heard is from the picture, and the pitch (or a resync) for it.
  // False when it starts again.
  bool keepInStep(double now) {
    // AL_SOFT_source_latency: the offset into the queue (32.32 fixed point, sample frames) and
    // the device's latency after it, read together.
    ALint64SOFT v[2] = {0, 0};
    if (queued.empty() || !PS_AL_CHECK(alGetSourcei64vSOFT(source, AL_SAMPLE_OFFSET_LATENCY_SOFT, v))) return true;
    const double offsetFrames = static_cast<double>(v[0]) / 4294967296.0;
    const double latencyFrames = static_cast<double>(v[1]) * 1e-9 * kRate * status.pitch;
    const double heard = static_cast<double>(queued.front().first) + offsetFrames - latencyFrames;
    const double offset = (heard - wantedFrame(now)) / kRate;
    const std::optional<double> pitch = sync.update(offset, now);
    if (!pitch) {
      log().debug("live sound: {:.0f} ms off the picture; starting again in step", offset * 1e3);
      ++status.resyncs;
      flush();
      return false;
    }
    status.offsetSeconds = sync.smoothedOffset();
    if (std::abs(*pitch - status.pitch) > 1e-4) {
      status.pitch = *pitch;
      static_cast<void>(PS_AL_CHECK(alSourcef(source, AL_PITCH, static_cast<ALfloat>(*pitch))));
    }
    return true;
  }

  void pump() {
    std::lock_guard lock(mutex);
    ThreadContext current(out.context.get());
    intake();
    unqueueProcessed();
    if (!follow) {
      if (status.sounding || !queued.empty()) flush();
      pending.clear();
      measuringSince.reset();
      lastPump.reset();
      return;
    }
    const double now = time.now();
    const double dt = lastPump ? now - *lastPump : 0.0;
    lastPump = now;
    measureLateness(now);
    const ALint state = sourceState();
    if (state == AL_STOPPED) {
      // Ran dry: no sound came in time (a stall, a reconnect, or sound that comes unevenly).
      ++status.underruns;
      if (now - startedAt >= kSteadySeconds && now - follow->at <= kPictureStalledSeconds)
        cushion = std::min(cushion + kCushionStepSeconds, kMostCushionSeconds);
      log().debug("live sound: ran dry; starting again in step when sound comes ({:.0f} ms late)", lateWanted() * 1e3);
      flush();
    }
    if (state != AL_PLAYING) {
      start(now);
      return;
    }
    followLateness(dt);
    if (!keepInStep(now)) {
      start(now);
      return;
    }
    while (!freeBuffers.empty() && available() >= options.bufferFrames)
      if (!queueOne()) break;
  }
};

Result<std::unique_ptr<LiveSound>> LiveSound::create(AudioOutput& output, LiveFeed& feed, const TimeSource& time,
                                                     LiveSoundOptions options) {
  // Owned from the start: the destructor deletes whatever was made before a step fails.
  std::unique_ptr<LiveSound> sound(new LiveSound(std::make_unique<State>(output, feed, time, options)));
  State& s = *sound->s_;
  {
    ThreadContext current(s.out.context.get());
    if (Status st = PS_AL_CHECK(alGenSources(1, &s.source)); !st) return st.error();
    std::vector<ALuint> ids(static_cast<std::size_t>(options.buffers));
    if (Status st = PS_AL_CHECK(alGenBuffers(static_cast<ALsizei>(ids.size()), ids.data())); !st) return st.error();
    s.bufferIds.assign(ids.begin(), ids.end());
    s.freeBuffers.assign(ids.begin(), ids.end());
    // A camera's stereo is not a point in the scene: straight to the speakers.
    if (Status st = PS_AL_CHECK(alSourcei(s.source, AL_DIRECT_CHANNELS_SOFT, AL_TRUE)); !st) return st.error();
    if (Status st = PS_AL_CHECK(alSourcei(s.source, AL_SOURCE_RELATIVE, AL_TRUE)); !st) return st.error();
  }
  if (options.streamingThread) s.thread = std::thread([raw = sound.get()] { raw->streamLoop(); });
  return sound;
}

LiveSound::LiveSound(std::unique_ptr<State> state) : s_(std::move(state)) {}

LiveSound::~LiveSound() {
  {
    std::lock_guard lock(s_->mutex);
    s_->stop = true;
  }
  s_->wake.notify_all();
  if (s_->thread.joinable()) s_->thread.join();
  ThreadContext current(s_->out.context.get());
  if (s_->source != 0) {
    alSourceStop(s_->source);
    alSourcei(s_->source, AL_BUFFER, 0);
    alDeleteSources(1, &s_->source);
  }
  if (!s_->bufferIds.empty()) alDeleteBuffers(static_cast<ALsizei>(s_->bufferIds.size()), s_->bufferIds.data());
  if (Status st = alChecked("LiveSound teardown (alSourceStop, alDeleteSources, alDeleteBuffers)"); !st)
    log().warn("{}", st.error().message());
}

void LiveSound::follow(double pictureSeconds, double displayTime) {
  std::lock_guard lock(s_->mutex);
  s_->follow = Follow{pictureSeconds, displayTime};
}

void LiveSound::silence() {
  std::lock_guard lock(s_->mutex);
  s_->follow.reset();
}

LiveSoundStatus LiveSound::status() const {
  std::lock_guard lock(s_->mutex);
  return s_->status;
}

void LiveSound::pump() { s_->pump(); }

AudioOutput& LiveSound::output() const { return s_->output; }
const TimeSource& LiveSound::time() const { return s_->time; }

void LiveSound::streamLoop() {
  // Often enough to refill before the queue runs dry, and to follow the picture closely.
  const auto period = std::chrono::duration<double>(0.25 * s_->options.bufferFrames / kRate);
  std::unique_lock lock(s_->mutex);
  while (!s_->stop) {
    lock.unlock();
    s_->pump();
    lock.lock();
    s_->wake.wait_for(lock, period, [this] { return s_->stop; });
  }
}

}  // namespace ps::media
