// `perfectshot play --venue FILE [--align]` against the simulated headset: a scripted two-point
// alignment (the right controller touches the floor and pulls the trigger twice) saves the venue;
// played again with it, the shot's floor mark at its origin is drawn where the controller
// touched the floor, within 1 cm, and a recentre does not move it. `play --measure
// --keep-measurements`: two trigger presses measure between the floor points the ray meets, and
// the measurement is kept in the shot, which still lints clean.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "image.h"
#include "process.h"
#include "scenes/shot_document.h"
#include "scenes/venue.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
constexpr int kSize = 512;  // 45 degrees each side: 6.25 mm of floor a pixel from 1.6 m up

fs::path testDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path d = fs::path(PS_BINARY_DIR) / "test-out" / "xr_venue" / info->name();
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// A dark plate and a red floor mark at the shot's origin.
void makeShot(const fs::path& pkg) {
  fs::create_directories(pkg);
  const ProcessResult r = runShell("ffmpeg -v error -y -f lavfi -i color=c=0x202020:s=64x32:r=30:d=4 -c:v libx264 "
                                   "-pix_fmt yuv420p " + (pkg / "plate.mp4").string() + " 2>&1");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  std::ofstream(pkg / "shot.json") << R"({"format": "perfectshot/1", "title": "venue",
  "media": [{"id": "plate", "kind": "equirect", "src": "plate.mp4", "projection": "360", "stereo": "mono"}],
  "blocking": {"marks": [{"id": "o", "colour": [1, 0, 0], "x": 0, "z": 0}]}})";
}

ProcessResult play(const fs::path& dir, const std::string& script, const std::string& extra) {
  std::ofstream(dir / "script.json", std::ios::trunc) << script;
  return runShell("PERFECTSHOT_SIM_SCRIPT=" + (dir / "script.json").string() + " PERFECTSHOT_SIM_CAPTURE_DIR=" +
                  (dir / "capture").string() + " PERFECTSHOT_VALIDATION=1 " + kPerfectshot + " --log-level info play " +
                  (dir / "shot").string() + " --display xr --no-audio --no-timeline --controllers oculus/touch_controller " +
                  extra + " 2>&1");
}

// The centre of the red pixels' box in a captured eye (the ring and its name inside it).
std::optional<std::pair<double, double>> redCentre(const fs::path& png) {
  if (!fs::exists(png)) return std::nullopt;
  const Image im = loadImage(png.string());
  int x0 = im.width, x1 = -1, y0 = im.height, y1 = -1;
  for (int y = 0; y < im.height; ++y)
    for (int x = 0; x < im.width; ++x)
      if (im.at(x, y, 0) > 150 && im.at(x, y, 1) < 80 && im.at(x, y, 2) < 80) {
        x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
      }
  if (x1 < 0) return std::nullopt;
  return std::pair{0.5 * (x0 + x1), 0.5 * (y0 + y1)};
}

