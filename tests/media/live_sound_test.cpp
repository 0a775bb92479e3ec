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
#include <string>
#include <thread>
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

// Plays the feed for `seconds`, the sound card rendering cardRate x 48000 samples a second;
// matches the flashes seen after `settle` with the beeps heard. Then pauses for pauseFor seconds.
LipSync playAndMatch(double cardRate, double seconds, double settle, double pauseFor = 0, bool promptSound = true) {
  ps::test::TempDir dir("live_sound");
  const std::string url = "udp://127.0.0.1:" + std::to_string(ps::test::freeLoopbackPort(SOCK_DGRAM));
  ps::test::ChildProcess sender(flashAndBeepSender(url + "?pkt_size=1316", promptSound), dir.path() / "sender.log");
  const Result<LiveInput> input = parseLiveInput(url);
  EXPECT_TRUE(input) << input.error().message();
  SteadyTimeSource clock;
  LiveOptions options;
  options.sound = true;
  const auto openedBy = std::chrono::steady_clock::now() + 10s;
  Result<std::unique_ptr<LiveFeed>> feed =
      LiveFeed::open(input.value(), options, clock, [&] { return std::chrono::steady_clock::now() < openedBy; });
  EXPECT_TRUE(feed) << feed.error().message();
  if (!feed) return {};
  EXPECT_FALSE((*feed)->status().sound.empty()) << "the sender's sound was not found";
  Result<AudioOutput> output = AudioOutput::openLoopback(kLiveSoundRate);
  EXPECT_TRUE(output) << output.error().message();
  if (!output) return {};
  LiveSoundOptions soundOptions;
  soundOptions.streamingThread = false;
  Result<std::unique_ptr<LiveSound>> sound = LiveSound::create(*output, **feed, clock, soundOptions);
  EXPECT_TRUE(sound) << sound.error().message();
  if (!sound) return {};
  LiveSound* live = sound->get();
  Player player(std::move(feed).value(), std::move(sound).value());

  const double start = clock.now();
  std::vector<double> flashes, beeps;
  std::int64_t rendered = 0;
  std::int64_t quietSince = 0;
  std::vector<float> mix;
  bool white = false;
  std::int64_t lastIndex = -1;
  while (clock.now() - start < seconds) {
    const double now = clock.now();
    // The card renders up to now; each sample's time is where it falls on that schedule.
    const auto due = static_cast<std::int64_t>((now - start) * kLiveSoundRate * cardRate);
    if (due > rendered) {
      mix.assign(static_cast<std::size_t>(due - rendered) * 2, 0.0f);
      output->render(mix);
      for (std::size_t i = 0; i < mix.size() / 2; ++i) {
        const std::int64_t frame = rendered + static_cast<std::int64_t>(i);
        if (std::abs(mix[2 * i]) > 0.05f) {
          if (frame - quietSince > kLiveSoundRate / 4) beeps.push_back(start + static_cast<double>(frame) / (kLiveSoundRate * cardRate));
          quietSince = frame;
        }
      }
      rendered = due;
    }
    live->pump();
    const PlayerFrame f = player.update(now);
    if (f.frame != nullptr && f.frame->index != lastIndex) {
      lastIndex = f.frame->index;
      const bool w = isWhite(f.frame->view());
      if (w && !white) flashes.push_back(now);
      white = w;
    }
    std::this_thread::sleep_for(3ms);
  }
  LipSync out;
  out.sound = live->status();
  if (pauseFor > 0) {
    player.pause();
    const double pausedAt = clock.now();
    out.loudestPaused = 0.0f;
    while (clock.now() - pausedAt < pauseFor) {
      live->pump();
      static_cast<void>(player.update(clock.now()));
      live->pump();
      mix.assign(2 * 240, 0.0f);
      output->render(mix);
      for (float v : mix) out.loudestPaused = std::max(out.loudestPaused, std::abs(v));
      std::this_thread::sleep_for(5ms);
    }
  }
  for (double flash : flashes) {
    // Its beep is heard after it: the last may have none yet.
    if (flash - start < settle || clock.now() - flash < 0.5) continue;
    double nearest = 1e9;
    for (double beep : beeps)
      if (std::abs(beep - flash) < std::abs(nearest)) nearest = beep - flash;
    out.offsets.push_back(nearest);
  }
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

}  // namespace
}  // namespace ps::media
