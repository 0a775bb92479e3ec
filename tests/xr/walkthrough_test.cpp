// A director's walkthrough recorded on the simulated headset (`play --record-walkthrough`) and
// played back offscreen as a guided tour (`play --tour`):
// - the recording holds the head orientations the runtime reported for the captured frames
//   (their views' pose in STAGE), within 0.5 degrees, and the scripted trigger and B presses as
//   pause, step and play at their frames; the director's voice, a sound file given at
//   recording, is copied into the package; it lints clean;
// - the tour's view (its frame log: the orientation each frame was drawn with, and the
//   recording's time) is the recorded orientation at that time within 0.5 degrees, and the
//   shot time follows the recording's;
// - the pictures follow: the plate's colour encodes its direction (red: longitude, green:
//   latitude), so the colour at each still's centre tells where the view looked;
// - looking freely, the director's gaze glows where it points: the difference against the same
//   tour without the overlay is a spot centred where the recorded gaze projects in that view.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <span>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <glm/gtc/quaternion.hpp>
#include <nlohmann/json.hpp>

#include "image.h"
#include "tone.h"
#include "process.h"
#include "scenes/walkthrough.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
constexpr double kHz = 90;
constexpr int kStill = 96;  // offscreen stills, square, 90 degrees each way

// A still 360 plate whose colour says where it is: red the longitude (u), green the latitude (v).
void makeShot(const fs::path& pkg) {
  fs::create_directories(pkg);
  const ProcessResult r = runShell(
      "ffmpeg -v error -y -f lavfi -i \"nullsrc=s=720x360:r=30:d=4,format=gbrp,geq=r='X*255/W':g='Y*255/H':b='128'\" "
      "-c:v libx264 -qp 0 -pix_fmt yuv444p " + (pkg / "plate.mp4").string() + " 2>&1");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  std::ofstream(pkg / "shot.json") << R"({"format": "perfectshot/1", "title": "walkthrough",
  "media": [{"id": "plate", "kind": "equirect", "src": "plate.mp4", "projection": "360", "stereo": "mono"}]})";
}

// The head turns left and up, then right and down; the trigger pauses at frame 40, B steps a
// frame at 50, the trigger plays again at 70.
const char* kDirector = R"({ "display": { "width": 64, "height": 64, "lockstep": true },
  "capture": { "frames": [20, 45, 80] },
  "head": [ { "frame": 0, "position": [0, 1.6, 0], "yaw_deg": 0 },
            { "frame": 30, "yaw_deg": 50, "pitch_deg": 10 },
            { "frame": 60, "yaw_deg": -30, "pitch_deg": -15, "roll_deg": 5 },
            { "frame": 100, "yaw_deg": -30, "pitch_deg": -15, "roll_deg": 5 } ],
  "controllers": { "right": [
      { "frame": 0, "aim": { "position": [0.2, 1.4, -0.3], "yaw_deg": -10, "pitch_deg": -20 } },
      { "frame": 40, "trigger": 1.0 }, { "frame": 43, "trigger": 0.0 },
      { "frame": 50, "b": true }, { "frame": 53, "b": false },
      { "frame": 70, "trigger": 1.0 }, { "frame": 73, "trigger": 0.0 } ] } })";

ProcessResult record(const fs::path& dir) {
  std::ofstream(dir / "script.json", std::ios::trunc) << kDirector;
  // The director's voice, recorded elsewhere: two seconds of a tone.
  const ProcessResult voice = runShell("ffmpeg -v error -y -f lavfi -i sine=frequency=440:duration=2 " +
                                       (dir / "voice.wav").string() + " 2>&1");
  EXPECT_EQ(voice.exitCode, 0) << voice.output;
  return runShell("PERFECTSHOT_SIM_SCRIPT=" + (dir / "script.json").string() + " PERFECTSHOT_SIM_CAPTURE_DIR=" +
                  (dir / "capture").string() + " PERFECTSHOT_VALIDATION=1 " + kPerfectshot + " --log-level info play " +
                  (dir / "shot").string() +
                  " --display xr --no-audio --no-timeline --controllers oculus/touch_controller"
                  " --record-walkthrough take1 --walkthrough-voice " + (dir / "voice.wav").string() +
                  " --walkthrough-voice-at 0.2 --frames 100 2>&1");
}

