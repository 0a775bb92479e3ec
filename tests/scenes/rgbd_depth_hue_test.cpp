// Hue-coded depth as Depthkit decodes it: its hue runs over [-1/6, 5/6), so the code never goes
// past 5/6 (where it would wrap round to red and read as near), and a hue past 5/6 reads as near.
#include <gtest/gtest.h>

#include "scenes/rgbd_depth.h"

namespace ps {
namespace {

TEST(RgbdDepthHue, CodesStayWithinTheHuesDepthkitReadsBack) {
  const DepthCoding hue{DepthEncoding::Hue, 0.5, 8.0};
  EXPECT_NEAR(depthCode(hue, 0.5), 0.0, 1e-12);
  EXPECT_NEAR(depthCode(hue, 3.0), 2.5 / 7.5, 1e-12);
  EXPECT_LE(depthCode(hue, 8.0), 5.0 / 6.0 + 1e-12) << "far would wrap round to red";
  EXPECT_NEAR(depthMetres(hue, depthCode(hue, 3.0)), 3.0, 1e-9);
  EXPECT_NEAR(depthMetres(hue, 5.0 / 6.0), 0.5 + 7.5 * 5.0 / 6.0, 1e-9);
  EXPECT_NEAR(depthMetres(hue, 0.95), 0.5, 1e-12) << "magenta-red is just below red: near";
  // Linear keeps the whole range.
  const DepthCoding linear{DepthEncoding::Linear, 0.5, 8.0};
  EXPECT_NEAR(depthCode(linear, 8.0), 1.0, 1e-12);
  EXPECT_NEAR(depthMetres(linear, 0.95), 0.5 + 7.5 * 0.95, 1e-9);
}

}  // namespace
}  // namespace ps
