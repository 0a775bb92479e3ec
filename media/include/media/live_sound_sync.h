#pragma once
// How the live sound is kept on the picture. The picture is shown as soon as it decodes, so the
// sound follows it, never the reverse: its offset (what is heard minus the picture's time, both
// on the feed's time) is smoothed, and
// - within a dead band nothing changes (the measurement's own jitter is not corrected);
// - beyond it the sound plays a little faster or slower (the source's pitch, at most a few
//   percent, in proportion to the offset), which is not heard as a jump: the two clocks (the
//   sender's and the sound card's) drift apart by far less than that;
// - far off (a reconnect, a stall, a sound card that stalled) it starts again in step.
// Pure: fed the offsets measured and when, so it is tested with made-up ones.
#include <optional>

namespace ps::media {

struct LiveSoundSyncOptions {
  double smoothingSeconds = 0.25;  // the offset's time constant
  double deadBandSeconds = 0.010;
  double gainSeconds = 0.5;        // an offset of this much beyond the dead band: 100 % faster
  double mostPitchChange = 0.02;
  double resyncBeyondSeconds = 0.100;  // smoothed; twice this at once resyncs too
};

class LiveSoundSync {
 public:
  explicit LiveSoundSync(LiveSoundSyncOptions options = {}) : options_(options) {}

  // An offset measured at `at` (seconds of any one clock): heard minus wanted, > 0 when the
  // sound is early. The pitch to play at from now (1: as it is); none: start again in step,
  // after which reset(). The first offset after reset() is taken as it is.
  std::optional<double> update(double offsetSeconds, double at);
  void reset() { smoothed_ = false; }

  bool measured() const { return smoothed_; }
  double smoothedOffset() const { return offset_; }

 private:
  LiveSoundSyncOptions options_;
  bool smoothed_ = false;
  double offset_ = 0;
  double at_ = 0;
};

}  // namespace ps::media
