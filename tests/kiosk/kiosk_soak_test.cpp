// `perfectshot kiosk` on the simulated headset for 2,000 visits in one run: each visit the
// visitor takes the headset off (XR_EXT_user_presence's event; the session stays focused, so the
// attract loop is drawn too, as for a mirror), it stays off past the visit timeout (the attract
// loop comes back), and goes on again (the programme starts from the beginning). Time is
// injected, not slept: the simulator runs in lockstep (each frame one period of display time on,
// at once) at 30 Hz, every video frame decoded and drawn (--decode-wait), and the config's timeout
// is a tenth of a second, so a visit is 9 frames. The process's resident memory, open files and
// threads are sampled every 50 visits (--memory-log); after a warm-up of 500 visits memory must
// grow less than 1 %, files and threads not at all. The figures are printed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "image.h"
#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const fs::path kPlate = fs::path(PS_TEST_MEDIA_DIR) / "kiosk" / "plate.mp4";

constexpr int kVisits = 2000;
constexpr int kOnFrames = 3;   // the visitor watches this many frames
constexpr int kOffFrames = 6;  // then the headset is off: past the 0.1 s timeout (3 frames at 30 Hz)
constexpr int kSampleEvery = 50;
constexpr int kWarmUpVisits = 500;

fs::path testDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path d = fs::path(PS_BINARY_DIR) / "test-out" / "kiosk" / info->name();
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// The first visitor is there when the session starts; each visit ends with the headset off:
// `off`/`on` are the script's events (user_absent/user_present: the sensor alone;
// headset_off/headset_on: the session's visibility too).
std::string visitScript(int visits, const char* off = "user_absent", const char* on = "user_present") {
  std::ostringstream s;
  s << R"({"display": {"width": 64, "height": 64, "refresh_hz": 30, "lockstep": true}, "events": [)";
  int frame = 0;
  for (int i = 0; i < visits; ++i) {
    frame += kOnFrames;
    s << (i > 0 ? "," : "") << R"({"frame": )" << frame << R"(, "type": ")" << off << R"("})";
    frame += kOffFrames;
    s << R"(,{"frame": )" << frame << R"(, "type": ")" << on << R"("})";
  }
  s << "]}";
  return s.str();
}

struct Sample {
  std::uint64_t visits = 0, rssKiB = 0, fds = 0, threads = 0;
};

std::vector<Sample> readCurve(const fs::path& file) {
  std::ifstream in(file);
  std::string header;
  std::getline(in, header);
  std::vector<Sample> out;
  Sample s;
  while (in >> s.visits >> s.rssKiB >> s.fds >> s.threads) out.push_back(s);
  return out;
}

ProcessResult runKiosk(const fs::path& dir, int visits, const std::string& extraEnv = "",
                       const std::string& script = "", const std::string& config = "") {
  std::ofstream(dir / "script.json") << (script.empty() ? visitScript(visits) : script);
  std::ofstream(dir / "kiosk.json") << (config.empty() ? R"({"visit_timeout_s": 0.1, "fade_s": 0.05, "buttons": ["trigger"]})"
                                                       : config);
  const std::string cmd = extraEnv + " PERFECTSHOT_SIM_SCRIPT=" + (dir / "script.json").string() + " " + kPerfectshot +
                          " --log-level info kiosk " + kPlate.string() + " --display xr --mirror none --no-audio --decode-wait 2000" +
                          " --config " + (dir / "kiosk.json").string() + " --visits " + std::to_string(visits) +
                          " --memory-log " + (dir / "memory.txt").string() + " --memory-every " +
                          std::to_string(kSampleEvery) + " 2>&1";
  return runShell(cmd);
}