TEST(XrVenue, ATwoPointAlignmentPutsTheShotsOriginWhereTheControllerTouchedTheFloor) {
  const fs::path dir = testDir();
  makeShot(dir / "shot");
  const fs::path venue = dir / "stage4.json";
  // Touched at (1, 0.02, -2), then at (2.5, 0, -2): the shot faces the room's +X.
  ProcessResult r = play(dir, R"({ "display": { "width": 64, "height": 64, "lockstep": true },
    "controllers": { "right": [
      { "frame": 10, "aim": { "position": [1.0, 0.02, -2.0], "pitch_deg": -90 } },
      { "frame": 20, "trigger": 1.0 }, { "frame": 23, "trigger": 0.0 },
      { "frame": 25, "aim": { "position": [1.0, 0.02, -2.0], "pitch_deg": -90 } },
      { "frame": 30, "aim": { "position": [2.5, 0.0, -2.0], "pitch_deg": -90 } },
      { "frame": 40, "trigger": 1.0 }, { "frame": 43, "trigger": 0.0 } ] } })",
                         "--venue " + venue.string() + " --align --frames 60");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("[error]"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
  ASSERT_TRUE(fs::exists(venue)) << r.output;
  std::ifstream in(venue);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("\"yaw_deg\": -90.0"), std::string::npos) << text;
  EXPECT_NE(text.find("\"x\": 1.0"), std::string::npos) << text;
  EXPECT_NE(text.find("\"z\": -2.0"), std::string::npos) << text;

  // Played with the venue: the head 1.6 m over the first touch, looking straight down; a
  // recentre (the thumbstick's click) between the two captured frames.
  r = play(dir, R"({ "display": { "width": 512, "height": 512, "lockstep": true },
    "capture": { "frames": [20, 60] },
    "head": [ { "frame": 0, "position": [1.0, 1.6, -2.0], "pitch_deg": -90 } ],
    "controllers": { "right": [ { "frame": 40, "thumbstick_click": true }, { "frame": 43, "thumbstick_click": false } ] } })",
           "--venue " + venue.string() + " --floor --frames 70");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("venue: the stage is aligned to 'stage4'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("a recentre would move it, so it stays"), std::string::npos) << r.output;
  for (const char* frame : {"frame_20_left.png", "frame_60_left.png"}) {
    // The left eye stands half the IPD to the left of the head: the mark is that much right of
    // its centre. 6.25 mm a pixel at the floor, from 1.59 m up.
    const auto centre = redCentre(dir / "capture" / frame);
    ASSERT_TRUE(centre) << frame << ": no mark";
    const double mmPerPixel = 1.59 * 1000.0 / (kSize / 2.0);
    const double ipdHalfPx = 0.5 * 63.0 / mmPerPixel;
    EXPECT_NEAR(centre->first, kSize / 2.0 + ipdHalfPx, 10.0 / mmPerPixel) << frame;
    EXPECT_NEAR(centre->second, kSize / 2.0, 10.0 / mmPerPixel) << frame;
    // The runtime's play area (the simulated runtime's: 3 m square about its STAGE origin) is
    // outlined where the room has it, whatever the alignment: its edges x = 1.5 and z = -1.5
    // run 0.5 m right of and behind the head (the picture's up is the room's -Z).
    const Image im = loadImage((dir / "capture" / frame).string());
    const auto green = [&](int x, int y) {
      for (int dy = -4; dy <= 4; ++dy)
        for (int dx = -4; dx <= 4; ++dx)
          if (im.at(x + dx, y + dy, 1) > 120 && im.at(x + dx, y + dy, 0) < 120) return true;
      return false;
    };
    const int edge = static_cast<int>(std::lround(kSize / 2.0 + ipdHalfPx + 500.0 / mmPerPixel));
    const int row = static_cast<int>(std::lround(kSize / 2.0 + 500.0 / mmPerPixel));
    EXPECT_TRUE(green(edge, row + 60)) << frame << ": the edge x = 1.5";
    EXPECT_TRUE(green(edge - 120, row)) << frame << ": the edge z = -1.5";
    EXPECT_FALSE(green(edge - 60, row + 60)) << frame << ": inside the play area";
  }
}

TEST(XrVenue, TheMeasuringTapeMeasuresBetweenTwoFloorPointsAndKeepsIt) {
  const fs::path dir = testDir();
  makeShot(dir / "shot");
  // The ray from (0, 1.2, 0) meets the floor at (0, 0, -2), then at (1.5, 0, -2): 1.5 m apart.
  // (The simulated runtime's yaw turns left: -36.87 degrees points right.)
  const ProcessResult r = play(dir, R"({ "display": { "width": 64, "height": 64, "lockstep": true },
    "controllers": { "right": [
      { "frame": 10, "aim": { "position": [0.0, 1.2, 0.0], "pitch_deg": -30.963757 } },
      { "frame": 20, "trigger": 1.0 }, { "frame": 23, "trigger": 0.0 },
      { "frame": 25, "aim": { "position": [0.0, 1.2, 0.0], "pitch_deg": -30.963757 } },
      { "frame": 30, "aim": { "position": [0.0, 1.2, 0.0], "yaw_deg": -36.869898, "pitch_deg": -25.641006 } },
      { "frame": 40, "trigger": 1.0 }, { "frame": 43, "trigger": 0.0 } ] } })",
                               "--measure --keep-measurements --frames 60");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("[error]"), std::string::npos) << r.output;
  std::smatch m;
  const std::regex said(R"(tape: ([-0-9.]+) m from \(([-0-9.]+), ([-0-9.]+), ([-0-9.]+)\) to \(([-0-9.]+), ([-0-9.]+), ([-0-9.]+)\))");
  ASSERT_TRUE(std::regex_search(r.output, m, said)) << r.output;
  const double expected[] = {1.5, 0.0, 0.0, -2.0, 1.5, 0.0, -2.0};
  for (int i = 0; i < 7; ++i) EXPECT_NEAR(std::stod(m[i + 1].str()), expected[i], 0.01) << m[0];
  EXPECT_NE(r.output.find("tape: kept as"), std::string::npos) << r.output;
  std::ifstream in(dir / "shot" / "shot.json");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("\"measurements\""), std::string::npos) << text;
  const ProcessResult lint = runShell(kPerfectshot + " lint " + (dir / "shot").string() + " 2>&1");
  EXPECT_EQ(lint.exitCode, 0) << lint.output;
}

