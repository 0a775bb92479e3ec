// The live timeline: a loopback sender's stamped feed kept on disk as it plays, scrubbed back
// frame-exact (a seek lands on the picture that was shown live at that time, a step on the one
// sent next to it), played on in the past, left for the live picture again (asked, or caught up
// with at twice the speed); the ring keeps only the span it was given.
#include <gtest/gtest.h>

#include <sys/socket.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>

#include "child_process.h"
#include "live_sender.h"
#include "media/frame_stamp.h"
#include "media/live_feed.h"
#include "media/live_ring_room.h"
#include "media/player.h"
#include "temp_dir.h"

namespace ps::media {
namespace {

using namespace std::chrono_literals;

constexpr double kFrame = 1.0 / 30;
constexpr auto kDecodeWait = 3000ms;

struct Shown {
  std::optional<int> stamp;
  PlayerState state;
};

Shown updateAndRead(Player& player, const TimeSource& clock) {
  const PlayerFrame f = player.update(clock.now(), kDecodeWait);
  Shown s{std::nullopt, f.state};
  if (f.frame != nullptr) s.stamp = readFrameStamp(f.frame->view());
  return s;
}

// Updates until a move into the past has landed (its recording opens on a thread of its own).
Shown landed(Player& player, const TimeSource& clock) {
  Shown s = updateAndRead(player, clock);
  for (int i = 0; i < 100 && s.state.seeking; ++i) {
    std::this_thread::sleep_for(10ms);
    s = updateAndRead(player, clock);
  }
  return s;
}

std::size_t segmentsIn(const std::filesystem::path& dir) {
  std::size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".nut") ++n;
  return n;
}

TEST(LiveTimeline, ScrubsBackFrameExactPlaysOnInThePastAndReturnsLive) {
  ps::test::TempDir dir("live_timeline");
  const std::string url = "udp://127.0.0.1:" + std::to_string(ps::test::freeLoopbackPort(SOCK_DGRAM));
  ps::test::ChildProcess sender(senderArgs(url + "?pkt_size=1316"), dir.path() / "sender.log");
  const Result<LiveInput> input = parseLiveInput(url);
  ASSERT_TRUE(input) << input.error().message();
  SteadyTimeSource clock;
  LiveOptions options;
  options.ring = LiveRingOptions{.dir = dir.path() / "ring", .keepSeconds = 4.0, .segmentSeconds = 1.0, .graceSeconds = 1.0};
  const auto openedBy = std::chrono::steady_clock::now() + 10s;
  Result<std::unique_ptr<LiveFeed>> feed =
      LiveFeed::open(input.value(), options, clock, [&] { return std::chrono::steady_clock::now() < openedBy; });
  ASSERT_TRUE(feed) << feed.error().message();
  Player player(std::move(feed).value());

  // Live for 3.5 s: each live picture's feed time and stamp.
  std::map<double, int> seen;
  const auto liveUntil = std::chrono::steady_clock::now() + 3500ms;
  while (std::chrono::steady_clock::now() < liveUntil) {
    const PlayerFrame f = player.update(clock.now());
    if (f.frame != nullptr) {
      if (const std::optional<int> stamp = readFrameStamp(f.frame->view())) seen[f.state.positionSeconds] = *stamp;
    }
    std::this_thread::sleep_for(15ms);
  }
  ASSERT_GE(seen.size(), 30u) << "about 100 pictures were sent";
  ASSERT_FALSE(player.rewound());

  // Seeks back onto pictures seen live, from about 2.5 s ago to 1.5 s ago, land on them.
  const double newest = seen.rbegin()->first;
  int checked = 0;
  for (const auto& [seconds, stamp] : seen) {
    if (seconds < newest - 2.5 || seconds > newest - 1.5) continue;
    player.seek(seconds + 0.25 * kFrame);
    const Shown s = landed(player, clock);
    ASSERT_TRUE(player.rewound());
    ASSERT_TRUE(s.stamp) << "no stamped picture at " << seconds << " s";
    EXPECT_EQ(*s.stamp, stamp) << "the picture kept at " << seconds << " s is not the one shown live then";
    EXPECT_NEAR(s.state.positionSeconds, seconds + 0.25 * kFrame, 1e-3);
    ++checked;
  }
  EXPECT_GE(checked, 5);

  // Steps: one back is the picture sent before, two on the one after.
  const int at = *landed(player, clock).stamp;
  player.step(-1);
  EXPECT_EQ(landed(player, clock).stamp, at - 1);
  player.step(2);
  EXPECT_EQ(landed(player, clock).stamp, at + 1);

  // Playing on in the past: the stamps go on from there, one picture a frame.
  player.play();
  int last = at + 1;
  bool inOrder = true;
  const auto playUntil = std::chrono::steady_clock::now() + 1000ms;
  while (std::chrono::steady_clock::now() < playUntil) {
    const Shown s = updateAndRead(player, clock);
    if (s.stamp) {
      inOrder = inOrder && *s.stamp >= last;
      last = *s.stamp;
    }
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_TRUE(inOrder);
  EXPECT_GE(last, at + 20) << "a second of the past played at about 30 pictures a second";
  EXPECT_TRUE(player.rewound());

  // Live again: the picture is newer than anything seen before.
  player.goLive();
  std::optional<int> liveStamp;
  ASSERT_TRUE(within(2s, [&] {
    liveStamp = updateAndRead(player, clock).stamp;
    return liveStamp && *liveStamp > seen.rbegin()->second;
  })) << "no newer live picture after going live";
  EXPECT_FALSE(player.rewound());

  // A step back from the live picture goes into the past again; a seek past the newest picture
  // is live.
  player.step(-3);
  const Shown back = landed(player, clock);
  EXPECT_TRUE(player.rewound());
  ASSERT_TRUE(back.stamp);
  player.seek(1e9);
  static_cast<void>(updateAndRead(player, clock));
  EXPECT_FALSE(player.rewound());

  // Played on at twice the speed, the past catches up with the live picture, which then plays.
  player.step(-3);
  ASSERT_TRUE(landed(player, clock).stamp);
  ASSERT_TRUE(player.rewound());
  player.setRate(2.0);
  player.play();
  EXPECT_TRUE(within(8s, [&] {
    static_cast<void>(updateAndRead(player, clock));
    return !player.rewound();
  })) << "the past played at twice the speed never caught up";
  EXPECT_TRUE(updateAndRead(player, clock).state.playing);

  // The ring keeps about 4 s: after a few more, older segments are gone, and a seek to the feed's
  // start lands on the oldest picture kept.
  std::this_thread::sleep_for(3s);
  static_cast<void>(updateAndRead(player, clock));
  EXPECT_LE(segmentsIn(dir.path() / "ring"), 7u) << "4 s kept, 1 s more before deletion, and the segment being written";
  player.seek(0.0);
  const Shown oldest = landed(player, clock);
  ASSERT_TRUE(oldest.stamp);
  EXPECT_GT(*oldest.stamp, seen.begin()->second + 30) << "the first seconds should have been dropped";
  EXPECT_GT(oldest.state.positionSeconds, 2.0);
}

TEST(LiveTimeline, TheRingRefusesAFolderHoldingFiles) {
  ps::test::TempDir dir("live_ring_folder");
  std::filesystem::create_directories(dir.path() / "ring");
  { std::ofstream(dir.path() / "ring" / "take.mov") << "x"; }
  const std::string url = "udp://127.0.0.1:" + std::to_string(ps::test::freeLoopbackPort(SOCK_DGRAM));
  const Result<LiveInput> input = parseLiveInput(url);
  ASSERT_TRUE(input);
  SteadyTimeSource clock;
  LiveOptions options;
  options.ring = LiveRingOptions{.dir = dir.path() / "ring"};
  const Result<std::unique_ptr<LiveFeed>> feed = LiveFeed::open(input.value(), options, clock, [] { return false; });
  ASSERT_FALSE(feed);
  EXPECT_NE(feed.error().what.find("holds files already"), std::string::npos) << feed.error().message();
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "ring" / "take.mov"));
}

TEST(LiveTimeline, SaysWhenTheDiskHoldsLessThanTheSpanAskedFor) {
  // 10 s kept in 50 MB: 5 MB/s. Five minutes need 1.5 GB.
  EXPECT_FALSE(secondsTheDiskHolds(50'000'000, 10.0, 300.0, 2'000'000'000));
  const std::optional<double> holds = secondsTheDiskHolds(50'000'000, 10.0, 300.0, 450'000'000);
  ASSERT_TRUE(holds);
  EXPECT_NEAR(*holds, 100.0, 1e-9) << "50 MB kept and 450 MB free hold 100 s at 5 MB/s";
  EXPECT_FALSE(secondsTheDiskHolds(0, 0.0, 300.0, 0)) << "nothing is known before anything is kept";
}

}  // namespace
}  // namespace ps::media