ProcessResult tour(const fs::path& dir, const std::string& name, const std::string& extra) {
  return runShell("PERFECTSHOT_VALIDATION=1 " + kPerfectshot + " --log-level info play " + (dir / "shot").string() +
                  " --display offscreen --no-audio --tour take1 --width 96 --height 96 --hfov 90 --vfov 90"
                  " --stills-every 0.0001 --out " + (dir / name).string() + " --frame-log " +
                  (dir / (name + ".csv")).string() + " " + extra + " 2>&1");
}

// The angle of the turn from a to b, accurate for small angles too (acos of a dot near 1 is not).
double degreesBetween(const glm::quat& a, const glm::quat& b) {
  const glm::dquat x = glm::normalize(glm::dquat(a)), y0 = glm::normalize(glm::dquat(b));
  const glm::dquat y = glm::dot(x, y0) < 0 ? -y0 : y0;
  return glm::degrees(4.0 * std::atan2(glm::length(x - y), glm::length(x + y)));
}

struct LogRow {
  double shot = 0;
  glm::quat view{1, 0, 0, 0};
  double tour = 0;
};

std::vector<LogRow> readLog(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "display_wall_seconds,shot_seconds,frame,view_qx,view_qy,view_qz,view_qw,tour_seconds");
  std::vector<LogRow> rows;
  while (std::getline(in, line)) {
    std::vector<double> v;
    std::stringstream s(line);
    for (std::string cell; std::getline(s, cell, ',');) v.push_back(cell.empty() ? NAN : std::stod(cell));
    if (v.size() != 8) {
      ADD_FAILURE() << "a frame log row of " << v.size() << " cells: " << line;
      continue;
    }
    rows.push_back({v[1], glm::quat(static_cast<float>(v[6]), static_cast<float>(v[3]), static_cast<float>(v[4]),
                                    static_cast<float>(v[5])),
                    v[7]});
  }
  return rows;
}

std::vector<fs::path> stills(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".png") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// Where a stage direction lands in a still drawn with `view` (90 degrees each way), in pixels.
glm::vec2 pixelOf(const glm::quat& view, const glm::vec3& direction) {
  const glm::vec3 d = glm::inverse(view) * direction;
  return {kStill * (0.5f + 0.5f * d.x / -d.z), kStill * (0.5f - 0.5f * d.y / -d.z)};
}

// The recording every test starts from, made in the test's own folder (CTest runs the tests of
// this file side by side, each in a process of its own).
class XrWalkthrough : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(PS_BINARY_DIR) / "test-out" / "xr_walkthrough" / info->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    makeShot(dir_ / "shot");
    output_ = record(dir_).output;
  }
  const fs::path& dir() const { return dir_; }
  scenes::Walkthrough recording() const {
    auto w = scenes::readWalkthrough(dir() / "shot", "take1");
    EXPECT_TRUE(w.ok()) << (w.ok() ? "" : w.error().message()) << "\n" << output_;
    return w.ok() ? *w : scenes::Walkthrough{};
  }
  fs::path dir_;
  std::string output_;
};

