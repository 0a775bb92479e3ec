// `perfectshot play episode.json --display xr` against the simulated headset: an episode of
// two generated shots and a title card plays end to end, the next item's first frame ready at
// each cut; the sound follows the cut; lint refuses a broken shot before anything plays; next /
// previous item.
// The shots' plates carry their frame number in the whole picture (shot 1: red = 40 + 4n,
// shot 2: blue = 40 + 4n, besides the bit stamp at the top-left), so every captured eye image
// says which shot and which frame the headset showed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <optional>
#include <string>
#include <vector>

#include "image.h"
#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
constexpr int kShotFrames = 30;  // 1 s at 30 fps
constexpr int kHz = 90;          // the sim's refresh

fs::path testDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path d = fs::path(PS_BINARY_DIR) / "test-out" / "xr_episode" / info->name();
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// shot<n>/ in dir: a 1 s plate whose colour counts its frames (and a tone, 440 or 880 Hz),
// `timeline` the shot's timeline member.
void makeShot(const fs::path& dir, int n, const std::string& timeline = R"({ "fps": "30", "in": 0.0, "out": 1.0 })") {
  fs::create_directories(dir / ("shot" + std::to_string(n)));
  const std::string colour = n == 1 ? "r='40+4*N':g='16':b='16'" : "r='16':g='16':b='40+4*N'";
  const std::string cmd = "bash -c 'source " PS_SOURCE_DIR "/tools/media/stamp.sh && ffmpeg -v error -y "
                          "-f lavfi -i color=c=black:s=256x128:r=30:d=1 -f lavfi -i sine=frequency=" +
                          std::string(n == 1 ? "440" : "880") + ":sample_rate=48000:duration=1 -vf \"format=rgb24,geq=" +
                          colour + ",$(stamp_filter 0)\" -c:v libx264 -g 30 -pix_fmt yuv420p -c:a aac -shortest " +
                          (dir / ("shot" + std::to_string(n)) / "plate.mp4").string() + "' 2>&1";
  const ProcessResult r = runShell(cmd);
  ASSERT_EQ(r.exitCode, 0) << r.output;
  std::ofstream(dir / ("shot" + std::to_string(n)) / "shot.json")
      << R"({ "format": "perfectshot/1", "title": "Shot )" << n << R"(",
  "media": [ { "id": "plate", "kind": "equirect", "src": "plate.mp4", "projection": "360", "stereo": "mono" } ],
  "timeline": )" << timeline << " }\n";
}

void writePlaylist(const fs::path& file, const std::string& items) {
  std::ofstream(file) << R"({ "format": "perfectshot-playlist/1", "title": "Two shots", "items": [ )" << items
                      << " ] }\n";
}

const char* const kCard = R"({ "title_card": { "title": "Between", "text": "A card between two shots.", "seconds": 1 } })";

// The right controller (the one whose ray the player draws) held behind the head, so that its
// ray is out of view: the frames are told apart by their pixels, which the ray would cross.
const char* const kRightAimBehind = R"({ "frame": 0, "aim": { "position": [0.2, 1.2, 0.4], "yaw_deg": 180 } })";

// Plays the playlist in the sim with `script` (its capture of frames 0..frames-1 added).
ProcessResult play(const fs::path& dir, const std::string& playlist, const std::string& scriptBody, int frames,
                   const std::string& extra = "") {
  std::string capture;
  for (int i = 0; i < frames; ++i) capture += (i ? "," : "") + std::to_string(i);
  std::ofstream(dir / "script.json") << R"({ "display": { "width": 64, "height": 64, "lockstep": true },
    "capture": { "frames": [)" << capture << "] }" << scriptBody << " }";
  return runShell("PERFECTSHOT_SIM_SCRIPT=" + (dir / "script.json").string() +
                  " PERFECTSHOT_SIM_CAPTURE_DIR=" + (dir / "capture").string() +
                  " PERFECTSHOT_VALIDATION=1 " + kPerfectshot + " --log-level info play " + playlist +
                  " --display xr " + extra + " 2>&1");
}

