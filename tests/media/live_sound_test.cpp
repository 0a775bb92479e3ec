// The live feed's sound kept on its picture: a loopback sender flashes the picture white and
// beeps at each whole second (both on its own timestamps); the receiver shows the pictures as
// they come and plays the sound on OpenAL Soft's loopback device, rendered in step with real
// time. Each flash seen is matched with the beep heard: lip sync. A sound card that runs 1 %
// fast (more samples rendered per second than the sender makes) drifts 10 ms a second off the
// picture unless the sound is kept on it.
#include <gtest/gtest.h>

#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "child_process.h"
#include "live_sender.h"
#include "media/audio_output.h"
#include "media/live_feed.h"
#include "media/live_sound.h"
#include "media/player.h"
#include "temp_dir.h"

namespace ps::media {
namespace {

using namespace std::chrono_literals;

// A black picture flashed white on the first frame of each second, and a 1 kHz beep on the first
// 50 ms of each second. promptSound: AAC packed into a packet each (-max_delay 20 ms), so it
// arrives with its picture; else as the MPEG-TS muxer does by default, a third of a second of it
// at a time, the oldest of it that late.
std::vector<std::string> flashAndBeepSender(const std::string& url, bool promptSound) {
  return {"ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re",
          "-f", "lavfi", "-i", "color=black:size=160x80:rate=30",
          "-re", "-f", "lavfi", "-i", "aevalsrc=0.5*sin(2*PI*1000*t)*lt(mod(t\\,1)\\,0.05):s=48000:c=stereo",
          "-vf", "drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='eq(mod(n\\,30)\\,0)'",
          "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-pix_fmt", "yuv420p",
          "-c:a", "aac", "-b:a", "96k", "-max_delay", promptSound ? "20000" : "700000", "-f", "mpegts", url};
}

bool isWhite(const FrameView& v) {
  const std::byte* row = v.planes[0].data + (v.height / 2) * v.planes[0].stride;
  return std::to_integer<int>(row[v.width / 2]) > 128;
}

std::string listed(const std::vector<double>& offsets) {
  std::string s;
  for (double o : offsets) s += std::to_string(static_cast<int>(std::lround(o * 1e3))) + " ms ";
  return s;
}

struct LipSync {
  std::vector<double> offsets;  // each beep heard minus its flash seen, seconds
  LiveSoundStatus sound;
  float loudestPaused = 1.0f;   // the loudest sample rendered while paused (pauseFor)
};

// A sender, the feed with its sound (and, asked, its ring), the loopback card and the player.
struct Rig {
  ps::test::TempDir dir{"live_sound"};
  std::unique_ptr<ps::test::ChildProcess> sender;
  SteadyTimeSource clock;
  std::optional<AudioOutput> output;
  LiveSound* sound = nullptr;
  std::unique_ptr<Player> player;
  double cardRate = 1.0;
  double start = 0;
  std::int64_t rendered = 0;
  std::int64_t quietSince = 0;
  bool white = false;
  std::optional<std::pair<std::int64_t, double>> lastPicture;  // index, seconds

  // Empty when it is ready; else what failed.
  std::string open(bool promptSound, bool keepFeed) {
    const std::string url = "udp://127.0.0.1:" + std::to_string(ps::test::freeLoopbackPort(SOCK_DGRAM));
    sender = std::make_unique<ps::test::ChildProcess>(flashAndBeepSender(url + "?pkt_size=1316", promptSound),
                                                      dir.path() / "sender.log");
    const Result<LiveInput> input = parseLiveInput(url);
    if (!input) return input.error().message();
    LiveOptions options;
    options.sound = true;
    if (keepFeed) options.ring = LiveRingOptions{.dir = dir.path() / "ring", .keepSeconds = 30, .segmentSeconds = 1, .graceSeconds = 10};
    const auto openedBy = std::chrono::steady_clock::now() + 10s;
    Result<std::unique_ptr<LiveFeed>> feed =
        LiveFeed::open(input.value(), options, clock, [&] { return std::chrono::steady_clock::now() < openedBy; });
    if (!feed) return feed.error().message();
    if ((*feed)->status().sound.empty()) return "the sender's sound was not found";
    Result<AudioOutput> opened = AudioOutput::openLoopback(kLiveSoundRate);
    if (!opened) return opened.error().message();
    output.emplace(std::move(opened).value());
    LiveSoundOptions soundOptions;
    soundOptions.streamingThread = false;
    Result<std::unique_ptr<LiveSound>> made = LiveSound::create(*output, **feed, clock, soundOptions);
    if (!made) return made.error().message();
    sound = made->get();
    player = std::make_unique<Player>(std::move(feed).value(), std::move(made).value());
    start = clock.now();
    return "";
  }

