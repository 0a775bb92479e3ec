// `perfectshot play scenes/demo --display window` under Xvfb with a scripted input: three
// frame steps, a one-second jump and a drag; the screenshot the window takes must match
// `perfectshot render` at the pose the drag gives and the time the keys moved the playhead to.
#include <cstdio>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "image.h"
#include "process.h"
#include "xr/window_input.h"

namespace ps::test {
namespace {

const std::string kDemo = PS_SOURCE_DIR "/scenes/demo";
const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";

std::filesystem::path outDir() {
  const auto dir = std::filesystem::path(PS_BINARY_DIR) / "test-output" / "window";
  std::filesystem::create_directories(dir);
  return dir;
}

Image render(double time, float yaw, float pitch, float hfov, float vfov, const std::string& name) {
  const std::string out = (outDir() / (name + ".png")).string();
  auto r = run({kPerfectshot, "--log-level", "warn", "render", kDemo, "--time", std::to_string(time),
                "--yaw=" + std::to_string(yaw), "--pitch=" + std::to_string(pitch), "--hfov", std::to_string(hfov),
                "--vfov", std::to_string(vfov), "--size", "960x540", "-o", out});
  if (r.exitCode != 0) throw std::runtime_error("perfectshot render failed: " + r.output);
  return loadImage(out);
}

TEST(PlayWindowTest, ScriptedKeysAndDragShowTheTurnedViewAtTheMovedPlayhead) {
  const auto help = run({kPerfectshot, "play", "--help"});
  if (help.output.find("--input-script") == std::string::npos)
    GTEST_SKIP() << "perfectshot play has no --input-script yet (the player loop wires the window display)";

  const auto shot = outDir() / "play_window.png";
  std::filesystem::remove(shot);
  const auto script = outDir() / "play_window.script";
  {
    std::ofstream s(script);
    s << "5 key right\n6 key right\n7 key right\n"  // three frames on: frame 3
         "8 key shift+right\n"                      // one second on: frame 33 at 30 fps
         "10 drag 480 270 580 220\n"                // right 100 px, up 50 px
         "60 screenshot " << shot.string() << "\n"
         "62 quit\n";
  }
  // --no-timeline --no-overlay: the whole picture is compared with a render (tests/ui covers
  // the bar along the bottom, tests/tools and tests/narration what is drawn over the view).
  auto r = run({kPerfectshot, "--log-level", "info", "play", kDemo, "--display", "window", "--no-timeline", "--no-overlay",
                "--window-width", "960", "--window-height", "540", "--input-script", script.string()});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("[vulkan]"), std::string::npos) << r.output;  // no validation message
  ASSERT_TRUE(std::filesystem::exists(shot)) << r.output;
  // One submit per display frame: for a drawn one the view's pass and the screenshot's copy
  // together, no submit of the window's own for the present's fence; for one the loop did not
  // draw (no picture yet), the window's own clear.
  unsigned long frames = 0, drawn = 0, uploads = 0, submits = 0;
  int parsed = 0;
  for (auto at = r.output.find("play: "); at != std::string::npos && parsed != 4; at = r.output.find("play: ", at + 1))
    parsed = std::sscanf(r.output.c_str() + at, "play: %lu display frames (%lu drawn, %lu uploads, %lu submits)", &frames,
                         &drawn, &uploads, &submits);
  ASSERT_EQ(parsed, 4) << r.output;
  EXPECT_GE(drawn, 60u);
  EXPECT_EQ(submits, drawn);
  unsigned long own = 0;
  const auto ownAt = r.output.find("submits of the display's own");
  ASSERT_NE(ownAt, std::string::npos) << r.output;
  ASSERT_EQ(std::sscanf(r.output.c_str() + r.output.rfind("play: ", ownAt), "play: %lu submits", &own), 1) << r.output;
  EXPECT_EQ(submits + own, frames) << r.output;

  // The window's mapping, from its contract: vfov 70 over 540 px, the picture follows the cursor.
  const xr::HeadLook look{-100.0f * 70.0f / 540.0f, -50.0f * 70.0f / 540.0f, 70.0f};
  const float hfov = look.hFovDeg(960.0f / 540.0f);
  const double frame33 = (33.0 + 0.5) / 30.0;  // the middle of frame 33's interval
  const Image actual = loadImage(shot.string());
  const Image expected = render(frame33, look.yawDeg, look.pitchDeg, hfov, look.vFovDeg, "play_window_expected");
  const double same = psnr(actual, expected);
  RecordProperty("psnr_same", std::to_string(same));
  EXPECT_GE(same, 30.0);
  if (same < 30.0) saveComparison("play_window", actual, expected);
  // Neither the unturned view nor the first frame is what the window shows.
  const double unturned = psnr(actual, render(frame33, 0, 0, hfov, 70, "play_window_unturned"));
  const double firstFrame = psnr(actual, render(0.5 / 30.0, look.yawDeg, look.pitchDeg, hfov, 70, "play_window_t0"));
  RecordProperty("psnr_unturned", std::to_string(unturned));
  RecordProperty("psnr_first_frame", std::to_string(firstFrame));
  EXPECT_LT(unturned, same - 10.0);
  EXPECT_LT(firstFrame, same - 3.0);
}

}  // namespace
}  // namespace ps::test
