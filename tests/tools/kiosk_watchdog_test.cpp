// perfectshot kiosk under a stand-in for systemd (service_supervisor.h) on the simulated
// headset: the watchdog pinged while the loop runs, also while the runtime runs no frames (a
// headset lying idle), and a kill -9 back in the attract loop (where the kiosk always starts)
// within seconds.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "process.h"
#include "service_supervisor.h"
#include "temp_dir.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Kind = ServiceEvent::Kind;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
constexpr auto kWatchdog = 3000ms;

// A kiosk over a 60 s gray clip on the simulated headset (30 Hz, paced by the clock), its
// script's events given; the visitor absent from the first frames on: the attract loop plays.
SupervisorOptions kioskService(const fs::path& dir, const std::string& events) {
  const fs::path clip = dir / "clip.mp4";
  const auto r = run({"ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=gray:s=64x32:r=30:d=60", "-c:v",
                      "libx264", "-preset", "ultrafast", "-g", "30", "-pix_fmt", "yuv420p", clip.string()});
  if (r.exitCode != 0) throw std::runtime_error("ffmpeg: " + r.output);
  std::ofstream(dir / "script.json") << R"({"display": {"width": 32, "height": 32, "refresh_hz": 30},
    "events": [{"frame": 1, "type": "user_absent"})" << events << "]}";
  SupervisorOptions o;
  o.argv = {kPerfectshot, "--log-level", "info", "--log-file", (dir / "player.log").string(), "kiosk",
            clip.string(), "--display", "xr", "--mirror", "none", "--no-audio"};
  o.env = {"XR_RUNTIME_JSON=" PS_XR_SIM_MANIFEST, "PERFECTSHOT_SIM_LOG_LEVEL=warn",
           "PERFECTSHOT_SIM_SCRIPT=" + (dir / "script.json").string()};
  o.watchdog = kWatchdog;
  return o;
}

std::size_t count(const std::vector<ServiceEvent>& events, Kind kind, pid_t pid) {
  return static_cast<std::size_t>(
      std::count_if(events.begin(), events.end(), [&](const ServiceEvent& e) { return e.kind == kind && e.pid == pid; }));
}

// The runtime stops running frames for three watchdog intervals (its session gone, as a
// headset asleep on a table): the loop goes on polling it, so the pings go on and the watchdog
// never fires; then frames flow again.
TEST(KioskWatchdog, AHeadsetThatRunsNoFramesKeepsThePingsGoing) {
  TempDir dir("kiosk_service");
  ServiceSupervisor systemd(dir.path(), kioskService(dir.path(), R"(, {"frame": 30, "type": "runtime_lost", "outage_s": 9})"));
  systemd.start();
  const pid_t first = systemd.pid();
  ASSERT_TRUE(systemd.runUntil([](const ServiceEvent& e) { return e.kind == Kind::Ready; }, 90s)) << systemd.describe();
  EXPECT_FALSE(systemd.runUntil([](const ServiceEvent& e) { return e.kind != Kind::Watchdog && e.kind != Kind::Status; },
                                4 * kWatchdog))
      << systemd.describe();
  EXPECT_EQ(systemd.pid(), first) << systemd.describe();
  EXPECT_GE(count(systemd.events(), Kind::Watchdog, first), 8u) << systemd.describe();
  // The outage did happen, and the kiosk came back from it.
  const std::string log = runShell("cat " + (dir.path() / "player.log").string()).output;
  EXPECT_NE(log.find("lost"), std::string::npos) << log;
}

// kill -9 in the attract loop: back in it (READY is the first frame, which the kiosk always
// shows in attract) within seconds, and pinging.
TEST(KioskWatchdog, KillNineComesBackIntoAttract) {
  TempDir dir("kiosk_service");
  ServiceSupervisor systemd(dir.path(), kioskService(dir.path(), ""));
  systemd.start();
  const pid_t first = systemd.pid();
  ASSERT_TRUE(systemd.runUntil([](const ServiceEvent& e) { return e.kind == Kind::Ready; }, 90s)) << systemd.describe();
  ASSERT_EQ(::kill(first, SIGKILL), 0);
  const auto killed = std::chrono::steady_clock::now();
  ASSERT_TRUE(systemd.runUntil([&](const ServiceEvent& e) { return e.kind == Kind::Ready && e.pid != first; }, 90s))
      << systemd.describe();
  const auto back = std::chrono::duration<double>(systemd.events().back().at - killed);
  std::printf("kiosk: kill -9 to the attract loop's first frame again: %.2f s\n", back.count());
  EXPECT_LT(back, 20s) << systemd.describe();
  const pid_t second = systemd.pid();
  ASSERT_TRUE(systemd.runUntil([&](const ServiceEvent& e) { return e.kind == Kind::Watchdog && e.pid == second; }, kWatchdog))
      << systemd.describe();
}

}  // namespace
}  // namespace ps::test