// Two trigger presses whose rays meet the floor at (0, 0, -2), then (1.5, 0, -2).
const char* const kTwoFloorPresses = R"({ "display": { "width": 64, "height": 64, "lockstep": true },
    "controllers": { "right": [
      { "frame": 10, "aim": { "position": [0.0, 1.2, 0.0], "pitch_deg": -30.963757 } },
      { "frame": 20, "trigger": 1.0 }, { "frame": 23, "trigger": 0.0 },
      { "frame": 25, "aim": { "position": [0.0, 1.2, 0.0], "pitch_deg": -30.963757 } },
      { "frame": 30, "aim": { "position": [0.0, 1.2, 0.0], "yaw_deg": -36.869898, "pitch_deg": -25.641006 } },
      { "frame": 40, "trigger": 1.0 }, { "frame": 43, "trigger": 0.0 } ] } })";

// Aligned to the play area after a recentre has moved the app's stage (the head 1 m right of and
// 2 m ahead of the room's centre, turned): the shot's origin is the room's centre all the same,
// facing the room's -Z, with the simulated runtime's 3 m x 3 m area kept. Played again with
// the venue file's area changed, the mismatch is said.
TEST(XrVenue, AligningToThePlayAreaPutsTheShotsOriginAtItsCentreWhateverTheRecentre) {
  const fs::path dir = testDir();
  makeShot(dir / "shot");
  const fs::path venue = dir / "area.json";
  ProcessResult r = play(dir, R"({ "display": { "width": 64, "height": 64, "lockstep": true },
    "head": [ { "frame": 0, "position": [1.0, 1.6, -2.0], "yaw_deg": 70 } ],
    "controllers": { "right": [
      { "frame": 5, "thumbstick_click": true }, { "frame": 8, "thumbstick_click": false },
      { "frame": 20, "trigger": 1.0 }, { "frame": 23, "trigger": 0.0 } ] } })",
                         "--venue " + venue.string() + " --align-play-area --frames 40");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("[error]"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("openxr: recentered"), std::string::npos) << "the recentre must come first: " << r.output;
  auto v = scenes::readVenue(venue);
  ASSERT_TRUE(v.ok()) << r.output;
  EXPECT_NEAR(v->origin.x, 0.0, 0.005);
  EXPECT_NEAR(v->origin.y, 0.0, 0.005);
  EXPECT_NEAR(v->origin.z, 0.0, 0.005);
  EXPECT_NEAR(std::remainder(v->yawDeg, 360.0), 0.0, 0.1);
  ASSERT_TRUE(v->boundsM);
  EXPECT_NEAR(v->boundsM->first, 3.0, 0.005);
  EXPECT_NEAR(v->boundsM->second, 3.0, 0.005);

  v->boundsM = std::pair{4.0, 3.0};
  ASSERT_TRUE(scenes::writeVenue(venue, *v).ok());
  r = play(dir, R"({ "display": { "width": 64, "height": 64, "lockstep": true } })",
           "--venue " + venue.string() + " --frames 10");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("was aligned to a play area of 4.00 x 3.00 m; the runtime's is 3.00 x 3.00 m now"),
            std::string::npos)
      << r.output;
}

