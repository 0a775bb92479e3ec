// The scrubber panel drawn by Dear ImGui into an offscreen texture on the GPU (lavapipe in
// CI), read back: the played part spans position/duration of the bar, text is drawn, and
// two panels (two ImGui contexts) coexist. The validation layer is on; any message fails.
#include <gtest/gtest.h>

#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "engine/device.h"
#include "engine/gui_pass.h"
#include "engine/offscreen_target.h"
#include "image.h"
#include "ui/scrubber_panel.h"

namespace ps::ui {
namespace {

struct Rgb {
  int r, g, b;
};

class PanelRender : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    setenv("PERFECTSHOT_VALIDATION", "1", 0);
    auto d = engine::Device::create();
    ASSERT_TRUE(d.ok()) << d.error().message();
    device_ = new engine::Device(std::move(*d));
  }
  static void TearDownTestSuite() {
    delete device_;
    device_ = nullptr;
  }
  void TearDown() override { EXPECT_EQ(device_->validationMessageCount(), 0u); }

  static engine::RgbaImage render(engine::ImGuiPass& pass, const ScrubberPanelFrame& frame) {
    const PanelLayout layout;
    engine::OffscreenTarget target(*device_, static_cast<std::uint32_t>(layout.width),
                                   static_cast<std::uint32_t>(layout.height), "panel test");
    pass.draw(target.target(), engine::ImGuiLoad::Clear, [&] { drawScrubberPanel(frame, layout, {0, 0}, 1); }, {},
              &target);
    pass.wait();
    return target.pixels();
  }
  static Rgb at(const engine::RgbaImage& img, int x, int y) {
    const std::size_t i = (static_cast<std::size_t>(y) * img.width + static_cast<std::size_t>(x)) * 4;
    return {img.pixels[i], img.pixels[i + 1], img.pixels[i + 2]};
  }
  static bool played(Rgb c) {
    return std::abs(c.r - kPlayedRgb[0]) <= 6 && std::abs(c.g - kPlayedRgb[1]) <= 6 &&
           std::abs(c.b - kPlayedRgb[2]) <= 6;
  }
  // The rightmost pixel of the played colour on a row inside the bar, below the knob.
  static int playedEnd(const engine::RgbaImage& img, int stripTop = 0) {
    const PanelLayout layout;
    const int y = stripTop + static_cast<int>(layout.barBottom) - 3;
    int end = -1;
    for (int x = 0; x < static_cast<int>(img.width); ++x)
      if (played(at(img, x, y))) end = x;
    return end;
  }

  static engine::Device* device_;
};
engine::Device* PanelRender::device_ = nullptr;

ScrubberPanelFrame frameAt(double seconds) {
  media::PlayerState s;
  s.positionSeconds = seconds;
  s.loop = media::LoopRegion{2, 6};
  std::vector<scenes::Marker> markers(1);
  markers[0].tIn = 3;
  return {barContent(s, TimelineRange{0, 10, {30, 1}}, {{0, "Front"}, {5, "Behind you"}}, markers), {}, {}, {}};
}

TEST_F(PanelRender, PlayedPartMatchesPositionOverDuration) {
  engine::ImGuiPass pass(*device_, {});
  const PanelLayout layout;
  for (double t : {1.0, 3.7, 8.2}) {
    const engine::RgbaImage img = render(pass, frameAt(t));
    const float expected = layout.pixelAt(t / 10);
    // The playhead line (4 px, white) covers the last two pixels of the played part.
    EXPECT_NEAR(playedEnd(img), expected, 4.0) << "t=" << t;
    EXPECT_TRUE(played(at(img, static_cast<int>(layout.barLeft) + 2, static_cast<int>(layout.barBottom) - 3)));
  }
}

TEST_F(PanelRender, TextAndPlayStateAreDrawn) {
  engine::ImGuiPass pass(*device_, {});
  const engine::RgbaImage img = render(pass, frameAt(1.0));
  // The timecode row: bright glyph pixels between x 70 and 280.
  int bright = 0;
  for (int y = 12; y < 44; ++y)
    for (int x = 70; x < 280; ++x) bright += at(img, x, y).r > 200 ? 1 : 0;
  EXPECT_GT(bright, 200) << "the timecode's glyphs";
  EXPECT_GT(at(img, 30, 30).r, 200) << "the pause bars";
  EXPECT_LT(at(img, 38, 30).r, 60) << "between the pause bars";
}

