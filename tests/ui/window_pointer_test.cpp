// The window's mouse on the timeline bar: a press that starts on the bar's band belongs to
// the scrubber (pointer, not a head turn); a press elsewhere still turns the view.
#include <gtest/gtest.h>

#include "xr/window_input.h"

namespace ps::xr {
namespace {

constexpr int kHeight = 540;
constexpr float kBand = 120;

TEST(WindowPointer, APressOnTheBandScrubsInsteadOfTurningTheView) {
  WindowInput input;
  input.setUiBand(kBand);
  input.handle(MouseButtonChanged{true, 300, 500}, kHeight);
  input.handle(CursorMoved{400, 480}, kHeight);
  InputActions a = input.takeActions();
  EXPECT_FLOAT_EQ(input.look().yawDeg, 0) << "the view did not turn";
  EXPECT_FLOAT_EQ(input.look().pitchDeg, 0);
  ASSERT_TRUE(a.pointerPressed);
  EXPECT_FLOAT_EQ(a.pointerPressed->x, 300);
  ASSERT_TRUE(a.pointer);
  EXPECT_FLOAT_EQ(a.pointer->x, 400);
  EXPECT_TRUE(a.pointerDown);
  input.handle(MouseButtonChanged{false, 410, 480}, kHeight);
  a = input.takeActions();
  EXPECT_FALSE(a.pointerPressed) << "an edge, reported once";
  EXPECT_FALSE(a.pointerDown);
  EXPECT_FLOAT_EQ(a.pointer->x, 410);
}

TEST(WindowPointer, APressAboveTheBandStillTurnsTheView) {
  WindowInput input;
  input.setUiBand(kBand);
  input.handle(MouseButtonChanged{true, 300, 200}, kHeight);
  input.handle(CursorMoved{400, 200}, kHeight);
  const InputActions a = input.takeActions();
  EXPECT_FALSE(a.pointerDown);
  EXPECT_FALSE(a.pointerPressed);
  EXPECT_LT(input.look().yawDeg, 0) << "dragged right: the head turned left";
}

TEST(WindowPointer, WithoutABandEveryPressTurnsTheView) {
  WindowInput input;
  input.handle(MouseButtonChanged{true, 300, 530}, kHeight);
  input.handle(CursorMoved{350, 530}, kHeight);
  EXPECT_FALSE(input.takeActions().pointerDown);
  EXPECT_NE(input.look().yawDeg, 0);
}

}  // namespace
}  // namespace ps::xr