void expectCleanRun(const ProcessResult& r) {
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("[error]"), std::string::npos) << r.output;
}

// What one captured frame of the left eye shows.
struct Seen {
  enum Kind { Missing, Dark, Card, Shot1, Shot2 } kind = Missing;
  int frame = -1;  // the shot's frame number (its colour)
};

Seen seenAt(const fs::path& capture, int simFrame) {
  const fs::path png = capture / ("frame_" + std::to_string(simFrame) + "_left.png");
  if (!fs::exists(png)) return {};
  const Image img = loadImage(png.string());
  const int cx = img.width / 2, cy = img.height / 2;
  const int r = img.at(cx, cy, 0), b = img.at(cx, cy, 2);
  if (r > 30 && b < 30) return {Seen::Shot1, static_cast<int>(std::lround((r - 40) / 4.0))};
  if (b > 30 && r < 30) return {Seen::Shot2, static_cast<int>(std::lround((b - 40) / 4.0))};
  // Dark: the card over black, visible where any pixel is bright (its text, its pin).
  for (std::size_t i = 0; i < img.pixels.size(); ++i)
    if (img.pixels[i] > 120) return {Seen::Card, -1};
  return {Seen::Dark, -1};
}

std::string describe(const std::vector<Seen>& seen) {
  static const char* names[] = {"missing", "dark", "card", "shot1", "shot2"};
  std::string s;
  for (std::size_t i = 0; i < seen.size(); ++i)
    s += std::to_string(i) + ":" + names[seen[i].kind] + (seen[i].frame >= 0 ? "#" + std::to_string(seen[i].frame) : "") + " ";
  return s;
}

// The runs of the same kind, in order: kind, first and last index.
struct Span {
  Seen::Kind kind;
  int first, last;
};
std::vector<Span> runsOf(const std::vector<Seen>& seen) {
  std::vector<Span> runs;
  for (int i = 0; i < static_cast<int>(seen.size()); ++i) {
    // The card fades from and to black: its dark frames belong to it.
    const Seen::Kind k = seen[i].kind == Seen::Dark ? Seen::Card : seen[i].kind;
    if (runs.empty() || runs.back().kind != k)
      runs.push_back({k, i, i});
    else
      runs.back().last = i;
  }
  return runs;
}

