// `perfectshot play --display xr` with the mirror window, against the simulated headset, under
// Xvfb (the binary runs inside xvfb-run), with the OpenXR core validation layer and the Vulkan
// validation layer on: the window shows the left eye the runtime received in the same frame
// (the sim's capture against the mirror's screenshot), also scaled after a resize; closing the
// window leaves the headset playing; a mirror that cannot open is a warning in auto mode and
// an Error when asked for by name with --display xr.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "image.h"
#include "demo_without_sets.h"
#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";

// An X display address that cannot exist, so no other process can be serving it: its socket
// path lies under /dev/null, which is no directory (nor is "/dev/null" a transport Xlib knows),
// and it names no host, so nothing is looked up or tried over TCP either.
const std::string kUnreachableDisplay = "/dev/null/X0:0";

fs::path testDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path d = fs::path(PS_BINARY_DIR) / "test-out" / "xr_mirror" / info->name();
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// Runs play on the demo shot with the sim script; `env` goes before the command (e.g. DISPLAY).
ProcessResult play(const fs::path& dir, const std::string& script, const std::string& args, const std::string& env = "") {
  std::ofstream(dir / "script.json") << script;
  const std::string cmd = env + " PERFECTSHOT_SIM_SCRIPT=" + (dir / "script.json").string() +
                          " PERFECTSHOT_SIM_CAPTURE_DIR=" + (dir / "capture").string() +
                          " PERFECTSHOT_SIM_STATS=" + (dir / "stats.json").string() +
                          " XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation PERFECTSHOT_VALIDATION=1 " +
                          kPerfectshot + " play " + demoWithoutSets() + " --no-audio --no-timeline " + args;
  return runShell(cmd + " 2>&1");
}

void expectNoValidationMessage(const ProcessResult& r) {
  EXPECT_EQ(r.output.find("VUID"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("[vulkan]"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("validation"), std::string::npos) << r.output;
}

// xrEndFrame calls the sim counted in the run's one session.
std::uint64_t framesEnded(const fs::path& dir) {
  std::ifstream in(dir / "stats.json");
  std::string line;
  std::uint64_t ended = 0;
  while (std::getline(in, line)) ended += nlohmann::json::parse(line)["frames_ended"].get<std::uint64_t>();
  return ended;
}

// The headset frame a mirror screenshot shows, from the player's log.
int screenshotFrame(const std::string& output, const fs::path& file) {
  const std::regex line("mirror: screenshot " + file.string() + " of headset frame ([0-9]+)");
  std::smatch m;
  if (!std::regex_search(output, m, line)) return -1;
  return std::stoi(m[1]);
}

Image leftEye(const fs::path& dir, int frame) {
  return loadImage((dir / "capture" / ("frame_" + std::to_string(frame) + "_left.png")).string());
}

// Bilinear, sampling at pixel centres as vkCmdBlitImage's linear filter does.
Image resize(const Image& in, int width, int height) {
  Image out{width, height, in.channels, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * in.channels)};
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const double sx = std::clamp((x + 0.5) * in.width / width - 0.5, 0.0, in.width - 1.0);
      const double sy = std::clamp((y + 0.5) * in.height / height - 0.5, 0.0, in.height - 1.0);
      const int x0 = static_cast<int>(sx), y0 = static_cast<int>(sy);
      const int x1 = std::min(x0 + 1, in.width - 1), y1 = std::min(y0 + 1, in.height - 1);
      const double fx = sx - x0, fy = sy - y0;
      for (int c = 0; c < in.channels; ++c) {
        const double v = (1 - fy) * ((1 - fx) * in.at(x0, y0, c) + fx * in.at(x1, y0, c)) +
                         fy * ((1 - fx) * in.at(x0, y1, c) + fx * in.at(x1, y1, c));
        out.pixels[(static_cast<std::size_t>(y) * width + x) * in.channels + c] = static_cast<std::uint8_t>(std::lround(v));
      }
    }
  return out;
}

Image crop(const Image& in, int x0, int width) {
  Image out{width, in.height, in.channels, {}};
  for (int y = 0; y < in.height; ++y) {
    const auto row = in.pixels.begin() + (static_cast<std::ptrdiff_t>(y) * in.width + x0) * in.channels;
    out.pixels.insert(out.pixels.end(), row, row + static_cast<std::ptrdiff_t>(width) * in.channels);
  }
  return out;
}

// Lockstep: what the player shows at sim frame n does not depend on the machine's load. The
// head turns 2 degrees a frame, so neighbouring frames differ clearly.
const char* const kTurningHead = R"({
  "display": { "width": 256, "height": 256, "lockstep": true },
  "head": [ { "frame": 0, "position": [0, 1.6, 0], "yaw_deg": 0 }, { "frame": 90, "yaw_deg": 180 } ],
  "capture": { "frames": [18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
                          36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50] },
  "events": [ { "frame": 56, "type": "exit_requested" } ] })";

