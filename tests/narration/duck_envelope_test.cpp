// The duck's gain ramp: its depth, its duration, and no jumps when it turns round.
#include <gtest/gtest.h>

#include <cmath>

#include "media/duck_envelope.h"

namespace ps::narration::test {
namespace {

double db(float g) { return 20 * std::log10(static_cast<double>(g)); }

TEST(DuckEnvelope, RampsDownToTheDepthOverTheRampTimeAndBack) {
  media::DuckEnvelope env({.depthDb = -12, .rampSeconds = 0.2});
  EXPECT_FLOAT_EQ(env.advance(10.0, true), 1.0f);  // the first call only starts the clock
  const float half = env.advance(10.1, true);
  EXPECT_NEAR(half, (1.0 + std::pow(10.0, -12.0 / 20)) / 2, 1e-4);
  EXPECT_NEAR(db(env.advance(10.2, true)), -12.0, 1e-3);
  EXPECT_NEAR(db(env.advance(11.0, true)), -12.0, 1e-3);  // holds
  EXPECT_GT(env.advance(11.1, false), half - 1e-4f);      // on its way back
  EXPECT_FLOAT_EQ(env.advance(11.2, false), 1.0f);
}

TEST(DuckEnvelope, TurningRoundMidRampContinuesFromWhereItIs) {
  media::DuckEnvelope env({.depthDb = -12, .rampSeconds = 0.2});
  env.advance(0.0, true);
  const float mid = env.advance(0.05, true);
  const float back = env.advance(0.06, false);
  EXPECT_GT(back, mid);
  EXPECT_LT(back - mid, 0.05f);  // one 10 ms step of the ramp, not a jump to 1
}

TEST(DuckEnvelope, TimeGoingBackIsNoStep) {
  media::DuckEnvelope env;
  env.advance(5.0, true);
  EXPECT_FLOAT_EQ(env.advance(4.0, true), 1.0f);
}

}  // namespace
}  // namespace ps::narration::test
