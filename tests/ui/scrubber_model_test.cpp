#include <gtest/gtest.h>

#include "ui/scrubber_model.h"

namespace ps::ui {
namespace {

TimelineRange range10s() { return TimelineRange{0, 10, {30, 1}}; }

TEST(TimelineRange, FromTheShotTimelineWithAndWithoutAnOutPoint) {
  scenes::Timeline t;
  t.fps = {24000, 1001};
  t.in = 2;
  auto r = TimelineRange::of(t, 41.2);
  EXPECT_DOUBLE_EQ(r.in, 2);
  EXPECT_DOUBLE_EQ(r.out, 41.2);
  t.out = 30;
  r = TimelineRange::of(t, 41.2);
  EXPECT_DOUBLE_EQ(r.out, 30);
  EXPECT_EQ(r.fps, (Rational{24000, 1001}));
}

TEST(TimelineRange, FirstAndLastFrames) {
  const auto r = range10s();
  EXPECT_EQ(r.firstFrame(), 0);
  EXPECT_EQ(r.lastFrame(), 299);  // 10 s at 30 fps: frames 0..299, out is exclusive
  const TimelineRange trimmed{1.05, 2.0, {30, 1}};
  EXPECT_EQ(trimmed.firstFrame(), 31);
  EXPECT_EQ(trimmed.lastFrame(), 59);
}

TEST(TimelineRange, FractionsMapToFramesAndClamp) {
  const auto r = range10s();
  EXPECT_EQ(r.frameAtFraction(0), 0);
  EXPECT_EQ(r.frameAtFraction(0.5), 150);
  EXPECT_EQ(r.frameAtFraction(1), 299);   // the right end is the last frame, not one past it
  EXPECT_EQ(r.frameAtFraction(1.7), 299);
  EXPECT_EQ(r.frameAtFraction(-3), 0);
  EXPECT_DOUBLE_EQ(r.seekTargetAt(0.5), 150.5 / 30);  // the frame's middle
  EXPECT_DOUBLE_EQ(r.fractionOf(2.5), 0.25);
  EXPECT_DOUBLE_EQ(r.fractionOf(-1), 0);
  EXPECT_DOUBLE_EQ(r.fractionOf(11), 1);
}

TEST(BarContent, ShowsStateTimecodeLoopChaptersAndMarkerTicks) {
  media::PlayerState s;
  s.playing = true;
  s.positionSeconds = 5.0 + 3.0 / 30;
  s.loop = media::LoopRegion{2, 8};
  std::vector<scenes::Chapter> chapters{{7.5, "B"}, {2.5, "A"}, {12, "after the end"}};
  std::vector<scenes::Marker> markers(3);
  markers[0].tIn = 6;
  markers[1].tIn = 1;
  markers[2].tIn = -1;  // before the bar: left out
  const BarContent bar = barContent(s, range10s(), chapters, markers);
  EXPECT_TRUE(bar.playing);
  EXPECT_EQ(bar.frame, 153);
  EXPECT_EQ(bar.timecode, "00:00:05:03");
  EXPECT_NEAR(bar.playhead, 0.51, 1e-9);
  ASSERT_TRUE(bar.loop);
  EXPECT_DOUBLE_EQ(bar.loop->first, 0.2);
  EXPECT_DOUBLE_EQ(bar.loop->second, 0.8);
  ASSERT_EQ(bar.chapters.size(), 2u);
  EXPECT_EQ(bar.chapters[0].title, "A");
  EXPECT_DOUBLE_EQ(bar.chapters[0].x, 0.25);
  EXPECT_DOUBLE_EQ(bar.chapters[1].x, 0.75);
  ASSERT_EQ(bar.markerTicks.size(), 2u);
  EXPECT_DOUBLE_EQ(bar.markerTicks[0], 0.1);
  EXPECT_DOUBLE_EQ(bar.markerTicks[1], 0.6);
}

TEST(BarContent, ALoopOverTheWholeBarIsNotMarked) {
  media::PlayerState s;
  s.loop = media::LoopRegion{0, 10};
  EXPECT_FALSE(barContent(s, range10s(), {}, {}).loop);
  s.loop = media::LoopRegion{0, 9.5};
  EXPECT_TRUE(barContent(s, range10s(), {}, {}).loop);
}

TEST(BarContent, PausedWithoutLoop) {
  media::PlayerState s;
  s.positionSeconds = 0;
  const BarContent bar = barContent(s, range10s(), {}, {});
  EXPECT_FALSE(bar.playing);
  EXPECT_FALSE(bar.loop);
  EXPECT_EQ(bar.timecode, "00:00:00:00");
  EXPECT_DOUBLE_EQ(bar.playhead, 0);
}

}  // namespace
}  // namespace ps::ui