TEST(XrEpisode, TwoShotsAndATitleCardPlayEndToEndWithoutABlackFrameAtTheCuts) {
  const fs::path dir = testDir();
  makeShot(dir, 1);
  makeShot(dir, 2);
  // The last item cuts straight from shot 2 back to shot 1: a cut between two pictures.
  writePlaylist(dir / "episode.json", R"({ "shot": "shot1" }, )" + std::string(kCard) +
                                          R"(, { "shot": "shot2" }, { "shot": "shot1" })");
  constexpr int kFrames = 4 * kHz + 20;
  const ProcessResult r = play(dir, (dir / "episode.json").string(),
                               std::string(R"(, "controllers": { "right": [ )") + kRightAimBehind + " ] }", kFrames);
  expectCleanRun(r);
  EXPECT_NE(r.output.find("4 items begun"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("0 cuts without a picture"), std::string::npos) << r.output;
  std::vector<Seen> seen;
  for (int i = 0; i < kFrames; ++i) seen.push_back(seenAt(dir / "capture", i));
  // The episode stops at its end: the frames after it are not captured.
  while (!seen.empty() && seen.back().kind == Seen::Missing) seen.pop_back();
  const std::vector<Span> runs = runsOf(seen);
  ASSERT_EQ(runs.size(), 4u) << describe(seen);
  EXPECT_EQ(runs[0].kind, Seen::Shot1) << describe(seen);
  EXPECT_EQ(runs[1].kind, Seen::Card) << describe(seen);
  EXPECT_EQ(runs[2].kind, Seen::Shot2) << describe(seen);
  EXPECT_EQ(runs[3].kind, Seen::Shot1) << describe(seen);
  // Each shot from its first frame to its last, each in its 90 display frames (at most one
  // more: the frame at which an item ends), and so is the card: no stall, nothing black at a cut.
  for (const Span& run : runs) {
    const int length = run.last - run.first + 1;
    EXPECT_GE(length, kHz - 1) << describe(seen);
    EXPECT_LE(length, kHz + 1) << describe(seen);
    if (run.kind == Seen::Card) continue;
    EXPECT_EQ(seen[static_cast<std::size_t>(run.first)].frame, 0) << "first frame at the cut, " << describe(seen);
    EXPECT_EQ(seen[static_cast<std::size_t>(run.last)].frame, kShotFrames - 1) << describe(seen);
    for (int i = run.first + 1; i <= run.last; ++i)
      EXPECT_GE(seen[static_cast<std::size_t>(i)].frame, seen[static_cast<std::size_t>(i - 1)].frame) << describe(seen);
  }
  // The card shows itself between its fades.
  int cardFrames = 0;
  for (int i = runs[1].first; i <= runs[1].last; ++i) cardFrames += seen[static_cast<std::size_t>(i)].kind == Seen::Card;
  EXPECT_GE(cardFrames, kHz / 2) << describe(seen);
}

// What the sound output played, from OpenAL Soft's own wave-file writer (its "wave" backend,
// chosen through an ALSOFT_CONF file): one letter per 20 ms, '4' for shot 1's 440 Hz tone, '8'
// for shot 2's 880 Hz, 'x' for both at once, '.' for silence.
std::string tonesIn(const fs::path& wav) {
  const fs::path raw = wav.parent_path() / "sound.f32";
  const ProcessResult r = runShell("ffmpeg -v error -y -i " + wav.string() + " -ac 1 -ar 48000 -f f32le " + raw.string() + " 2>&1");
  EXPECT_EQ(r.exitCode, 0) << r.output;
  std::ifstream in(raw, std::ios::binary);
  std::vector<float> samples;
  for (float v = 0; in.read(reinterpret_cast<char*>(&v), sizeof v);) samples.push_back(v);
  // Goertzel: the power at one frequency in a window.
  const auto power = [](const float* x, int n, double hz) {
    const double k = 2 * std::cos(2 * std::numbers::pi * hz / 48000);
    double a = 0, b = 0;
    for (int i = 0; i < n; ++i) {
      const double next = x[i] + k * a - b;
      b = a;
      a = next;
    }
    return a * a + b * b - k * a * b;
  };
  constexpr int kWindow = 960;
  std::string tones;
  for (std::size_t at = 0; at + kWindow <= samples.size(); at += kWindow) {
    const float* x = samples.data() + at;
    double energy = 0;
    for (int i = 0; i < kWindow; ++i) energy += static_cast<double>(x[i]) * x[i];
    if (std::sqrt(energy / kWindow) < 0.01) {
      tones += '.';
      continue;
    }
    const double p440 = power(x, kWindow, 440), p880 = power(x, kWindow, 880);
    tones += p440 > 10 * p880 ? '4' : p880 > 10 * p440 ? '8' : 'x';
  }
  return tones;
}

TEST(XrEpisode, TheSoundFollowsTheCutToTheNextShot) {
  const fs::path dir = testDir();
  makeShot(dir, 1);  // its soundtrack a 440 Hz tone
  makeShot(dir, 2);  // 880 Hz
  writePlaylist(dir / "episode.json", R"({ "shot": "shot1" }, { "shot": "shot2" })");
  std::ofstream(dir / "alsoft.conf") << "[general]\ndrivers = wave\n[wave]\nfile = " << (dir / "sound.wav").string() << "\n";
  // Paced at the sim's refresh, as a headset: the sound plays in real time.
  std::ofstream(dir / "script.json") << R"({ "display": { "width": 64, "height": 64 } })";
  const ProcessResult r = runShell("ALSOFT_CONF=" + (dir / "alsoft.conf").string() +
                                   " PERFECTSHOT_SIM_SCRIPT=" + (dir / "script.json").string() +
                                   " PERFECTSHOT_VALIDATION=1 " + kPerfectshot + " --log-level info play " +
                                   (dir / "episode.json").string() + " --display xr --at-end stop 2>&1");
  expectCleanRun(r);
  EXPECT_NE(r.output.find("2 items begun"), std::string::npos) << r.output;
  ASSERT_TRUE(fs::exists(dir / "sound.wav")) << r.output;
  const std::string tones = tonesIn(dir / "sound.wav");
  // Shot 1's tone, then shot 2's from the cut on, and shot 1's never again after it. A short
  // underrun of a loaded machine is silence, not the other tone; a window where a tone starts
  // or stops may read as both.
  const std::size_t firstOf2 = tones.find('8');
  ASSERT_NE(firstOf2, std::string::npos) << "shot 2's sound never played: " << tones;
  EXPECT_GE(std::count(tones.begin(), tones.end(), '4'), 10) << tones;  // 0.2 s at least
  EXPECT_GE(std::count(tones.begin(), tones.end(), '8'), 10) << tones;
  EXPECT_LT(tones.find('4'), firstOf2) << tones;
  EXPECT_EQ(tones.find('4', firstOf2), std::string::npos) << "shot 1's sound after the cut: " << tones;
}

TEST(XrEpisode, LintRefusesABrokenSecondShotBeforeAnythingPlays) {
  const fs::path dir = testDir();
  makeShot(dir, 1);
  // Shot 2 ends after its 1 s plate, and names a member the format does not have.
  makeShot(dir, 2, R"({ "fps": "30", "in": 0.0, "out": 5.0 }, "colour": "blue")");
  writePlaylist(dir / "episode.json", R"({ "shot": "shot1" }, )" + std::string(kCard) + R"(, { "shot": "shot2" })");
  const ProcessResult r = play(dir, (dir / "episode.json").string(), "", 2);
  EXPECT_NE(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("shot2/shot.json#/timeline/out"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("shot2/shot.json#/colour"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("not playing it"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("episode: item"), std::string::npos) << "nothing played: " << r.output;
  EXPECT_FALSE(fs::exists(dir / "capture" / "frame_0_left.png")) << "no session began";
}

TEST(XrEpisode, SqueezesMoveToTheNextAndPreviousItem) {
  const fs::path dir = testDir();
  makeShot(dir, 1);
  makeShot(dir, 2);
  writePlaylist(dir / "episode.json", R"({ "shot": "shot1" }, )" + std::string(kCard) + R"(, { "shot": "shot2" })");
  // Right squeeze at 20: the card; again at 50: shot 2; left squeeze at 80: the card again.
  const ProcessResult r = play(dir, (dir / "episode.json").string(), std::string(R"(,
    "controllers": {
      "right": [ )") + kRightAimBehind + R"(, { "frame": 20, "squeeze": 1.0 }, { "frame": 23, "squeeze": 0.0 },
                 { "frame": 50, "squeeze": 1.0 }, { "frame": 53, "squeeze": 0.0 } ],
      "left": [ { "frame": 80, "squeeze": 1.0 }, { "frame": 83, "squeeze": 0.0 } ] },
    "events": [ { "frame": 110, "type": "exit_requested" } ])",
                               110, "--controllers oculus/touch_controller --at-end stop");
  expectCleanRun(r);
  EXPECT_NE(r.output.find("4 items begun"), std::string::npos) << r.output;
  std::vector<Seen> seen;
  for (int i = 0; i < 105; ++i) seen.push_back(seenAt(dir / "capture", i));
  EXPECT_EQ(seen[15].kind, Seen::Shot1) << describe(seen);
  EXPECT_LE(seen[15].frame, 6) << describe(seen);
  // The card fades in from black: past the fade, it shows.
  EXPECT_EQ(seen[45].kind, Seen::Card) << describe(seen);
  EXPECT_EQ(seen[70].kind, Seen::Shot2) << describe(seen);
  EXPECT_LE(seen[70].frame, 8) << "shot 2 from its start, " << describe(seen);
  EXPECT_EQ(seen[104].kind, Seen::Card) << describe(seen);
}

}  // namespace
}  // namespace ps::test
