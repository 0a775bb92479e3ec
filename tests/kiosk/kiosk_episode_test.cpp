// `perfectshot kiosk episode.json` on the simulated headset: an episode of two 1 s shots with a
// title card between them is the visitor's programme. The shots' plates carry their frame number
// in the whole picture (shot 1: red = 40 + 4n, shot 2: blue = 40 + 4n), so each captured eye
// image says which shot and frame the headset showed. The attract loop is the second half of shot
// 1 (frames 15..29).
// Time is injected: the simulator runs in lockstep at 90 Hz, every video frame waited for.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "image.h"
#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";

fs::path testDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path d = fs::path(PS_BINARY_DIR) / "test-out" / "kiosk_episode" / info->name();
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// shot<n>/ in dir: a 1 s plate at 30 fps whose colour counts its frames.
void makeShot(const fs::path& dir, int n) {
  const fs::path shot = dir / ("shot" + std::to_string(n));
  fs::create_directories(shot);
  const std::string colour = n == 1 ? "r='40+4*N':g='16':b='16'" : "r='16':g='16':b='40+4*N'";
  const ProcessResult r = runShell("ffmpeg -v error -y -f lavfi -i color=c=black:s=256x128:r=30:d=1 -vf \"format=rgb24,geq=" +
                                   colour + "\" -c:v libx264 -g 30 -pix_fmt yuv420p " + (shot / "plate.mp4").string() +
                                   " 2>&1");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  std::ofstream(shot / "shot.json") << R"({ "format": "perfectshot/1", "title": "Shot )" << n << R"(",
  "media": [ { "id": "plate", "kind": "equirect", "src": "plate.mp4", "projection": "360", "stereo": "mono" } ],
  "timeline": { "fps": "30", "in": 0.0, "out": 1.0 } })" << "\n";
}

void writeEpisode(const fs::path& file, const std::string& items) {
  std::ofstream(file) << R"({ "format": "perfectshot-playlist/1", "title": "Kiosk episode", "items": [ )" << items
                      << " ] }\n";
}

const char* const kItems =
    R"({ "shot": "shot1" }, { "title_card": { "title": "Between", "text": "A card between two shots.", "seconds": 1 } },
       { "shot": "shot2" })";

struct Seen {
  enum Kind { Missing, Dark, Card, Shot1, Shot2 } kind = Missing;
  int frame = -1;  // the shot's frame number (its colour)
  int level = 0;   // the shot's channel at the centre
};

Seen seenAt(const fs::path& capture, int simFrame) {
  const fs::path png = capture / ("frame_" + std::to_string(simFrame) + "_left.png");
  if (!fs::exists(png)) return {};
  const Image img = loadImage(png.string());
  const int cx = img.width / 2, cy = img.height / 2;
  const int r = img.at(cx, cy, 0), b = img.at(cx, cy, 2);
  if (r > 30 && b < 30) return {Seen::Shot1, static_cast<int>(std::lround((r - 40) / 4.0)), r};
  if (b > 30 && r < 30) return {Seen::Shot2, static_cast<int>(std::lround((b - 40) / 4.0)), b};
  for (std::uint8_t v : img.pixels)
    if (v > 120) return {Seen::Card, -1, 0};
  return {Seen::Dark, -1, 0};
}

std::string describe(const std::vector<Seen>& seen, int from, int to) {
  static const char* names[] = {"missing", "dark", "card", "shot1", "shot2"};
  std::string s;
  for (int i = from; i < to && i < static_cast<int>(seen.size()); ++i)
    s += std::to_string(i) + ":" + names[seen[i].kind] + (seen[i].frame >= 0 ? "#" + std::to_string(seen[i].frame) : "") + " ";
  return s;
}

// The kinds in order, dark and missing frames left out, each run once.
std::vector<Seen::Kind> order(const std::vector<Seen>& seen, int from, int to) {
  std::vector<Seen::Kind> kinds;
  for (int i = from; i < to; ++i) {
    const Seen::Kind k = seen[i].kind;
    if (k == Seen::Dark || k == Seen::Missing) continue;
    if (kinds.empty() || kinds.back() != k) kinds.push_back(k);
  }
  return kinds;
}