TEST(XrMirror, ShowsTheLeftEyeOfTheSameFrame) {
  const fs::path dir = testDir();
  const fs::path shot = dir / "mirror.png", resized = dir / "resized.png";
  std::ofstream(dir / "input.txt") << "20 screenshot " << shot.string() << "\n"
                                   << "26 resize 400 300\n"
                                   << "34 screenshot " << resized.string() << "\n";
  auto r = play(dir, kTurningHead,
                "--display xr --mirror left --window-width 256 --window-height 256 --input-script " +
                    (dir / "input.txt").string());
  EXPECT_EQ(r.exitCode, 0) << r.output;
  expectNoValidationMessage(r);
  EXPECT_NE(r.output.find("openxr: mirroring the left eye in a window"), std::string::npos) << r.output;

  // The window is the eye's size: the eye copied texel for texel.
  const int frame = screenshotFrame(r.output, shot);
  ASSERT_GE(frame, 20) << r.output;
  ASSERT_LE(frame, 28) << "the mirror skipped many frames in a row\n" << r.output;
  const Image mirror = loadImage(shot.string());
  ASSERT_EQ(mirror.width, 256);
  ASSERT_EQ(mirror.height, 256);
  const double same = psnr(mirror, leftEye(dir, frame));
  RecordProperty("psnr_same_frame", std::to_string(same));
  EXPECT_GE(same, 35.0);
  if (same < 35.0) saveComparison((dir / "same").string(), mirror, leftEye(dir, frame));
  // Not a frame early or late: the turning head makes those clearly different.
  EXPECT_LT(psnr(mirror, leftEye(dir, frame - 1)), same - 6.0);
  EXPECT_LT(psnr(mirror, leftEye(dir, frame + 1)), same - 6.0);

  // 400x300: the eye scaled to the window's height (300x300), centred, black either side.
  const int later = screenshotFrame(r.output, resized);
  ASSERT_GE(later, 34) << r.output;
  ASSERT_LE(later, 42) << r.output;
  const Image wide = loadImage(resized.string());
  ASSERT_EQ(wide.width, 400);
  ASSERT_EQ(wide.height, 300);
  const Image expected = resize(leftEye(dir, later), 300, 300);
  const double scaled = psnr(crop(wide, 50, 300), expected);
  RecordProperty("psnr_scaled", std::to_string(scaled));
  EXPECT_GE(scaled, 35.0);
  if (scaled < 35.0) saveComparison((dir / "scaled").string(), crop(wide, 50, 300), expected);
  const Image bar = crop(wide, 0, 50);
  EXPECT_EQ(*std::max_element(bar.pixels.begin(), bar.pixels.end()), 0) << "left bar not black";
}

// perfectshot kiosk: the operator's line (what plays, visitors today, the last error) is drawn
// along the bottom of the mirror's picture, light on black; the headset's eyes never show it.
// A black clip: whatever is light in the mirror is the line.
TEST(XrMirror, TheKiosksOperatorLineIsInTheMirrorNotInTheEyes) {
  const fs::path dir = testDir();
  const fs::path clip = dir / "black.mp4", shot = dir / "mirror.png";
  ASSERT_EQ(runShell("ffmpeg -v error -y -f lavfi -i color=c=black:s=128x64:r=30:d=5 -c:v libx264 -g 30 -pix_fmt yuv420p " +
                     clip.string() + " 2>&1").exitCode, 0);
  std::ofstream(dir / "input.txt") << "30 screenshot " << shot.string() << "\n";
  std::ofstream(dir / "script.json") << R"({"display": {"width": 256, "height": 256, "lockstep": true},
    "capture": {"frames": [26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40]},
    "events": [{"frame": 60, "type": "exit_requested"}]})";
  const ProcessResult r = runShell("PERFECTSHOT_SIM_SCRIPT=" + (dir / "script.json").string() +
                                   " PERFECTSHOT_SIM_CAPTURE_DIR=" + (dir / "capture").string() + " " + kPerfectshot +
                                   " --log-level info kiosk " + clip.string() +
                                   " --display xr --no-audio --mirror left --window-width 256 --window-height 256"
                                   " --input-script " + (dir / "input.txt").string() + " 2>&1");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const int frame = screenshotFrame(r.output, shot);
  ASSERT_GE(frame, 30) << r.output;
  ASSERT_LE(frame, 40) << r.output;
  const Image mirror = loadImage(shot.string());
  ASSERT_EQ(mirror.height, 256);
  const auto brightest = [](const Image& img, int fromRow, int toRow) {
    int most = 0;
    for (int y = fromRow; y < toRow; ++y)
      for (int x = 0; x < img.width; ++x)
        for (int c = 0; c < 3; ++c) most = std::max(most, static_cast<int>(img.at(x, y, c)));
    return most;
  };
  EXPECT_GE(brightest(mirror, 256 - 22, 256), 150) << "no operator line along the mirror's bottom";
  EXPECT_LT(brightest(mirror, 0, 256 - 22), 60) << "the mirror shows more than the black eye above the line";
  const Image eye = leftEye(dir, frame);
  EXPECT_LT(brightest(eye, 0, eye.height), 60) << "the operator's line reached the eye";
}