TEST(KioskSoak, TwoThousandVisitsLeaveMemoryFilesAndThreadsFlat) {
  const fs::path dir = testDir();
  // ASan's quarantine holds freed memory back up to its size: a small one ends the warm-up
  // early instead of passing for growth.
  const ProcessResult r = runKiosk(dir, kVisits, "ASAN_OPTIONS=${ASAN_OPTIONS:-}:quarantine_size_mb=8");
  ASSERT_EQ(r.exitCode, 0) << r.output.substr(r.output.size() > 4000 ? r.output.size() - 4000 : 0);
  EXPECT_NE(r.output.find("kiosk: presence from user_presence"), std::string::npos) << r.output.substr(0, 4000);
  const std::string summary = "kiosk: " + std::to_string(kVisits) + " visits (" + std::to_string(kVisits) +
                              " ended), programme started " + std::to_string(kVisits) + " times, of which 0 not";
  EXPECT_NE(r.output.find(summary), std::string::npos) << r.output.substr(r.output.size() > 2000 ? r.output.size() - 2000 : 0);

  const std::size_t at = r.output.find("kiosk: " + std::to_string(kVisits) + " visits");
  if (at != std::string::npos) std::cout << r.output.substr(at, r.output.find('\n', at) - at) << "\n";
  const std::vector<Sample> curve = readCurve(dir / "memory.txt");
  ASSERT_EQ(curve.size(), static_cast<std::size_t>(kVisits / kSampleEvery + 1));
  const auto warm = std::find_if(curve.begin(), curve.end(), [](const Sample& s) { return s.visits >= kWarmUpVisits; });
  ASSERT_NE(warm, curve.end());
  const Sample& last = curve.back();
  std::uint64_t peak = 0;
  for (auto it = warm; it != curve.end(); ++it) peak = std::max(peak, it->rssKiB);
  const double growth = 100.0 * (static_cast<double>(last.rssKiB) - static_cast<double>(warm->rssKiB)) /
                        static_cast<double>(warm->rssKiB);
  std::cout << "kiosk soak: " << kVisits << " visits; at start RSS " << curve.front().rssKiB << " KiB, fds "
            << curve.front().fds << ", threads " << curve.front().threads << "\n"
            << "  after warm-up (" << warm->visits << " visits): RSS " << warm->rssKiB << " KiB, fds " << warm->fds
            << ", threads " << warm->threads << "\n"
            << "  at the end (" << last.visits << " visits): RSS " << last.rssKiB << " KiB (peak after warm-up "
            << peak << " KiB), fds " << last.fds << ", threads " << last.threads << "\n"
            << "  RSS growth after warm-up: " << growth << " %\n";
  EXPECT_LT(growth, 1.0);
  EXPECT_EQ(last.fds, warm->fds);
  EXPECT_EQ(last.threads, warm->threads);
}

TEST(KioskSoak, WithoutUserPresenceVisibilityTellsAndTheCycleStillRuns) {
  const fs::path dir = testDir();
  const ProcessResult r = runKiosk(dir, 5, "PERFECTSHOT_SIM_HIDE_EXTENSIONS=XR_EXT_user_presence",
                                   visitScript(5, "headset_off", "headset_on"));
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("kiosk: presence from visibility"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("kiosk: 5 visits (5 ended), programme started 5 times, of which 0 not"), std::string::npos)
      << r.output;
}

// A config that does not parse, or an attract segment outside the shot, stops the kiosk before
// any display opens, with the file and the field named.
TEST(KioskSoak, ABadConfigIsRefusedNamingTheField) {
  const fs::path dir = testDir();
  std::ofstream(dir / "kiosk.json") << R"({"visit_timeout_s": -1})";
  ProcessResult r = runShell(kPerfectshot + " kiosk " + kPlate.string() + " --display offscreen --config " +
                             (dir / "kiosk.json").string() + " 2>&1");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find((dir / "kiosk.json").string() + "#/visit_timeout_s: must be a number of seconds > 0"),
            std::string::npos)
      << r.output;
  std::ofstream(dir / "late.json") << R"({"attract": {"in": 30}})";
  r = runShell(kPerfectshot + " kiosk " + kPlate.string() + " --display offscreen --config " +
               (dir / "late.json").string() + " 2>&1");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("late.json#/attract/in: lies outside the shot"), std::string::npos) << r.output;
}

double meanLevel(const fs::path& png) {
  const Image image = loadImage(png.string(), 3);
  double sum = 0;
  for (std::uint8_t v : image.pixels) sum += v;
  return image.pixels.empty() ? 0 : sum / static_cast<double>(image.pixels.size());
}

// A new visitor's programme fades in from black: black at the cut, half way after half the fade,
// clear after it (the sim's capture of the left eye; the test plate is bright everywhere). Black
// is blended in linear light, so half the opacity leaves about three quarters of the sRGB level.
TEST(KioskSoak, ANewVisitFadesInFromBlack) {
  const fs::path dir = testDir();
  // Visit 1 from frame 0; off at 30, attract after the 0.1 s timeout; on at 45 (the event comes
  // with xrWaitFrame 45, the loop polls it before frame 46): visit 2 starts at frame 46 with a
  // fade of 0.2 s (18 frames); off at 90 ends it.
  const std::string script =
      R"({"display": {"width": 64, "height": 64, "refresh_hz": 90, "lockstep": true},
          "capture": {"dir": ")" + (dir / "capture").string() + R"(", "frames": [46, 55, 75]},
          "events": [{"frame": 30, "type": "headset_off"}, {"frame": 45, "type": "headset_on"},
                     {"frame": 90, "type": "headset_off"}]})";
  const ProcessResult r = runKiosk(dir, 2, "", script, R"({"visit_timeout_s": 0.1, "fade_s": 0.2})");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const double cut = meanLevel(dir / "capture" / "frame_46_left.png");
  const double half = meanLevel(dir / "capture" / "frame_55_left.png");
  const double clear = meanLevel(dir / "capture" / "frame_75_left.png");
  std::cout << "kiosk fade: mean level at the cut " << cut << ", half way " << half
            << ", after " << clear << "\n";
  EXPECT_GT(clear, 60.0);
  EXPECT_LT(cut, 0.1 * clear);
  EXPECT_GT(half, 0.25 * clear);
  EXPECT_LT(half, 0.85 * clear);
}

}  // namespace
}  // namespace ps::test
