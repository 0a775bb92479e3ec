// The held thumbstick's repeat with made-up stick states and times: the push steps at once, a
// hold repeats after the delay at the rate, letting go or turning round stops it.
#include <gtest/gtest.h>

#include "ui/held_repeat.h"

namespace ps::ui {
namespace {

// Times here are binary fractions, so the boundaries are exact.
TEST(HeldRepeat, APushStepsAtOnceAndAHoldRepeatsAfterTheDelayAtTheRate) {
  HeldRepeat r({0.5, 8});
  EXPECT_EQ(r.steps(1, 1, 100.0), 1) << "the push";
  EXPECT_EQ(r.steps(0, 1, 100.25), 0) << "held, within the delay";
  EXPECT_EQ(r.steps(0, 1, 100.4375), 0);
  EXPECT_EQ(r.steps(0, 1, 100.5), 1) << "the first repeat, at the delay";
  EXPECT_EQ(r.steps(0, 1, 100.5625), 0);
  EXPECT_EQ(r.steps(0, 1, 100.625), 1) << "an eighth of a second later";
  // Frames of 1/64 s for another second: eight repeats, one per eighth.
  int total = 0;
  for (int i = 1; i <= 64; ++i) total += r.steps(0, 1, 100.625 + i / 64.0);
  EXPECT_EQ(total, 8);
}

TEST(HeldRepeat, ALateFrameGetsTheStepsItIsOwed) {
  HeldRepeat r({0.5, 8});
  EXPECT_EQ(r.steps(-1, -1, 5.0), -1);
  EXPECT_EQ(r.steps(0, -1, 5.875), -4) << "repeats at 5.5, 5.625, 5.75 and 5.875";
  EXPECT_EQ(r.steps(0, -1, 5.875), 0) << "none twice";
}

TEST(HeldRepeat, LettingGoOrTurningRoundStopsTheRepeat) {
  HeldRepeat r({0.5, 8});
  EXPECT_EQ(r.steps(1, 1, 0.0), 1);
  EXPECT_EQ(r.steps(0, 0, 0.25), 0) << "let go";
  EXPECT_EQ(r.steps(0, 1, 1.0), 0) << "held again without a push (the binding saw none): no repeat";
  EXPECT_EQ(r.steps(1, 1, 2.0), 1);
  EXPECT_EQ(r.steps(0, -1, 3.0), 0) << "the other way without its push: not this hold";
  EXPECT_EQ(r.steps(0, 1, 3.5), 0) << "and it stays stopped";
  EXPECT_EQ(r.steps(-1, -1, 4.0), -1) << "a push the other way starts its own delay";
  EXPECT_EQ(r.steps(0, -1, 4.25), 0);
  EXPECT_EQ(r.steps(0, -1, 4.5), -1);
}

TEST(HeldRepeat, AResetForgetsTheHold) {
  HeldRepeat r;
  EXPECT_EQ(r.steps(1, 1, 0.0), 1);
  r.reset();
  EXPECT_EQ(r.steps(0, 1, 10.0), 0);
}

}  // namespace
}  // namespace ps::ui
