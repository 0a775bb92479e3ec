// A/V sync through the real output path: av_sync.mkv has a white frame at the
// start of every second and a click in the audio starting at the same time.
// The soundtrack is mixed by OpenAL Soft's loopback device, rendered here
// faster than real time; the stepped clock is the rendered sample count, so
// the audio clock (what OpenAL says it has played) drives the picture exactly
// as a sound card would. For each flash: when the player showed it (display
// time) against when its click came out of the mix. Also after seeks and over
// ten minutes of play (drift).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <vector>

#include "media/audio_output.h"
#include "media/audio_player.h"
#include "media/player.h"
#include "test_media.h"

namespace ps::media::test {
namespace {

using namespace std::chrono_literals;
constexpr int kRate = 48000;        // Hz, of the clip and the mix
constexpr int kPassFrames = 533;    // sample frames per player-loop pass: a 90 Hz loop, out of step with the flashes
constexpr double kFrameSeconds = 1.0 / 30.0;

bool isFlash(const DecodedFrame& f) {
  const FrameView& v = f.view();
  long sum = 0;
  long n = 0;
  for (std::uint32_t y = 24; y < v.height; ++y) {  // below the stamp
    const std::byte* row = v.planes[0].data + y * v.planes[0].stride;
    for (std::uint32_t x = 0; x < v.width; ++x, ++n) sum += std::to_integer<int>(row[x]);
  }
  return n > 0 && sum / n > 128;
}

// The player loop, with the mix rendered between passes.
class Session {
 public:
  Session() : output_(openLoopback()) {
    Result<AudioSource> a = AudioSource::open(mediaFile("av_sync.mkv"));
    if (!a) throw std::runtime_error(a.error().message());
    auto ap = AudioPlayer::create(output_, std::move(a).value(), time_, {.streamingThread = false});
    if (!ap) throw std::runtime_error(ap.error().message());
    audio_ = ap->get();
    player_ = std::make_unique<Player>(openOrFail("av_sync.mkv"), std::move(ap).value());
  }

  Player& player() { return *player_; }

  // Runs the loop for `seconds` of mix time, recording flashes shown and clicks heard.
  void run(double seconds) {
    std::vector<float> mix(2 * kPassFrames);
    const auto passes = static_cast<long>(std::lround(seconds * kRate / kPassFrames));
    for (long i = 0; i < passes; ++i) {
      const PlayerFrame f = player_->update(time_.now(), 10s);
      ASSERT_FALSE(f.state.error) << f.state.error->message();
      if (f.frame != nullptr && f.frame->index != lastIndex_) {
        lastIndex_ = f.frame->index;
        if (isFlash(*f.frame)) flashes.push_back(time_.now());
      }
      audio_->pump();
      output_.render(mix);
      for (int s = 0; s < kPassFrames; ++s) {
        const float level = std::abs(mix[2 * static_cast<std::size_t>(s)]);
        if (level > 0.1f && quietFor_ > kRate / 10) clicks.push_back(static_cast<double>(rendered_ + s) / kRate);
        quietFor_ = level > 0.1f ? 0 : quietFor_ + 1;
      }
      rendered_ += kPassFrames;
      time_.set(static_cast<double>(rendered_) / kRate);
    }
  }

  // Display time of each flash minus the time its click was heard; clears both.
  std::vector<double> offsets() {
    std::vector<double> out;
    for (double flash : flashes) {
      double best = 1e9;
      for (double click : clicks) {
        if (std::abs(flash - click) < std::abs(best)) best = flash - click;
      }
      out.push_back(best);
    }
    EXPECT_EQ(flashes.size(), clicks.size()) << "every flash has its click";
    flashes.clear();
    clicks.clear();
    return out;
  }

  std::vector<double> flashes;  // TimeSource seconds when a flash frame was first shown
  std::vector<double> clicks;   // TimeSource seconds when a click's first sample was mixed

 private:
  static AudioOutput openLoopback() {
    Result<AudioOutput> o = AudioOutput::openLoopback(kRate);
    if (!o) throw std::runtime_error(o.error().message());
    return std::move(o).value();
  }

  SteppedTimeSource time_;
  AudioOutput output_;
  AudioPlayer* audio_ = nullptr;
  std::unique_ptr<Player> player_;
  long rendered_ = 0;  // sample frames mixed so far
  long quietFor_ = kRate;
  std::int64_t lastIndex_ = -1;
};

double worst(const std::vector<double>& v) {
  double w = 0;
  for (double x : v) w = std::max(w, std::abs(x));
  return w;
}

TEST(AvSync, FlashAndClickWithinOneFrame) {
  Session s;
  s.player().play();
  s.run(5.5);
  const std::vector<double> o = s.offsets();
  ASSERT_EQ(o.size(), 6u);  // 0 s .. 5 s
  for (double x : o) EXPECT_LT(std::abs(x), kFrameSeconds);
  RecordProperty("worst_offset_ms", std::to_string(worst(o) * 1000));
  std::printf("A/V offsets while playing: worst %.2f ms\n", worst(o) * 1000);
  EXPECT_EQ(s.player().update(100.0).state.clock, ClockMaster::Audio);
}

TEST(AvSync, StaysInSyncAfterSeeks) {
  Session s;
  s.player().play();
  s.run(1.5);
  static_cast<void>(s.offsets());
  double worstAfter = 0;
  for (double target : {7.4, 3.9, 120.25, 61.0}) {
    s.player().seek(target);
    s.run(2.3);
    const std::vector<double> o = s.offsets();
    ASSERT_GE(o.size(), 2u) << "after seeking to " << target;
    for (double x : o) EXPECT_LT(std::abs(x), kFrameSeconds) << "after seeking to " << target;
    worstAfter = std::max(worstAfter, worst(o));
  }
  std::printf("A/V offsets after seeks: worst %.2f ms\n", worstAfter * 1000);
}

TEST(AvSync, NoDriftOverTenMinutes) {
  Session s;
  s.player().play();
  s.run(599.5);
  const std::vector<double> o = s.offsets();
  ASSERT_EQ(o.size(), 600u);
  for (double x : o) ASSERT_LT(std::abs(x), kFrameSeconds);
  // Drift: the last minute against the first.
  double first = 0, last = 0;
  for (int i = 0; i < 60; ++i) {
    first += o[static_cast<std::size_t>(i)] / 60;
    last += o[o.size() - 60 + static_cast<std::size_t>(i)] / 60;
  }
  EXPECT_LT(std::abs(last - first), 0.005);
  std::printf("A/V over 10 min: worst %.2f ms, mean first minute %.2f ms, last minute %.2f ms\n",
              worst(o) * 1000, first * 1000, last * 1000);
}

}  // namespace
}  // namespace ps::media::test
