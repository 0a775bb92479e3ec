#pragma once
// The soundtrack's gain while narration speaks: a linear ramp (in amplitude)
// toward the ducked level or back to unity, at a fixed rate, so a duck that
// starts while the last one is still recovering continues from where it is
// (no jump, hence no click). Pure arithmetic on a caller's clock; not thread-safe.
namespace ps::media {

struct DuckOptions {
  double depthDb = -12.0;      // level while ducked, relative to the mix (dB, < 0)
  double rampSeconds = 0.2;    // time for a full ramp between unity and depthDb
};

class DuckEnvelope {
 public:
  explicit DuckEnvelope(DuckOptions options = {});

  // The gain (linear, (0, 1]) at nowSeconds, moving toward ducked or unity
  // since the previous call. nowSeconds on one monotonic clock; the first call
  // only starts the clock.
  float advance(double nowSeconds, bool ducked);
  float gain() const { return gain_; }

 private:
  float duckedGain_;
  double ratePerSecond_;  // linear gain per second
  float gain_ = 1.0f;
  bool started_ = false;
  double last_ = 0;       // seconds of the previous advance
};

}  // namespace ps::media
