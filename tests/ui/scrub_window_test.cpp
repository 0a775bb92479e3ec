// The timeline bar in the window (`perfectshot play --display window` under Xvfb): a scripted
// press on the bar, a drag along it and a release land on the exact frame under the cursor
// (the frame stamp of the decoded frame, logged by the player, and the picture above the bar
// compared with `perfectshot render` of that frame); the bar is drawn along the bottom, its
// played part as long as position / duration; the press did not turn the view.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "image.h"
#include "process.h"
#include "ui/panel_layout.h"
#include "ui/scrubber_panel.h"
#include "xr/window_input.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kDemo = PS_SOURCE_DIR "/scenes/demo";
const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
constexpr int kWidth = 960, kHeight = 540;
constexpr double kFrames = 300;  // scenes/demo: 10 s at 30 fps

fs::path outDir() {
  const auto dir = fs::path(PS_BINARY_DIR) / "test-out" / "ui_scrub_window";
  fs::create_directories(dir);
  return dir;
}

// The bar's geometry in the window: the panel spans the width, along the bottom.
struct WindowBar {
  ui::PanelLayout layout;
  float scale = static_cast<float>(kWidth) / layout.width;
  float top = static_cast<float>(kHeight) - layout.height * scale;
  double x(double fraction) const { return layout.pixelAt(fraction) * scale; }
  double y() const { return top + (layout.barTop + layout.barBottom) / 2 * scale; }
};

Image crop(const Image& img, int y0, int y1) {
  Image out{img.width, y1 - y0, img.channels, {}};
  out.pixels.assign(img.pixels.begin() + static_cast<std::ptrdiff_t>(y0) * img.width * img.channels,
                    img.pixels.begin() + static_cast<std::ptrdiff_t>(y1) * img.width * img.channels);
  return out;
}

int playedEnd(const Image& img, int y) {
  int end = -1;
  for (int x = 0; x < img.width; ++x) {
    const std::size_t i = (static_cast<std::size_t>(y) * img.width + x) * img.channels;
    if (std::abs(img.pixels[i] - ui::kPlayedRgb[0]) <= 8 && std::abs(img.pixels[i + 1] - ui::kPlayedRgb[1]) <= 8 &&
        std::abs(img.pixels[i + 2] - ui::kPlayedRgb[2]) <= 8)
      end = x;
  }
  return end;
}

TEST(ScrubWindow, DragOnTheBarLandsOnTheFrameUnderTheCursorAndKeepsTheView) {
  const WindowBar bar;
  const int target = 123;
  const double targetX = bar.x((target + 0.5) / kFrames);
  const fs::path shot = outDir() / "scrub_window.png";
  fs::remove(shot);
  const fs::path script = outDir() / "scrub_window.script";
  {
    std::ofstream s(script);
    s << "5 press " << bar.x(0.1) << " " << bar.y() << "\n"
      << "6 move " << bar.x(0.3) << " " << bar.y() - 40 << "\n"  // off the bar, above it: still scrubbing
      << "8 move " << targetX << " " << bar.y() << "\n"
      << "9 release " << targetX << " " << bar.y() << "\n"
      << "40 screenshot " << shot.string() << "\n"
      << "42 quit\n";
  }
  const auto r = run({kPerfectshot, "--log-level", "info", "play", kDemo, "--display", "window", "--no-audio", "--no-overlay",
                      "--window-width", std::to_string(kWidth), "--window-height", std::to_string(kHeight),
                      "--input-script", script.string()});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("[vulkan]"), std::string::npos) << r.output;  // no validation message
  // Placed once, not again on every frame.
  const std::string placed = "timeline: panel along the window's bottom";
  const std::size_t first = r.output.find(placed);
  EXPECT_NE(first, std::string::npos) << r.output;
  EXPECT_EQ(r.output.find(placed, first + 1), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("timeline: landed on frame " + std::to_string(target) + " (stamp " + std::to_string(target) +
                          ")"),
            std::string::npos)
      << r.output;
  ASSERT_TRUE(fs::exists(shot)) << r.output;

  // The view: unturned (the press was on the bar) and showing the landed frame.
  const std::string expectedFile = (outDir() / "scrub_window_expected.png").string();
  const xr::HeadLook look;  // the window's start: straight ahead
  const std::string size = std::to_string(kWidth) + "x" + std::to_string(kHeight);
  const std::string hfov = std::to_string(look.hFovDeg(static_cast<float>(kWidth) / kHeight));
  const auto render = run({kPerfectshot, "--log-level", "warn", "render", kDemo, "--time",
                           std::to_string((target + 0.5) / 30.0), "--yaw=0", "--pitch=0", "--hfov", hfov, "--vfov",
                           std::to_string(look.vFovDeg), "--size", size, "-o", expectedFile});
  ASSERT_EQ(render.exitCode, 0) << render.output;
  const Image actual = loadImage(shot.string());
  const Image expected = loadImage(expectedFile);
  const int top = static_cast<int>(bar.top);
  const double above = psnr(crop(actual, 0, top), crop(expected, 0, top));
  EXPECT_GE(above, 30.0) << "the picture above the bar: the landed frame, the view not turned";
  if (above < 30.0) saveComparison("scrub_window_above", crop(actual, 0, top), crop(expected, 0, top));
  const double barRegion = psnr(crop(actual, top, kHeight), crop(expected, top, kHeight));
  EXPECT_LT(barRegion, 20.0) << "the bar is drawn over the bottom of the view";

  // The played part ends at the playhead: position / duration of the bar.
  const int row = static_cast<int>(bar.top + (bar.layout.barBottom - 3) * bar.scale);
  EXPECT_NEAR(playedEnd(actual, row), targetX, 4.0);
}

}  // namespace
}  // namespace ps::test