  // Runs the card, the sound and the player for `seconds`: the flashes seen and beeps heard.
  void run(double seconds, std::vector<double>& flashes, std::vector<double>& beeps) {
    std::vector<float> mix;
    const double until = clock.now() + seconds;
    while (clock.now() < until) {
      const double now = clock.now();
      // The card renders up to now; each sample's time is where it falls on that schedule.
      const auto due = static_cast<std::int64_t>((now - start) * kLiveSoundRate * cardRate);
      if (due > rendered) {
        mix.assign(static_cast<std::size_t>(due - rendered) * 2, 0.0f);
        output->render(mix);
        for (std::size_t i = 0; i < mix.size() / 2; ++i) {
          const std::int64_t frame = rendered + static_cast<std::int64_t>(i);
          if (std::abs(mix[2 * i]) > 0.05f) {
            if (frame - quietSince > kLiveSoundRate / 4)
              beeps.push_back(start + static_cast<double>(frame) / (kLiveSoundRate * cardRate));
            quietSince = frame;
          }
        }
        rendered = due;
      }
      sound->pump();
      const PlayerFrame f = player->update(now);
      if (f.frame != nullptr && lastPicture != std::pair(f.frame->index, f.frame->seconds)) {
        lastPicture = std::pair(f.frame->index, f.frame->seconds);
        const bool w = isWhite(f.frame->view());
        if (w && !white) flashes.push_back(now);
        white = w;
      }
      std::this_thread::sleep_for(3ms);
    }
  }