// Every vkQueueSubmit of the app goes through a frame context: the loop's (counted in play's
// summary) or the display's own (its own line). With the mirror's copy in the loop's submit, a
// headset frame is at most one submit, and a drawn one is exactly the loop's.
TEST(XrMirror, AHeadsetFrameWithTheMirrorIsOneSubmit) {
  const fs::path dir = testDir();
  auto r = play(dir, kTurningHead, "--display xr --mirror left --window-width 256 --window-height 256");
  EXPECT_EQ(r.exitCode, 0) << r.output;
  expectNoValidationMessage(r);
  unsigned long frames = 0, drawn = 0, uploads = 0, submits = 0, own = 0, mirrored = 0, ended = 0;
  int parsed = 0;
  for (auto at = r.output.find("play: "); at != std::string::npos && parsed != 4; at = r.output.find("play: ", at + 1))
    parsed = std::sscanf(r.output.c_str() + at, "play: %lu display frames (%lu drawn, %lu uploads, %lu submits)", &frames,
                         &drawn, &uploads, &submits);
  ASSERT_EQ(parsed, 4) << r.output;
  const auto ownAt = r.output.find("submits of the display's own");
  ASSERT_NE(ownAt, std::string::npos) << r.output;
  ASSERT_EQ(std::sscanf(r.output.c_str() + r.output.rfind("play: ", ownAt), "play: %lu submits", &own), 1) << r.output;
  const auto mirrorAt = r.output.find("openxr: the mirror window showed ");
  ASSERT_NE(mirrorAt, std::string::npos) << r.output;
  ASSERT_EQ(std::sscanf(r.output.c_str() + mirrorAt, "openxr: the mirror window showed %lu of %lu frames", &mirrored,
                        &ended),
            2)
      << r.output;
  RecordProperty("frames", std::to_string(frames));
  RecordProperty("mirrored", std::to_string(mirrored));
  EXPECT_GE(drawn, 40u) << r.output;
  EXPECT_EQ(submits, drawn) << r.output;
  // Frames shown in the window were copied by the loop's submit of the same frame.
  EXPECT_GE(mirrored, drawn / 2) << r.output;
  EXPECT_LE(mirrored, drawn) << r.output;
  // The mirror submits only for a frame it began that the loop did not draw.
  EXPECT_LE(own, frames - drawn) << r.output;
  EXPECT_LE(submits + own, frames) << r.output;
}

TEST(XrMirror, ClosingTheMirrorLeavesTheHeadsetPlaying) {
  const fs::path dir = testDir();
  std::ofstream(dir / "input.txt") << "5 quit\n";  // as the window's close button
  auto r = play(dir, kTurningHead,
                "--display xr --window-width 256 --window-height 256 --input-script " + (dir / "input.txt").string());
  EXPECT_EQ(r.exitCode, 0) << r.output;
  expectNoValidationMessage(r);
  EXPECT_NE(r.output.find("openxr: mirror window closed; the headset plays on"), std::string::npos) << r.output;
  EXPECT_GE(framesEnded(dir), 56u) << r.output;
  EXPECT_TRUE(fs::exists(dir / "capture" / "frame_50_left.png")) << r.output;
}

TEST(XrMirror, NoWindowSystemIsAWarningInAutoMode) {
  const fs::path dir = testDir();
  // A desktop is named but cannot be reached: the default mirror is tried and given up.
  auto r = play(dir, kTurningHead, "--display auto", "DISPLAY=" + kUnreachableDisplay);
  EXPECT_EQ(r.exitCode, 0) << r.output;
  expectNoValidationMessage(r);
  EXPECT_NE(r.output.find("no mirror window"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("the headset plays without it"), std::string::npos) << r.output;
  EXPECT_GE(framesEnded(dir), 56u) << r.output;
  EXPECT_TRUE(fs::exists(dir / "capture" / "frame_50_left.png")) << r.output;
}

TEST(XrMirror, AMirrorAskedForByNameWithoutADesktopIsAnError) {
  const fs::path dir = testDir();
  auto r = play(dir, kTurningHead, "--display xr --mirror left", "env -u DISPLAY");
  EXPECT_NE(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("mirror"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("--mirror none"), std::string::npos) << r.output;
  // Without the flag the same run has no mirror and plays.
  auto plain = play(dir, kTurningHead, "--display xr", "env -u DISPLAY");
  EXPECT_EQ(plain.exitCode, 0) << plain.output;
  EXPECT_EQ(plain.output.find("mirror window"), std::string::npos) << plain.output;
  EXPECT_EQ(plain.output.find("mirroring"), std::string::npos) << plain.output;
}

}  // namespace
}  // namespace ps::test