// Visit 1 from the start: shot 1, the card, shot 2 from its beginning, faded in at each cut, then
// held at the end (at_end stop). The headset off at frame 330 past the 0.1 s timeout: attract.
// On again at 360: the next visitor starts at shot 1's frame 0, not where the last one left.
TEST(KioskEpisode, AVisitPlaysTheEpisodeFromItsFirstItemWithFadesAtTheCuts) {
  const fs::path dir = testDir();
  makeShot(dir, 1);
  makeShot(dir, 2);
  writeEpisode(dir / "episode.json", kItems);
  constexpr int kFrames = 420;
  std::string capture;
  for (int i = 0; i < kFrames; ++i) capture += (i ? "," : "") + std::to_string(i);
  std::ofstream(dir / "script.json") << R"({"display": {"width": 64, "height": 64, "refresh_hz": 90, "lockstep": true},
    "capture": {"dir": ")" << (dir / "capture").string() << R"(", "frames": [)" << capture << R"(]},
    "events": [{"frame": 330, "type": "user_absent"}, {"frame": 360, "type": "user_present"},
               {"frame": 400, "type": "user_absent"}]})";
  std::ofstream(dir / "kiosk.json") << R"({"visit_timeout_s": 0.1, "fade_s": 0.2, "attract": {"in": 0.5}})";
  const ProcessResult r = runShell("PERFECTSHOT_SIM_SCRIPT=" + (dir / "script.json").string() + " " + kPerfectshot +
                                   " --log-level info kiosk " + (dir / "episode.json").string() +
                                   " --display xr --mirror none --no-audio --decode-wait 2000 --config " +
                                   (dir / "kiosk.json").string() + " --visits 2 2>&1");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("[error]"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("kiosk: 2 visits (2 ended), programme started 2 times, of which 0 not"), std::string::npos)
      << r.output;

  std::vector<Seen> seen;
  for (int i = 0; i < kFrames; ++i) seen.push_back(seenAt(dir / "capture", i));
  // Visit 1: shot 1, the card, shot 2, in that order, nothing else.
  const std::vector<Seen::Kind> visit1 = order(seen, 0, 330);
  EXPECT_EQ(visit1, (std::vector<Seen::Kind>{Seen::Shot1, Seen::Card, Seen::Shot2})) << describe(seen, 0, 330);
  int firstShot1 = -1, firstShot2 = -1, lastShot2Frame = -1;
  for (int i = 0; i < 330; ++i) {
    if (seen[i].kind == Seen::Shot1 && firstShot1 < 0) firstShot1 = i;
    if (seen[i].kind == Seen::Shot2 && firstShot2 < 0) firstShot2 = i;
    if (seen[i].kind == Seen::Shot2) lastShot2Frame = std::max(lastShot2Frame, seen[i].frame);
  }
  ASSERT_GE(firstShot1, 0) << describe(seen, 0, 330);
  ASSERT_GE(firstShot2, 0) << describe(seen, 0, 330);
  // Each shot from its beginning (the fade from black hides its first frames), played through.
  EXPECT_LE(seen[firstShot1].frame, 6) << describe(seen, 0, 100);
  EXPECT_LE(seen[firstShot2].frame, 6) << describe(seen, firstShot2 - 20, firstShot2 + 40);
  EXPECT_GE(lastShot2Frame, 27) << describe(seen, firstShot2, 330);
  // The cut from the card to shot 2 fades in from black: its first frame shown is darker than
  // any of the plate's own (40 at its frame 0).
  EXPECT_LT(seen[firstShot2].level, 40) << describe(seen, firstShot2 - 5, firstShot2 + 30);
  const Seen& after = seen[firstShot2 + 24];  // past the fade (0.2 s: 18 display frames)
  ASSERT_EQ(after.kind, Seen::Shot2) << describe(seen, firstShot2, firstShot2 + 30);
  EXPECT_NEAR(after.level, 40 + 4 * after.frame, 8) << describe(seen, firstShot2, firstShot2 + 30);

  // Attract after the timeout (shot 1 again), then the next visitor faded in from black.
  EXPECT_EQ(seen[358].kind, Seen::Shot1) << describe(seen, 330, 420);
  EXPECT_EQ(seen[364].kind, Seen::Dark) << describe(seen, 330, 420);
  // The next visitor: shot 1 from its beginning again.
  int next = -1;
  for (int i = 362; i < 400; ++i)
    if (seen[i].kind == Seen::Shot1 && seen[i].frame < 10) {
      next = i;
      break;
    }
  EXPECT_GE(next, 0) << describe(seen, 330, 420);
}

// A broken shot in the episode refuses the kiosk before any display opens, every problem listed.
TEST(KioskEpisode, ABrokenShotIsRefusedAtLoad) {
  const fs::path dir = testDir();
  makeShot(dir, 1);
  writeEpisode(dir / "episode.json", R"({ "shot": "shot1" }, { "shot": "missing" })");
  const ProcessResult r =
      runShell(kPerfectshot + " kiosk " + (dir / "episode.json").string() + " --display offscreen 2>&1");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("missing"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("not playing it"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace ps::test