  // The loudest sample of `seconds` paused as a display that stops taking frames pauses
  // (Player::pause(at), no update for the first half), then with updates.
  float loudestPaused(double seconds) {
    player->pause(clock.now());
    std::vector<float> mix;
    float loudest = 0.0f;
    const double from = clock.now();
    while (clock.now() - from < seconds) {
      sound->pump();
      if (clock.now() - from > seconds / 2) static_cast<void>(player->update(clock.now()));
      mix.assign(2 * 240, 0.0f);
      output->render(mix);
      for (float v : mix) loudest = std::max(loudest, std::abs(v));
      std::this_thread::sleep_for(5ms);
    }
    return loudest;
  }
};

// Each flash seen from `from` on, and not in the last half second, matched with the nearest beep.
std::vector<double> matched(const std::vector<double>& flashes, const std::vector<double>& beeps, double from, double end) {
  std::vector<double> offsets;
  for (double flash : flashes) {
    // Its beep is heard after it: the last may have none yet.
    if (flash < from || end - flash < 0.5) continue;
    double nearest = 1e9;
    for (double beep : beeps)
      if (std::abs(beep - flash) < std::abs(nearest)) nearest = beep - flash;
    offsets.push_back(nearest);
  }
  return offsets;
}

// Plays the feed for `seconds`, the sound card rendering cardRate x 48000 samples a second;
// matches the flashes seen after `settle` with the beeps heard. Then pauses for pauseFor seconds.
LipSync playAndMatch(double cardRate, double seconds, double settle, double pauseFor = 0, bool promptSound = true) {
  Rig rig;
  rig.cardRate = cardRate;
  if (const std::string failed = rig.open(promptSound, false); !failed.empty()) {
    ADD_FAILURE() << failed;
    return {};
  }
  std::vector<double> flashes, beeps;
  rig.run(seconds, flashes, beeps);
  LipSync out;
  out.sound = rig.sound->status();
  out.offsets = matched(flashes, beeps, rig.start + settle, rig.clock.now());
  if (pauseFor > 0) out.loudestPaused = rig.loudestPaused(pauseFor);
  return out;
}

// Within 45 ms either way: the picture's own step (33 ms at 30 fps) and the loop's.
constexpr double kInStep = 0.045;

TEST(LiveSound, EachBeepIsHeardWithItsFlashAndNothingWhilePaused) {
  const LipSync s = playAndMatch(1.0, 6.0, 2.0, 1.2);
  ASSERT_GE(s.offsets.size(), 3u) << "a flash a second was sent";
  for (double o : s.offsets) EXPECT_LT(std::abs(o), kInStep) << "beep minus flash: " << listed(s.offsets);
  EXPECT_GE(s.sound.starts, 1u);
  EXPECT_LT(s.sound.lateSeconds, 0.020) << "the sound comes with its picture and is not played late";
  EXPECT_EQ(s.loudestPaused, 0.0f) << "paused for longer than a beep's period, the sound is silent";
}

TEST(LiveSound, ASoundCardThatRunsFastIsKeptOnThePicture) {
  // 1 % fast: 10 ms a second ahead of the picture, 60 ms by the end, were it not corrected.
  const LipSync s = playAndMatch(1.01, 8.0, 3.0);
  ASSERT_GE(s.offsets.size(), 3u) << "a flash a second was sent";
  for (double o : s.offsets) EXPECT_LT(std::abs(o), kInStep) << "beep minus flash: " << listed(s.offsets);
  EXPECT_LT(s.sound.pitch, 1.0) << "a fast card plays the sound slower to stay on the picture";
  // Left alone, the fast card runs dry and starts again in step, which keeps the beeps near
  // their flashes too, with a gap each time: the correction is what keeps it playing.
  EXPECT_EQ(s.sound.underruns, 0u);
  EXPECT_EQ(s.sound.starts, 1u);
}

TEST(LiveSound, SoundThatArrivesLateIsPlayedAsLateAsItComes) {
  const LipSync s = playAndMatch(1.0, 7.0, 3.0, 0, /*promptSound=*/false);
  ASSERT_GE(s.offsets.size(), 3u) << "a flash a second was sent";
  EXPECT_GT(s.sound.lateSeconds, 0.1) << "the muxer holds a third of a second of sound";
  EXPECT_LT(s.sound.lateSeconds, 0.6);
  for (double o : s.offsets)
    EXPECT_NEAR(o, s.sound.lateSeconds, kInStep) << "beep minus flash: " << listed(s.offsets) << "; played "
                                                 << s.sound.lateSeconds << " s late";
  EXPECT_EQ(s.sound.underruns, 0u) << "late enough for the bursts it comes in";
}

TEST(LiveSound, ThePastPlaysTheSoundKeptWithIt) {
  Rig rig;
  const std::string failed = rig.open(true, true);
  ASSERT_TRUE(failed.empty()) << failed;
  std::vector<double> flashes, beeps;
  rig.run(5.0, flashes, beeps);
  const std::optional<double> newest = rig.player->live()->status().newestSeconds;
  ASSERT_TRUE(newest);
  // Three seconds back, playing on: the past's pictures follow its own sound.
  rig.player->seek(*newest - 3.0);
  flashes.clear();
  beeps.clear();
  const double from = rig.clock.now();
  rig.run(3.0, flashes, beeps);
  ASSERT_TRUE(rig.player->rewound());
  const std::vector<double> offsets = matched(flashes, beeps, from + 0.5, rig.clock.now());
  ASSERT_GE(offsets.size(), 1u) << "a flash a second was sent";
  for (double o : offsets) EXPECT_LT(std::abs(o), kInStep) << "beep minus flash in the past: " << listed(offsets);
  // The live sound is silent meanwhile: no beeps but the past's.
  EXPECT_LE(beeps.size(), flashes.size() + 1) << "beeps " << beeps.size() << ", flashes " << flashes.size();
  EXPECT_FALSE(rig.sound->status().sounding);
  EXPECT_EQ(rig.loudestPaused(1.2), 0.0f) << "paused in the past, its sound stops too";
}

}  // namespace
}  // namespace ps::media
