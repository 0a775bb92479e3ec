#include <gtest/gtest.h>

#include "ui/scrub_drag.h"

namespace ps::ui {
namespace {

const TimelineRange kRange{0, 10, {30, 1}};  // frames 0..299

PointerSample at(double x, bool down, bool overGrab = true) { return PointerSample{x, overGrab, down}; }

TEST(ScrubDrag, PressOnTheBarGrabsPausesAndSeeks) {
  ScrubDrag drag(kRange);
  const ScrubRequest r = drag.update(at(0.25, true), /*playing=*/true);
  EXPECT_TRUE(drag.dragging());
  EXPECT_TRUE(r.pause);
  ASSERT_TRUE(r.frame);
  EXPECT_EQ(*r.frame, 75);
  EXPECT_DOUBLE_EQ(*r.seekTo, 75.5 / 30);
  EXPECT_FALSE(r.landed);
}

TEST(ScrubDrag, MovingSeeksOnlyWhenTheFrameChanges) {
  ScrubDrag drag(kRange);
  drag.update(at(0.25, true), false);
  EXPECT_FALSE(drag.update(at(0.25 + 0.1 / 300, true), false).seekTo) << "same frame: no new seek";
  const ScrubRequest r = drag.update(at(0.5, true), false);
  ASSERT_TRUE(r.frame);
  EXPECT_EQ(*r.frame, 150);
  EXPECT_FALSE(r.pause) << "only the grab pauses";
  EXPECT_DOUBLE_EQ(*drag.cursor(), 0.5);
}

TEST(ScrubDrag, ReleaseLandsOnTheExactFrameUnderThePointer) {
  ScrubDrag drag(kRange);
  drag.update(at(0.1, true), false);
  drag.update(at(0.6, true), false);
  const ScrubRequest r = drag.update(at(0.6, false), false);
  EXPECT_TRUE(r.landed);
  ASSERT_TRUE(r.frame);
  EXPECT_EQ(*r.frame, 180) << "asked again on release even though the frame did not change";
  EXPECT_DOUBLE_EQ(*r.seekTo, 180.5 / 30);
  EXPECT_FALSE(drag.dragging());
  EXPECT_FALSE(drag.cursor());
}

TEST(ScrubDrag, PointerLeavingThePanelKeepsTheLastPositionAndTheBarClamps) {
  ScrubDrag drag(kRange);
  drag.update(at(0.5, true), false);
  EXPECT_FALSE(drag.update(PointerSample{std::nullopt, false, true}, false).seekTo);
  EXPECT_EQ(*drag.update(at(1.4, true, false), false).frame, 299) << "past the right end: the last frame";
  const ScrubRequest r = drag.update(PointerSample{std::nullopt, false, false}, false);
  EXPECT_TRUE(r.landed);
  EXPECT_EQ(*r.frame, 299);
}

TEST(ScrubDrag, PressOffTheBarDoesNotGrabEvenWhenDraggedOntoIt) {
  ScrubDrag drag(kRange);
  EXPECT_FALSE(drag.update(at(0.5, true, false), true).seekTo);
  EXPECT_FALSE(drag.dragging());
  EXPECT_FALSE(drag.update(at(0.5, true, true), true).seekTo) << "still the same press";
  drag.update(at(0.5, false, true), true);
  EXPECT_TRUE(drag.update(at(0.5, true, true), true).seekTo) << "a new press grabs";
}

TEST(ScrubDrag, HoverWithoutPressDoesNothing) {
  ScrubDrag drag(kRange);
  const ScrubRequest r = drag.update(at(0.3, false), true);
  EXPECT_FALSE(r.seekTo);
  EXPECT_FALSE(r.pause);
  EXPECT_FALSE(drag.dragging());
}

}  // namespace
}  // namespace ps::ui
