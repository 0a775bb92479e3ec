// `perfectshot kiosk episode.json` on the simulated headset: an episode of two 1 s shots with a
// title card between them is the visitor's programme. The shots' plates carry their frame number
// in the whole picture (shot 1: red = 40 + 4n and green = 200 - 4n, shot 2: blue = 40 + 4n), so
// each captured eye image says which shot and frame the headset showed; shot 1's red share of
// red and green says it through a fade from black too. The attract loop is shot 1 from 0.3 s
// (frames 9..29).
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
  const std::string colour = n == 1 ? "r='40+4*N':g='200-4*N':b='16'" : "r='16':g='16':b='40+4*N'";
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
  const int g = img.at(cx, cy, 1);
  // Shot 1's green shows first out of a fade's black (200 at its frame 0).
  if (b < 30 && (r > 30 || g > 40) && g > b + 20) return {Seen::Shot1, static_cast<int>(std::lround((240.0 * r / (r + g) - 40) / 4.0)), r};
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

// The kiosk on dir/episode.json on the simulated headset (the headset on from the start, then
// the script's presence events), every display frame's left eye captured up to `frames`; two
// visits, then it ends.
ProcessResult runKiosk(const fs::path& dir, const std::string& events, int frames) {
  std::string capture;
  for (int i = 0; i < frames; ++i) capture += (i ? "," : "") + std::to_string(i);
  std::ofstream(dir / "script.json") << R"({"display": {"width": 64, "height": 64, "refresh_hz": 90, "lockstep": true},
    "capture": {"dir": ")" << (dir / "capture").string() << R"(", "frames": [)" << capture << R"(]},
    "events": [)" << events << "]}";
  std::ofstream(dir / "kiosk.json") << R"({"visit_timeout_s": 0.1, "fade_s": 0.2, "attract": {"in": 0.3}})";
  return runShell("PERFECTSHOT_SIM_SCRIPT=" + (dir / "script.json").string() + " " + kPerfectshot +
                  " --log-level info kiosk " + (dir / "episode.json").string() +
                  " --display xr --mirror none --no-audio --decode-wait 2000 --config " + (dir / "kiosk.json").string() +
                  " --visits 2 2>&1");
}

// The attract loop in display frames [from, to) (no wrap inside): shot 1 from its segment's start
// (frame 9, 0.3 s) at the film's pace (90 Hz against 30 fps: a shot frame every 3 display
// frames), from the first frame out of the fade's black, never an earlier frame of the shot (as
// far as the colour tells: deep in the fade it does not).
void expectAttract(const std::vector<Seen>& seen, int from, int to) {
  int first = -1, firstAt = -1;
  for (int i = from; i < to; ++i) {
    const Seen& s = seen[i];
    if (first < 0 && (s.kind == Seen::Dark || (s.kind == Seen::Shot2 && s.frame >= 27))) continue;  // the visit's last
    ASSERT_EQ(s.kind, Seen::Shot1) << "display frame " << i << ": " << describe(seen, from - 5, to);
    if (s.level < 60) continue;  // too close to black for the red share to say the frame
    ASSERT_GE(s.frame, 8) << "display frame " << i << ": " << describe(seen, from - 5, to);
    if (first < 0) {
      first = s.frame;
      firstAt = i;
    } else {
      ASSERT_LE(s.frame - first, (i - firstAt) / 3 + 2) << "display frame " << i << ": " << describe(seen, from - 5, to);
    }
  }
  EXPECT_GE(first, 0) << describe(seen, from - 5, to);
}

// Visit 1 from the start: shot 1, the card, shot 2 from its beginning, faded in at each cut, then
// held at the end (at_end stop). The headset off at frame 330 past the 0.1 s timeout: attract,
// from the attract segment's start (shot 1's frame 9), never before it. On again at 390: the
// next visitor starts at shot 1's frame 0, not where the last one left.
TEST(KioskEpisode, AVisitPlaysTheEpisodeFromItsFirstItemWithFadesAtTheCuts) {
  const fs::path dir = testDir();
  makeShot(dir, 1);
  makeShot(dir, 2);
  writeEpisode(dir / "episode.json", kItems);
  constexpr int kFrames = 450;
  const ProcessResult r = runKiosk(dir, R"({"frame": 330, "type": "user_absent"}, {"frame": 390, "type": "user_present"},
                                         {"frame": 430, "type": "user_absent"})", kFrames);
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

  // Attract after the timeout (shot 1 again), from the attract segment's start, through its fade.
  EXPECT_EQ(seen[388].kind, Seen::Shot1) << describe(seen, 330, 450);
  expectAttract(seen, 331, 390);
  EXPECT_TRUE(seen[394].kind == Seen::Dark || seen[394].level < 40) << describe(seen, 330, 450);
  // The next visitor: shot 1 from its beginning again.
  int next = -1;
  for (int i = 392; i < 430; ++i)
    if (seen[i].kind == Seen::Shot1 && seen[i].frame < 8) {
      next = i;
      break;
    }
  EXPECT_GE(next, 0) << describe(seen, 330, 450);
}

// A visit ended while its first item plays (shot 1, the attract's own shot, in a player of its
// own): the attract loop starts again at its segment's start, not where it was left nor at the
// shot's frame 0.
TEST(KioskEpisode, AfterAVisitTheAttractLoopStartsAtItsSegmentsStart) {
  const fs::path dir = testDir();
  makeShot(dir, 1);
  makeShot(dir, 2);
  writeEpisode(dir / "episode.json", kItems);
  constexpr int kFrames = 200;
  const ProcessResult r = runKiosk(dir, R"({"frame": 45, "type": "user_absent"}, {"frame": 120, "type": "user_present"},
                                         {"frame": 180, "type": "user_absent"})", kFrames);
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("[error]"), std::string::npos) << r.output;
  std::vector<Seen> seen;
  for (int i = 0; i < kFrames; ++i) seen.push_back(seenAt(dir / "capture", i));
  // The visit ends 9 display frames after 45 (the 0.1 s timeout); the attract runs to 120.
  expectAttract(seen, 56, 120);
  // The next visitor from shot 1's beginning.
  bool restarted = false;
  for (int i = 122; i < 180 && !restarted; ++i) restarted = seen[i].kind == Seen::Shot1 && seen[i].frame < 6;
  EXPECT_TRUE(restarted) << describe(seen, 115, 180);
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