TEST_F(PanelRender, TwoPanelsKeepTheirOwnContexts) {
  ImGuiContext* before = ImGui::GetCurrentContext();
  engine::ImGuiPass a(*device_, {});
  engine::ImGuiPassOptions smaller;
  smaller.fontPixels = 20;
  engine::ImGuiPass b(*device_, smaller);
  EXPECT_EQ(ImGui::GetCurrentContext(), before) << "no context left current behind a pass";
  const engine::RgbaImage ia = render(a, frameAt(2.0));
  const engine::RgbaImage ib = render(b, frameAt(7.0));
  EXPECT_NEAR(playedEnd(ia), PanelLayout{}.pixelAt(0.2), 4.0);
  EXPECT_NEAR(playedEnd(ib), PanelLayout{}.pixelAt(0.7), 4.0);
}

TEST_F(PanelRender, DragPreviewShowsThePictureAboveTheCursor) {
  engine::ImGuiPass pass(*device_, {});
  const PanelLayout layout = worldPanelLayout();
  engine::OffscreenTarget target(*device_, static_cast<std::uint32_t>(layout.width),
                                 static_cast<std::uint32_t>(layout.canvasHeight()), "panel preview test");
  // A two-colour picture: left half green, right half blue (sRGB bytes).
  std::vector<std::uint8_t> picture(8 * 4 * 4);
  for (std::size_t i = 0; i < 8 * 4; ++i) {
    const bool left = i % 8 < 4;
    picture[i * 4 + 0] = 0;
    picture[i * 4 + 1] = left ? 200 : 0;
    picture[i * 4 + 2] = left ? 0 : 220;
    picture[i * 4 + 3] = 255;
  }
  pass.setPicture(picture.data(), 8, 4);
  ScrubberPanelFrame frame = frameAt(3.0);
  frame.cursor = 0.5;
  frame.cursorFrame = 150;
  frame.cursorTimecode = "00:00:05:00";
  frame.preview = true;
  const PictureDrawer drawer = [&](float x0, float y0, float x1, float y1) { pass.picture(x0, y0, x1, y1); };
  pass.draw(target.target(), engine::ImGuiLoad::Clear,
            [&] { drawScrubberPanel(frame, layout, {0, 0}, 1, {}, drawer); }, {}, &target);
  pass.wait();
  const engine::RgbaImage img = target.pixels();
  // The preview is centred on the cursor, above the strip.
  const int cx = static_cast<int>(layout.pixelAt(0.5));
  const int y = static_cast<int>(layout.previewHeight - 8 - layout.previewThumbHeight / 2) - 20;
  const Rgb left = at(img, cx - static_cast<int>(layout.previewWidth / 4), y);
  const Rgb right = at(img, cx + static_cast<int>(layout.previewWidth / 4), y);
  EXPECT_NEAR(left.g, 200, 3);
  EXPECT_LE(left.b, 3);
  EXPECT_NEAR(right.b, 220, 3);
  EXPECT_LE(right.g, 3);
  EXPECT_NEAR(playedEnd(img, static_cast<int>(layout.previewHeight)), layout.pixelAt(0.5), 4.0)
      << "the playhead follows the cursor while dragging";
  // For a reader: what the headset's panel looks like mid-drag.
  std::filesystem::create_directories(PS_BINARY_DIR "/test-out/ui_panel");
  test::savePng(PS_BINARY_DIR "/test-out/ui_panel/drag_preview.png",
          test::Image{static_cast<int>(img.width), static_cast<int>(img.height), 4, img.pixels});
  // Outside the preview, the room above the strip stays transparent.
  const std::size_t corner = (std::size_t{10} * img.width + 10) * 4;
  EXPECT_EQ(img.pixels[corner + 3], 0);
}

}  // namespace
}  // namespace ps::ui