TEST_F(XrWalkthrough, TheRecordingHoldsTheHeadPosesTheRuntimeReportedAndTheTimelinesChanges) {
  EXPECT_EQ(output_.find("[error]"), std::string::npos) << output_;
  EXPECT_EQ(output_.find("VUID"), std::string::npos) << output_;
  const scenes::Walkthrough w = recording();
  ASSERT_GE(w.samples.size(), 95u) << output_;
  // The captured frames' views, as the runtime placed them in STAGE.
  for (int frame : {20, 45, 80}) {
    std::ifstream in(dir() / "capture" / ("frame_" + std::to_string(frame) + ".json"));
    ASSERT_TRUE(in) << "frame " << frame << " not captured\n" << output_;
    const auto doc = nlohmann::json::parse(in);
    const auto& o = doc["images"][0]["pose_in_stage"]["orientation"];
    const glm::quat runtime(o[3].get<float>(), o[0].get<float>(), o[1].get<float>(), o[2].get<float>());
    const double t = frame / kHz;
    const auto nearest = std::min_element(w.samples.begin(), w.samples.end(), [&](const auto& a, const auto& b) {
      return std::abs(a.t - t) < std::abs(b.t - t);
    });
    EXPECT_NEAR(nearest->t, t, 1e-3) << "frame " << frame;
    EXPECT_LT(degreesBetween(nearest->orientation, runtime), 0.5) << "frame " << frame;
    ASSERT_TRUE(nearest->pointer.has_value()) << "frame " << frame;
  }
  // The head turned: the recording is not one pose.
  EXPECT_GT(degreesBetween(w.samples.front().orientation, scenes::sampleAt(w, 30 / kHz)->orientation), 45.0);
  // The timeline: playing from the start, paused at 40, a frame on at 50, playing at 70.
  std::vector<std::pair<scenes::TimelineAction, double>> seen;
  for (const auto& e : w.events) seen.emplace_back(e.action, e.t * kHz);
  ASSERT_EQ(seen.size(), 5u) << output_;
  EXPECT_EQ(seen[0].first, scenes::TimelineAction::Seek);
  EXPECT_EQ(seen[1].first, scenes::TimelineAction::Play);
  EXPECT_EQ(seen[2].first, scenes::TimelineAction::Pause);
  EXPECT_NEAR(seen[2].second, 40, 1.01);
  EXPECT_EQ(seen[3].first, scenes::TimelineAction::Step);
  EXPECT_EQ(w.events[3].frames, 1);
  EXPECT_NEAR(seen[3].second, 50, 1.01);
  EXPECT_EQ(seen[4].first, scenes::TimelineAction::Play);
  EXPECT_NEAR(seen[4].second, 70, 1.01);
  // The voice, copied into the package, heard from 0.2 s.
  ASSERT_EQ(w.voice.size(), 1u);
  EXPECT_EQ(w.voice[0].src, "walkthroughs/take1.voice.wav");
  EXPECT_DOUBLE_EQ(w.voice[0].atSeconds, 0.2);
  EXPECT_EQ(fs::file_size(dir() / "shot" / w.voice[0].src), fs::file_size(dir() / "voice.wav"));
  const ProcessResult lint = runShell(kPerfectshot + " lint " + (dir() / "shot").string() + " 2>&1");
  EXPECT_EQ(lint.exitCode, 0) << lint.output;
  EXPECT_NE(lint.output.find("2 file(s) checked: 0 error(s)"), std::string::npos) << lint.output;
}

TEST_F(XrWalkthrough, TheTourShowsTheRecordedViewAndTimeline) {
  const scenes::Walkthrough w = recording();
  ASSERT_FALSE(w.samples.empty());
  const ProcessResult r = tour(dir(), "follow", "--no-overlay");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("tour: the walkthrough 'take1' ended"), std::string::npos) << r.output;
  const std::vector<LogRow> rows = readLog(dir() / "follow.csv");
  ASSERT_GE(rows.size(), 30u);
  double worst = 0;
  for (const LogRow& row : rows) {
    const auto at = scenes::sampleAt(w, row.tour);
    ASSERT_TRUE(at);
    worst = std::max(worst, degreesBetween(row.view, at->orientation));
    // The shot time the director saw then (a frame of slack: the two displays' frames interleave).
    EXPECT_NEAR(row.shot, at->shotSeconds, 1.0 / 30 + 1e-3) << "tour " << row.tour;
  }
  EXPECT_LT(worst, 0.5);
  RecordProperty("worst_view_error_deg", std::to_string(worst));
  // The pictures: each still's centre shows the plate where the recorded head looked.
  const std::vector<fs::path> pictures = stills(dir() / "follow");
  ASSERT_EQ(pictures.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); i += 4) {
    const Image im = loadImage(pictures[i].string());
    const glm::vec3 forward = scenes::sampleAt(w, rows[i].tour)->orientation * glm::vec3(0, 0, -1);
    // v360's yaw is right-positive; u = 0.5 straight ahead.
    const double yaw = glm::degrees(std::atan2(forward.x, -forward.z));
    const double pitch = glm::degrees(std::asin(std::clamp(forward.y, -1.0f, 1.0f)));
    const double seenYaw = (im.at(kStill / 2, kStill / 2, 0) / 255.0 - 0.5) * 360.0;
    const double seenPitch = (0.5 - im.at(kStill / 2, kStill / 2, 1) / 255.0) * 180.0;
    EXPECT_NEAR(seenYaw, yaw, 3.0) << pictures[i];
    EXPECT_NEAR(seenPitch, pitch, 3.0) << pictures[i];
  }
}

