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
  RawInput a = input.take();
  EXPECT_FLOAT_EQ(input.look().yawDeg, 0) << "the view did not turn";
  EXPECT_FLOAT_EQ(input.look().pitchDeg, 0);
  ASSERT_TRUE(a.mouse.pressedOnUi);
  EXPECT_FLOAT_EQ(a.mouse.pressedOnUi->x, 300);
  ASSERT_TRUE(a.mouse.pointer);
  EXPECT_FLOAT_EQ(a.mouse.pointer->x, 400);
  EXPECT_TRUE(a.mouse.uiDown);
  input.handle(MouseButtonChanged{false, 410, 480}, kHeight);
  a = input.take();
  EXPECT_FALSE(a.mouse.pressedOnUi) << "an edge, reported once";
  EXPECT_FALSE(a.mouse.uiDown);
  EXPECT_FLOAT_EQ(a.mouse.pointer->x, 410);
}

TEST(WindowPointer, APressAboveTheBandStillTurnsTheView) {
  WindowInput input;
  input.setUiBand(kBand);
  input.handle(MouseButtonChanged{true, 300, 200}, kHeight);
  input.handle(CursorMoved{400, 200}, kHeight);
  const RawInput a = input.take();
  EXPECT_FALSE(a.mouse.uiDown);
  EXPECT_FALSE(a.mouse.pressedOnUi);
  EXPECT_LT(input.look().yawDeg, 0) << "dragged right: the head turned left";
}

TEST(WindowPointer, WithoutABandEveryPressTurnsTheView) {
  WindowInput input;
  input.handle(MouseButtonChanged{true, 300, 530}, kHeight);
  input.handle(CursorMoved{350, 530}, kHeight);
  EXPECT_FALSE(input.take().mouse.uiDown);
  EXPECT_NE(input.look().yawDeg, 0);
}

}  // namespace
}  // namespace ps::xr
