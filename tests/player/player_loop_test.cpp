// The player loop in-process on an offscreen display with a stamped plate (loop_harness.h):
// one submit per drawn frame, the picture shown against the timeline's frame through play,
// pause and steps, the pause while the display is hidden, and the ways the loop ends.
#include <gtest/gtest.h>

#include <cstdlib>

#include "engine/render_still.h"
#include "loop_harness.h"
#include "scenes/shot_loader.h"

namespace ps::test {
namespace {

// Space, as the window reports it.
xr::RawInput togglePlay() {
  xr::RawInput in;
  in.keys.push_back({xr::Key::Space});
  return in;
}

// The arrow keys, one press per frame.
xr::RawInput step(int frames) {
  xr::RawInput in;
  for (int i = 0; i < std::abs(frames); ++i) in.keys.push_back({frames > 0 ? xr::Key::Right : xr::Key::Left});
  return in;
}

TEST(PlayerLoop, SubmitsOncePerDrawnFrameWithTheOverlayAndReadbacks) {
  LoopRun run(lookAt(30, -5), [](std::uint64_t index) { return index % 3 == 0; });
  auto shot = scenes::loadShot(kLoopShot);
  ASSERT_TRUE(shot) << shot.error().message();
  run.options.overlay.emplace();
  run.options.overlay->markers = shot->markers;
  run.options.maxFrames = 12;
  run.run();
  EXPECT_EQ(run.stats.frames, 12u);
  EXPECT_EQ(run.stats.drawn, 12u);
  EXPECT_EQ(run.stats.submits, run.stats.drawn) << "the views, the overlay and the readback share one submit";
  EXPECT_EQ(run.stats.cpuSeconds.count(), 12u);
}

TEST(PlayerLoop, MaxFramesEndsALoopingShot) {
  LoopRun run;
  run.options.loop = true;
  run.options.maxFrames = 70;  // the plate is 60 frames: the loop wraps first
  run.run();
  EXPECT_EQ(run.stats.frames, 70u);
  ASSERT_EQ(run.shown.size(), 70u);
  EXPECT_GE(run.shown.back().loopWraps, 1u);
}

TEST(PlayerLoop, AQuitRequestEndsTheLoopAtTheNextPass) {
  LoopRun run;
  run.options.maxFrames = 0;
  run.options.quitRequested = [&run] { return run.shown.size() >= 5; };
  run.run();
  EXPECT_EQ(run.stats.frames, 5u);
}

TEST(PlayerLoop, ThePictureShownIsTheTimelinesFramePlayingAndAfterAPause) {
  LoopRun run;
  run.inputAfter[10] = togglePlay();  // pause during playback
  run.inputAfter[15] = step(1);
  run.options.maxFrames = 20;
  run.run();
  ASSERT_EQ(run.shown.size(), 20u);
  for (const Shown& s : run.shown) {
    ASSERT_TRUE(s.stamp) << "display frame " << s.index;
    EXPECT_EQ(*s.stamp, s.timelineFrame) << "display frame " << s.index << (s.playing ? " (playing)" : " (paused)");
  }
  EXPECT_TRUE(run.shown[10].playing);
  EXPECT_FALSE(run.shown[11].playing);
  // Paused: the same frame until the step, then exactly the next one.
  for (std::uint64_t i = 12; i <= 15; ++i) EXPECT_EQ(run.stampAt(i), run.stampAt(11)) << "display frame " << i;
  ASSERT_TRUE(run.stampAt(11));
  EXPECT_EQ(run.stampAt(16), *run.stampAt(11) + 1);
}

// While playing, each new video frame is copied ahead, while the display waits for its next
// frame, and each display frame still shows exactly the picture the player says it shows.
TEST(PlayerLoop, TheNextVideoFrameIsCopiedAheadAndShownOnTime) {
  const engine::View view = lookAt(20, -10);
  LoopRun run(view, [](std::uint64_t) { return true; });
  run.options.maxFrames = 12;
  std::vector<std::optional<engine::RgbaImage>> expected;  // a still of the frame the player showed
  run.onShown = [&](const media::PlayerFrame& now) {
    if (now.frame == nullptr) {
      expected.emplace_back();
      return;
    }
    engine::StillRequest request;
    request.view = view;
    request.width = 64;
    request.height = 36;
    auto still = engine::renderStill(run.display->device(), now.frame->view(), request);
    ASSERT_TRUE(still.ok()) << still.error().message();
    expected.emplace_back(std::move(*still));
  };
  run.run();
  ASSERT_EQ(run.shown.size(), 12u);
  ASSERT_EQ(expected.size(), 12u);
  for (std::size_t i = 0; i < run.shown.size(); ++i) {
    ASSERT_TRUE(run.shown[i].stamp && run.shown[i].pixels && expected[i]) << "display frame " << i;
    EXPECT_EQ(*run.shown[i].stamp, run.shown[i].timelineFrame) << "display frame " << i;
    EXPECT_EQ(differingPixels(*run.shown[i].pixels, *expected[i], 2), 0) << "display frame " << i;
    // Consecutive video frames look different in this view, or the comparison would prove nothing.
    if (i > 0) {
      EXPECT_GT(differingPixels(*expected[i], *expected[i - 1], 2), 0) << "display frame " << i;
    }
  }
  // A new video frame each display frame: all but the first were copied ahead.
  EXPECT_EQ(run.stats.uploads, 12u);
  EXPECT_EQ(run.stats.uploadsAhead, 11u);
}

TEST(PlayerLoop, AStepMovesExactlyOneFrame) {
  LoopRun run;
  run.options.autoplay = false;
  run.inputAfter[3] = step(1);
  run.inputAfter[6] = step(1);
  run.inputAfter[9] = step(-1);
  run.inputAfter[12] = step(2);  // two presses in one frame
  run.options.maxFrames = 16;
  run.run();
  ASSERT_EQ(run.shown.size(), 16u);
  const std::vector<int> expected{0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 1, 1, 1, 3, 3, 3};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(run.stampAt(i), expected[i]) << "display frame " << i;
    EXPECT_EQ(run.shown[i].timelineFrame, expected[i]) << "display frame " << i;
    EXPECT_FALSE(run.shown[i].playing);
  }
}

TEST(PlayerLoop, AHiddenDisplayPausesAndResumesWhereItWas) {
  LoopRun run;
  run.visibleBefore[10] = false;
  run.visibleBefore[20] = true;
  run.options.maxFrames = 26;
  run.run();
  ASSERT_EQ(run.shown.size(), 26u);
  EXPECT_EQ(run.stats.hiddenPauses, 1u);
  ASSERT_TRUE(run.stampAt(9));
  const int lastSeen = *run.stampAt(9);
  // Paused as of the last frame shown: the shot time holds while hidden, however long.
  for (std::uint64_t i = 10; i < 20; ++i) {
    EXPECT_FALSE(run.shown[i].playing) << "display frame " << i;
    EXPECT_EQ(run.stampAt(i), lastSeen) << "display frame " << i;
  }
  // Shown again: playing on from there, not from where the clock ran to meanwhile.
  EXPECT_TRUE(run.shown[21].playing);
  ASSERT_TRUE(run.stampAt(25));
  EXPECT_GT(*run.stampAt(25), lastSeen);
  EXPECT_LE(*run.stampAt(25), lastSeen + 7) << "the ten hidden frames must not count";
}

TEST(PlayerLoop, ADisplayHiddenWhilePausedStaysPausedWhenShown) {
  LoopRun run;
  run.options.autoplay = false;
  run.visibleBefore[4] = false;
  run.visibleBefore[8] = true;
  run.options.maxFrames = 12;
  run.run();
  ASSERT_EQ(run.shown.size(), 12u);
  EXPECT_EQ(run.stats.hiddenPauses, 1u);
  for (const Shown& s : run.shown) {
    EXPECT_FALSE(s.playing) << "display frame " << s.index;
    EXPECT_EQ(s.stamp, 0) << "display frame " << s.index;
  }
}

}  // namespace
}  // namespace ps::test