TEST_F(XrWalkthrough, TheDirectorsGazeGlowsWhereItPoints) {
  const scenes::Walkthrough w = recording();
  ASSERT_FALSE(w.samples.empty());
  const ProcessResult with = tour(dir(), "free", "--tour-look-freely");
  ASSERT_EQ(with.exitCode, 0) << with.output;
  EXPECT_EQ(with.output.find("VUID"), std::string::npos) << with.output;
  const ProcessResult without = tour(dir(), "bare", "--tour-look-freely --no-overlay");
  ASSERT_EQ(without.exitCode, 0) << without.output;
  const std::vector<LogRow> rows = readLog(dir() / "free.csv");
  const std::vector<fs::path> glow = stills(dir() / "free"), bare = stills(dir() / "bare");
  ASSERT_EQ(glow.size(), rows.size());
  ASSERT_EQ(bare.size(), rows.size());
  int checked = 0, outOfView = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Image a = loadImage(glow[i].string()), b = loadImage(bare[i].string());
    double sx = 0, sy = 0, n = 0;
    for (int y = 0; y < kStill; ++y)
      for (int x = 0; x < kStill; ++x) {
        int d = 0;
        for (int c = 0; c < 3; ++c) d += std::abs(a.at(x, y, c) - b.at(x, y, c));
        if (d > 30) sx += x + 0.5, sy += y + 0.5, n += 1;
      }
    // Looking freely, the view is the offscreen display's own (turning); the gaze is the director's.
    const glm::vec3 gaze = scenes::sampleAt(w, rows[i].tour)->orientation * glm::vec3(0, 0, -1);
    const glm::vec3 inView = glm::inverse(rows[i].view) * gaze;
    const glm::vec2 expected = pixelOf(rows[i].view, gaze);
    const bool visible = inView.z < 0 && expected.x > 8 && expected.x < kStill - 8 && expected.y > 8 && expected.y < kStill - 8;
    if (!visible) {
      ++outOfView;
      continue;
    }
    ASSERT_GT(n, 20) << glow[i] << ": no glow where the gaze points (" << expected.x << ", " << expected.y << ")";
    EXPECT_NEAR(sx / n, expected.x, 3.0) << glow[i];
    EXPECT_NEAR(sy / n, expected.y, 3.0) << glow[i];
    ++checked;
  }
  EXPECT_GE(checked, 8) << outOfView << " out of view";
}

// The tour in the simulated headset: the wearer's head is their own, so the glow shows where the
// director looked (within a few pixels of the recorded gaze seen from the wearer's eye), and
// with the gaze behind the wearer an arrow on the edge of the view points to it instead.
ProcessResult headsetTour(const fs::path& dir, const std::string& name, double viewerYaw, const std::string& extra) {
  std::ofstream(dir / (name + ".json"), std::ios::trunc)
      << R"({ "display": { "width": 256, "height": 256, "lockstep": true }, "capture": { "frames": [55] },
             "head": [ { "frame": 0, "position": [0, 1.6, 0], "yaw_deg": )" << viewerYaw << " } ] }";
  return runShell("PERFECTSHOT_SIM_SCRIPT=" + (dir / (name + ".json")).string() + " PERFECTSHOT_SIM_CAPTURE_DIR=" +
                  (dir / name).string() + " PERFECTSHOT_VALIDATION=1 " + kPerfectshot + " --log-level info play " +
                  (dir / "shot").string() + " --display xr --no-audio --no-timeline --tour take1 --frames 60 " + extra +
                  " 2>&1");
}

struct Spot {
  double x = 0, y = 0, n = 0;
};

// Where two captures of the same frame differ.
Spot difference(const fs::path& a, const fs::path& b) {
  const Image x = loadImage(a.string()), y = loadImage(b.string());
  Spot s;
  for (int j = 0; j < x.height; ++j)
    for (int i = 0; i < x.width; ++i) {
      int d = 0;
      for (int c = 0; c < 3; ++c) d += std::abs(x.at(i, j, c) - y.at(i, j, c));
      if (d > 30) s.x += i + 0.5, s.y += j + 0.5, s.n += 1;
    }
  if (s.n > 0) s.x /= s.n, s.y /= s.n;
  return s;
}