// Without --keep-measurements nothing is kept until the grip asks: a squeeze before anything
// is measured keeps nothing; after two floor presses the grip keeps the 1.5 m shown, once.
TEST(XrVenue, TheGripKeepsTheMeasurementShownAndOnlyThatOne) {
  const fs::path dir = testDir();
  makeShot(dir / "shot");
  const ProcessResult r = play(dir, R"({ "display": { "width": 64, "height": 64, "lockstep": true },
    "controllers": { "right": [
      { "frame": 5, "squeeze": 1.0 }, { "frame": 8, "squeeze": 0.0 },
      { "frame": 10, "aim": { "position": [0.0, 1.2, 0.0], "pitch_deg": -30.963757 } },
      { "frame": 20, "trigger": 1.0 }, { "frame": 23, "trigger": 0.0 },
      { "frame": 25, "aim": { "position": [0.0, 1.2, 0.0], "pitch_deg": -30.963757 } },
      { "frame": 30, "aim": { "position": [0.0, 1.2, 0.0], "yaw_deg": -36.869898, "pitch_deg": -25.641006 } },
      { "frame": 40, "trigger": 1.0 }, { "frame": 43, "trigger": 0.0 },
      { "frame": 50, "squeeze": 1.0 }, { "frame": 53, "squeeze": 0.0 },
      { "frame": 56, "squeeze": 1.0 }, { "frame": 59, "squeeze": 0.0 } ] } })",
                               "--measure --frames 70");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("[error]"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("tape: nothing measured yet to keep"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("is kept already"), std::string::npos) << r.output;
  auto doc = scenes::ShotDocument::open(dir / "shot");
  ASSERT_TRUE(doc.ok());
  const auto& kept = doc->shot().blocking.measurements;
  ASSERT_EQ(kept.size(), 1u) << r.output;
  EXPECT_NEAR(kept[0].distanceM(), 1.5, 0.01);
  const ProcessResult lint = runShell(kPerfectshot + " lint " + (dir / "shot").string() + " 2>&1");
  EXPECT_EQ(lint.exitCode, 0) << lint.output;
}

scenes::Blocking blockingOf(const fs::path& pkg) {
  auto doc = scenes::ShotDocument::open(pkg);
  EXPECT_TRUE(doc.ok());
  return doc.ok() ? doc->shot().blocking : scenes::Blocking{};
}

TEST(XrVenue, ThePenPlacesFloorMarksAndRecordsAnActorsPathInTheShot) {
  const fs::path dir = testDir();
  makeShot(dir / "shot");
  ProcessResult r = play(dir, kTwoFloorPresses, "--place-marks --frames 60");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("[error]"), std::string::npos) << r.output;
  scenes::Blocking b = blockingOf(dir / "shot");
  ASSERT_EQ(b.marks.size(), 3u) << r.output;  // the shot's own, then the two placed
  EXPECT_NEAR(b.marks[1].position.x, 0.0, 0.01);
  EXPECT_NEAR(b.marks[1].position.z, -2.0, 0.01);
  EXPECT_NEAR(b.marks[2].position.x, 1.5, 0.01);
  EXPECT_NEAR(b.marks[2].position.z, -2.0, 0.01);

  r = play(dir, kTwoFloorPresses, "--record-path Rick --frames 60");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  b = blockingOf(dir / "shot");
  ASSERT_EQ(b.actors.size(), 1u) << r.output;
  EXPECT_EQ(b.actors[0].actor, "Rick");
  ASSERT_EQ(b.actors[0].keys.size(), 2u) << r.output;
  EXPECT_LT(b.actors[0].keys[0].t, b.actors[0].keys[1].t) << "each key at the shot time shown at its press";
  EXPECT_NEAR(b.actors[0].keys[0].position.x, 0.0, 0.01);
  EXPECT_NEAR(b.actors[0].keys[1].position.x, 1.5, 0.01);
  const ProcessResult lint = runShell(kPerfectshot + " lint " + (dir / "shot").string() + " 2>&1");
  EXPECT_EQ(lint.exitCode, 0) << lint.output;

  // One use of the trigger at a time, and one writer of the shot.
  const std::string base = kPerfectshot + " play " + (dir / "shot").string() + " --display offscreen --frames 1 ";
  r = runShell(base + "--place-marks --measure 2>&1");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("the trigger measures with --measure"), std::string::npos) << r.output;
  r = runShell(base + "--record-path Rick --edit 2>&1");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("not both at once"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace ps::test
