#pragma once
// A PlayerLoop run in-process on an offscreen display (tiny, stepped one video frame per
// display frame, so display times and what is shown are deterministic) over the generated
// stamped plate: what each frame showed, input scripted by display frame, and a display that
// hides and shows on cue.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/rgba_image.h"
#include "engine/view.h"
#include "media/frame_stamp.h"
#include "media/player.h"
#include "media/video_source.h"
#include "player/player_loop.h"
#include "scenes/shot_loader.h"
#include "ui/timecode.h"
#include "xr/offscreen_display.h"

namespace ps::test {

inline const std::string kLoopShot = PS_TEST_MEDIA_DIR "/player/shot";
inline constexpr double kFrameSeconds = 1.0 / 30;  // the plate's and the shot's rate
inline constexpr Rational kFps{30, 1};

// The view straight at (yaw, pitch), v360's angles, 60x40 degrees.
inline engine::View lookAt(float yawDeg, float pitchDeg) { return engine::viewFromV360({yawDeg, pitchDeg, 0, 60, 40}); }

// What one display frame showed.
struct Shown {
  std::uint64_t index = 0;            // the display frame
  std::optional<int> stamp;           // the frame number in the picture shown
  std::int64_t timelineFrame = -1;    // the frame the timeline says (of the playhead)
  bool playing = false;
  std::uint64_t loopWraps = 0;
  std::optional<engine::RgbaImage> pixels;  // read back, where asked for
};

// Delegates to an offscreen display; poll() also reports the display hidden or shown before
// the display frames given.
class HidingDisplay final : public xr::Display {
 public:
  HidingDisplay(xr::Display& inner, std::map<std::uint64_t, bool> visibleBeforeFrame)
      : inner_(inner), visible_(std::move(visibleBeforeFrame)) {}
  std::string_view name() const override { return "hiding"; }
  xr::DisplayCapabilities capabilities() const override { return inner_.capabilities(); }
  const engine::Device& device() const override { return inner_.device(); }
  xr::DisplayEvents poll() override {
    xr::DisplayEvents ev = inner_.poll();
    if (auto it = visible_.find(polls_++); it != visible_.end()) ev.visible = it->second;
    return ev;
  }
  std::optional<xr::DisplayFrame> beginFrame() override { return inner_.beginFrame(); }
  void endFrame(xr::DisplayFrame& frame) override { inner_.endFrame(frame); }
  xr::RawInput input() override { return inner_.input(); }
  void requestQuit() override { inner_.requestQuit(); }

 private:
  xr::Display& inner_;
  std::map<std::uint64_t, bool> visible_;  // by poll, which is by display frame here
  std::uint64_t polls_ = 0;
};

struct LoopRun {
  std::unique_ptr<xr::OffscreenDisplay> display;
  std::unique_ptr<media::Player> player;
  player::PlayerLoopOptions options;
  // Input handed to the display after display frame n ends: the loop reads it in frame n + 1.
  std::map<std::uint64_t, xr::RawInput> inputAfter;
  std::map<std::uint64_t, bool> visibleBefore;  // hidden (false) or shown (true) before frame n
  // Where the playhead starts: the middle of frame 0, so that a display frame (stepped by
  // whole frames) never lands on the boundary between two frames, where rounding may put
  // the playhead a hair on either side.
  double startSeconds = kFrameSeconds / 2;
  std::vector<Shown> shown;
  player::PlayerLoopStats stats;
  // Called after each display frame with what the player showed, before it is recorded.
  std::function<void(const media::PlayerFrame&)> onShown;

  // width x height per eye; readBack: the display frames whose pixels to keep.
  explicit LoopRun(engine::View view = lookAt(0, 0), std::function<bool(std::uint64_t)> readBack = {},
                   std::uint32_t width = 64, std::uint32_t height = 36) {
    xr::OffscreenDisplayOptions o;
    o.width = width;
    o.height = height;
    o.startTime = 100;
    o.step = kFrameSeconds;
    o.view = [view](std::uint64_t, double) { return view; };
    o.readBack = std::move(readBack);
    auto created = xr::OffscreenDisplay::create(o);
    if (!created) {
      ADD_FAILURE() << created.error().message();
      return;
    }
    display = std::move(*created);
    auto video = media::VideoSource::open(kLoopShot + "/plate.mp4");
    if (!video) {
      ADD_FAILURE() << video.error().message();
      return;
    }
    player = std::make_unique<media::Player>(std::move(*video), nullptr);
    options.decodeWait = std::chrono::seconds(10);  // exactly the frame the clock asks for
    options.maxFrames = 20;
  }

  void run() {
    ASSERT_TRUE(display && player);
    player::PlayerLoopOptions o = options;
    o.afterFrame = [this](const xr::DisplayFrame& frame, const media::PlayerFrame& now) {
      Shown s;
      s.index = frame.index;
      if (now.frame != nullptr) s.stamp = media::readFrameStamp(now.frame->view());
      s.timelineFrame = ui::frameAt(now.state.positionSeconds, kFps);
      s.playing = now.state.playing;
      s.loopWraps = now.state.loopWraps;
      if (display->pixelsIndex() == frame.index) s.pixels = display->pixels().front();
      if (onShown) onShown(now);
      shown.push_back(std::move(s));
      if (auto it = inputAfter.find(frame.index); it != inputAfter.end()) display->queueInput(it->second);
    };
    std::optional<HidingDisplay> hiding;
    if (!visibleBefore.empty()) hiding.emplace(*display, visibleBefore);
    player->seek(startSeconds);
    player::PlayerLoop loop(hiding ? static_cast<xr::Display&>(*hiding) : *display, *player, o);
    stats = loop.run();
    EXPECT_EQ(display->device().validationMessageCount(), 0u);
  }

  std::optional<int> stampAt(std::uint64_t index) const {
    return index < shown.size() ? shown[index].stamp : std::nullopt;
  }
};

// Pixels that differ by more than `tolerance` in any channel.
inline int differingPixels(const engine::RgbaImage& a, const engine::RgbaImage& b, int tolerance = 24) {
  if (a.width != b.width || a.height != b.height) return -1;
  int n = 0;
  for (std::size_t i = 0; i + 3 < a.pixels.size(); i += 4)
    for (std::size_t c = 0; c < 3; ++c)
      if (std::abs(int(a.pixels[i + c]) - int(b.pixels[i + c])) > tolerance) {
        ++n;
        break;
      }
  return n;
}

}  // namespace ps::test