TEST_F(XrWalkthrough, InAHeadsetTheGlowShowsTheDirectorsGazeAndAnArrowPointsToItWhenBehind) {
  const scenes::Walkthrough w = recording();
  ASSERT_FALSE(w.samples.empty());
  for (const auto& [name, yaw] : {std::pair{"facing", 0.0}, std::pair{"behind", 180.0}}) {
    const std::string glow = std::string(name) + "_glow", bare = std::string(name) + "_bare";
    ProcessResult r = headsetTour(dir(), glow, yaw, "");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
    r = headsetTour(dir(), bare, yaw, "--no-overlay");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    const Spot spot = difference(dir() / glow / "frame_55_left.png", dir() / bare / "frame_55_left.png");
    if (yaw == 0.0) {
      // The gaze 20 m out from the head where the tour began (the capture point), seen from the
      // left eye as the runtime placed it.
      std::ifstream in(dir() / glow / "frame_55.json");
      const auto doc = nlohmann::json::parse(in);
      const auto& pose = doc["images"][0]["pose_in_stage"];
      const glm::vec3 eye(pose["position"][0].get<float>(), pose["position"][1].get<float>(), pose["position"][2].get<float>());
      const auto& o = pose["orientation"];
      const glm::quat view(o[3].get<float>(), o[0].get<float>(), o[1].get<float>(), o[2].get<float>());
      const auto at = scenes::sampleAt(w, 55 / kHz);
      const glm::vec3 point = glm::vec3(0, 1.6f, 0) + at->position + 20.0f * (at->orientation * glm::vec3(0, 0, -1));
      const glm::vec3 d = glm::inverse(view) * (point - eye);
      const double x = 256 * (0.5 + 0.5 * d.x / -d.z), y = 256 * (0.5 - 0.5 * d.y / -d.z);  // 45 degrees each side
      ASSERT_GT(spot.n, 100) << "no glow";
      EXPECT_NEAR(spot.x, x, 4.0);
      EXPECT_NEAR(spot.y, y, 4.0);
      EXPECT_GT(std::abs(x - 128), 20.0) << "the director looked elsewhere than the wearer";
    } else {
      // Behind: no glow in the view, an arrow on its edge.
      ASSERT_GT(spot.n, 20) << "no arrow";
      const double fromCentre = std::max(std::abs(spot.x - 128), std::abs(spot.y - 128));
      EXPECT_GT(fromCentre, 80) << spot.x << ", " << spot.y;
    }
  }
}

TEST_F(XrWalkthrough, TrimAndCutEditTheRecordingAndRefuseBadSpans) {
  const fs::path pkg = dir() / "edit";
  fs::remove_all(pkg);
  fs::copy(dir() / "shot", pkg, fs::copy_options::recursive);
  ProcessResult r = runShell(kPerfectshot + " walkthrough list " + pkg.string() + " 2>&1");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("take1: 1.1"), std::string::npos) << r.output;
  for (const char* bad : {"trim --from 0.8 --to 0.5", "cut --from 0.2 --to 5", "trim --from 0.5 --to 0.5"}) {
    std::string cmd(bad);
    const std::string verb = cmd.substr(0, cmd.find(' '));
    r = runShell(kPerfectshot + " walkthrough " + verb + " " + pkg.string() + " take1" + cmd.substr(cmd.find(' ')) + " 2>&1");
    EXPECT_EQ(r.exitCode, 1) << bad << ": " << r.output;
    EXPECT_NE(r.output.find("perfectshot: error: walkthrough \"take1\""), std::string::npos) << r.output;
  }
  // play refuses to record over one, and to tour one the shot does not have.
  r = runShell(kPerfectshot + " play " + pkg.string() + " --display offscreen --record-walkthrough take1 2>&1");
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("this shot already has a walkthrough named \"take1\""), std::string::npos) << r.output;
  r = runShell(kPerfectshot + " play " + pkg.string() + " --display offscreen --tour 'no good' 2>&1");
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("a name is 1 to 64 letters"), std::string::npos) << r.output;
  r = runShell(kPerfectshot + " walkthrough cut " + pkg.string() + " nope --from 0 --to 1 2>&1");
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("no walkthrough named \"nope\""), std::string::npos) << r.output;
  r = runShell(kPerfectshot + " walkthrough cut " + pkg.string() + " take1 --from 0.2 --to 0.5 2>&1");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  auto cut = scenes::readWalkthrough(pkg, "take1");
  ASSERT_TRUE(cut.ok()) << cut.error().message();
  EXPECT_NEAR(cut->durationSeconds, recording().durationSeconds - 0.3, 1e-3);
  r = runShell(kPerfectshot + " lint " + pkg.string() + " 2>&1");
  EXPECT_EQ(r.exitCode, 0) << r.output;
  // A malformed one is refused by lint with its place.
  std::ofstream(scenes::walkthroughFile(pkg, "broken"))
      << R"({"format": "perfectshot-walkthrough/1", "name": "broken", "duration_s": 1, "samples": [[0, 0, 0, 0, 0, 0, 0, 0, 2]]})";
  r = runShell(kPerfectshot + " lint " + pkg.string() + " 2>&1");
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("broken.json#/samples/0/5: error: the orientation (qx, qy, qz, qw) is not a unit quaternion"),
            std::string::npos)
      << r.output;
}

