#pragma once
// The master clock: which shot time is being presented at a given moment.
// While the soundtrack plays, the audio output is the master (the shot time
// the listener hears now, derived from what the device has played); otherwise,
// and whenever audio is absent, paused, muted or starved, a monotonic clock
// (a TimeSource) extrapolates from the last anchor. Switching between the two
// is continuous: every audio reading re-anchors the monotonic clock.
// The sound reaches the listener a device latency after it starts: until the
// first sample from where the clock started (or jumped) is heard, the clock
// holds there rather than presenting shot time before it (a picture before
// the shot's first frame would be black).
// One thread (the player loop).
#include <optional>

namespace ps::media {

// What the audio output has played: the shot time heard at a moment.
struct AudioClockReading {
  double shotSeconds = 0.0;  // shot seconds reaching the listener...
  double atSeconds = 0.0;    // ...at this time, on the player's TimeSource timeline (seconds)
};

// Something that can say what it has played (AudioPlayer). Player loop thread.
class AudioClock {
 public:
  virtual ~AudioClock() = default;
  // Empty while audio is not actually sounding (paused, priming, muted,
  // ended, no device): the master clock then runs on the monotonic clock.
  virtual std::optional<AudioClockReading> reading() const = 0;
};

enum class ClockMaster { Monotonic, Audio };

class MasterClock {
 public:
  // audio may be null (no soundtrack); it must outlive the clock otherwise.
  explicit MasterClock(const AudioClock* audio = nullptr) : audio_(audio) {}

  // Shot seconds presented at time `at` (TimeSource seconds; a display time
  // may lie a little ahead of now). Not const: re-anchors on the audio.
  double position(double at);
  // Which clock the last position() came from.
  ClockMaster master() const { return master_; }

  bool running() const { return running_; }
  double rate() const { return rate_; }  // shot seconds per TimeSource second

  // Each takes effect at `at` (TimeSource seconds) and keeps position continuous.
  void start(double at);
  void stop(double at);
  void setRate(double rate, double at);
  // Presents shotSeconds at `at`, running or not as before.
  void jump(double shotSeconds, double at);

 private:
  double monotonic(double at) const { return running_ ? anchorShot_ + (at - anchorAt_) * rate_ : anchorShot_; }

  const AudioClock* audio_;
  double anchorShot_ = 0.0;  // shot seconds presented at anchorAt_
  double anchorAt_ = 0.0;    // TimeSource seconds
  double rate_ = 1.0;
  // Where the clock last started or jumped: the audio's reading
  // is not followed back past it.
  double heldFrom_ = 0.0;
  bool running_ = false;
  ClockMaster master_ = ClockMaster::Monotonic;
};

}  // namespace ps::media
