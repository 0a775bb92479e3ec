// The player under a stand-in for systemd (service_supervisor.h): ready at its first frame,
// pinging the watchdog while frames flow, restarted when its render loop hangs or it is
// killed, and playing again within seconds.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "process.h"
#include "service_supervisor.h"
#include "temp_dir.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Kind = ServiceEvent::Kind;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
// Long enough that a loaded test machine (the whole suite in parallel) does not stall a frame
// that long; the frozen loop stops for good.
constexpr auto kWatchdog = 5000ms;
// From a kill to the next READY=1 (the first frame shown): "within seconds". Generous for a
// sanitized Debug build on a software renderer; a release build on a GPU takes well under one.
constexpr auto kBackWithin = 20s;

// A plain clip long enough to play for the whole test: offscreen plays every frame once, as
// fast as it can (about 1 ms a frame this small in a sanitized build), so its 72,000 frames
// last over a minute there and well over the test's 20 s in any build.
fs::path makeClip(const fs::path& dir) {
  const fs::path clip = dir / "clip.mp4";
  const auto r = run({"ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=gray:s=64x32:r=30:d=2400", "-c:v",
                      "libx264", "-preset", "ultrafast", "-g", "30", "-pix_fmt", "yuv420p", clip.string()});
  if (r.exitCode != 0) throw std::runtime_error("ffmpeg: " + r.output);
  return clip;
}

// What the service runs. When the kiosk command exists, it is what an installation runs (and
// READY then means "in attract"): change this one place.
std::vector<std::string> playerCommand(const fs::path& dir) {
  return {kPerfectshot, "--log-level", "info", "--log-file", (dir / "player.log").string(), "play",
          makeClip(dir).string(), "--display", "offscreen", "--width", "64", "--height", "32",
          "--stills-every", "86400", "--out", (dir / "stills").string()};
}

std::size_t count(const std::vector<ServiceEvent>& events, Kind kind, pid_t pid) {
  return static_cast<std::size_t>(
      std::count_if(events.begin(), events.end(), [&](const ServiceEvent& e) { return e.kind == kind && e.pid == pid; }));
}

TEST(ServiceWatchdog, AFrozenRenderLoopStopsThePingsAndIsRestarted) {
  TempDir dir("service");
  SupervisorOptions options;
  options.argv = playerCommand(dir.path());
  options.watchdog = kWatchdog;
  options.env = {"PERFECTSHOT_TEST_FREEZE_AFTER_FRAMES=40"};
  ServiceSupervisor systemd(dir.path(), options);
  systemd.start();
  const pid_t first = systemd.pid();
  ASSERT_TRUE(systemd.runUntil([](const ServiceEvent& e) { return e.kind == Kind::Ready; }, 90s)) << systemd.describe();
  // The loop hangs after 40 frames: the pings stop, the watchdog fires, the player is killed.
  ASSERT_TRUE(systemd.runUntil([](const ServiceEvent& e) { return e.kind == Kind::WatchdogTimeout; }, 60s))
      << systemd.describe();
  EXPECT_EQ(count(systemd.events(), Kind::Exited, first), 0u) << "it hung, it did not exit\n" << systemd.describe();
  // Restarted, and showing frames again.
  ASSERT_TRUE(systemd.runUntil([&](const ServiceEvent& e) { return e.kind == Kind::Ready && e.pid != first; }, 90s))
      << systemd.describe();
  EXPECT_EQ(count(systemd.events(), Kind::Exited, first), 1u) << systemd.describe();
  EXPECT_GE(systemd.runs(), 2);
  // The log says why the loop stopped (the test hook), so a hang is never silent.
  EXPECT_NE(runShell("grep -c 'render loop hangs now' " + (dir.path() / "player.log").string()).output, "0\n");
}

TEST(ServiceWatchdog, KillNineDuringPlaybackComesBackWithinSeconds) {
  TempDir dir("service");
  SupervisorOptions options;
  options.argv = playerCommand(dir.path());
  options.watchdog = kWatchdog;
  ServiceSupervisor systemd(dir.path(), options);
  systemd.start();
  const pid_t first = systemd.pid();
  ASSERT_TRUE(systemd.runUntil([](const ServiceEvent& e) { return e.kind == Kind::Ready; }, 90s)) << systemd.describe();
  // Playing: it keeps pinging for twice the watchdog interval, and the watchdog never fires.
  EXPECT_FALSE(systemd.runUntil([](const ServiceEvent& e) { return e.kind != Kind::Watchdog && e.kind != Kind::Status; },
                                2 * kWatchdog))
      << systemd.describe();
  EXPECT_GE(count(systemd.events(), Kind::Watchdog, first), 4u) << systemd.describe();
  ASSERT_EQ(systemd.pid(), first) << systemd.describe();

  ASSERT_EQ(::kill(first, SIGKILL), 0);
  const auto killed = std::chrono::steady_clock::now();
  ASSERT_TRUE(systemd.runUntil([&](const ServiceEvent& e) { return e.kind == Kind::Ready && e.pid != first; }, 90s))
      << systemd.describe();
  const auto back = std::chrono::duration<double>(systemd.events().back().at - killed);
  std::printf("kill -9 to the first frame shown again: %.2f s\n", back.count());
  EXPECT_LT(back, kBackWithin) << systemd.describe();
  const pid_t second = systemd.pid();
  // And it plays on: pings from the new process.
  ASSERT_TRUE(systemd.runUntil([&](const ServiceEvent& e) { return e.kind == Kind::Watchdog && e.pid == second; }, kWatchdog))
      << systemd.describe();
  bool sawKill = false;
  for (const ServiceEvent& e : systemd.events()) sawKill |= e.kind == Kind::Exited && e.pid == first && e.text == "signal 9";
  EXPECT_TRUE(sawKill) << systemd.describe();
}

}  // namespace
}  // namespace ps::test