// The director's voice heard as they walk (--walkthrough-mic; --voice-input's tone stands in for
// the microphone): a WAV in the package of the recording's length, the tone's pitch, placed at the
// recording's start; and without a microphone, the walkthrough is recorded without a voice.
TEST_F(XrWalkthrough, TheDirectorsVoiceIsHeardAsTheyWalk) {
  ProcessResult r = runShell("ffmpeg -v error -y -f lavfi -i sine=frequency=440:duration=3 " +
                             (dir() / "mic.wav").string() + " 2>&1");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  std::ofstream(dir() / "walk.json") << R"({ "display": { "width": 32, "height": 32, "lockstep": true } })";
  const std::string play = "PERFECTSHOT_SIM_SCRIPT=" + (dir() / "walk.json").string() + " PERFECTSHOT_VALIDATION=1 " +
                           kPerfectshot + " --log-level info play " + (dir() / "shot").string() +
                           " --display xr --no-audio --no-timeline --frames 90 --walkthrough-mic ";
  r = runShell(play + "--record-walkthrough spoken --voice-input " + (dir() / "mic.wav").string() + " 2>&1");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("[error]"), std::string::npos) << r.output;
  auto w = scenes::readWalkthrough(dir() / "shot", "spoken");
  ASSERT_TRUE(w.ok()) << w.error().message() << "\n" << r.output;
  ASSERT_EQ(w->voice.size(), 1u) << r.output;
  EXPECT_EQ(w->voice[0].src, "walkthroughs/spoken.voice.wav");
  EXPECT_NEAR(w->voice[0].atSeconds, 0.0, 1e-6) << "heard from the first frame on";

  // The WAV (RIFF, 16-bit mono): as long as the recording (90 frames at 90 Hz), the tone's pitch.
  std::ifstream in(dir() / "shot" / w->voice[0].src, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 44u);
  ASSERT_EQ(bytes.substr(0, 4), "RIFF");
  std::uint32_t rate = 0;
  std::memcpy(&rate, bytes.data() + 24, 4);
  const std::size_t data = bytes.find("data");
  ASSERT_NE(data, std::string::npos);
  std::vector<std::int16_t> samples((bytes.size() - data - 8) / 2);
  std::memcpy(samples.data(), bytes.data() + data + 8, samples.size() * 2);
  ASSERT_GT(rate, 0u);
  const double seconds = static_cast<double>(samples.size()) / rate;
  EXPECT_NEAR(seconds, w->durationSeconds, 0.05) << "the voice lasts as the walk does";
  EXPECT_NEAR(risingCrossingsHz(std::span<const std::int16_t>(samples), static_cast<int>(rate)), 440.0, 3.0);
  r = runShell(kPerfectshot + " lint " + (dir() / "shot").string() + " 2>&1");
  EXPECT_EQ(r.exitCode, 0) << r.output;

  // No microphone (OpenAL's null backend captures nothing): said once, recorded without a voice.
  r = runShell("ALSOFT_DRIVERS=null " + play + "--record-walkthrough silent 2>&1");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("walkthrough: recorded without a voice: no microphone"), std::string::npos) << r.output;
  auto silent = scenes::readWalkthrough(dir() / "shot", "silent");
  ASSERT_TRUE(silent.ok()) << silent.error().message();
  EXPECT_TRUE(silent->voice.empty());
  EXPECT_GE(silent->samples.size(), 85u);

  // --voice-input stands in for a microphone that is recorded; alone it is refused.
  r = runShell(kPerfectshot + " play " + (dir() / "shot").string() + " --display offscreen --voice-input " +
               (dir() / "mic.wav").string() + " 2>&1");
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("--voice-input: stands in for the microphone"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace ps::test
