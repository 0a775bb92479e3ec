#include "engine/splat_governor.h"

#include <cmath>
#include <cstdint>
#include <deque>
#include <stdexcept>

#include <gtest/gtest.h>

namespace ps::test {
namespace {

using engine::SplatGovernor;
using engine::SplatTiming;

// A made-up GPU: each splat costs `usPerSplat` microseconds, and measurements of a frame come
// back `lag` frames after it was drawn, as the layer's timestamps do.
struct MadeUpGpu {
  double usPerSplat = 10.0;
  std::uint64_t cloud = 2'000'000;  // splats the clouds hold
  int lag = 3;
  std::deque<SplatTiming> inFlight;
  std::uint64_t serial = 0;

  // Draws a frame with `budget` and returns the measurement that arrives now, if any.
  std::optional<SplatTiming> frame(std::uint64_t budget) {
    ++serial;
    const std::uint64_t drawn = std::min(budget, cloud);
    inFlight.push_back({serial, static_cast<double>(drawn) * usPerSplat * 1e-3, drawn});
    if (static_cast<int>(inFlight.size()) <= lag) return std::nullopt;
    const SplatTiming t = inFlight.front();
    inFlight.pop_front();
    return t;
  }
};

// Runs `frames` frames and returns the budget at the end, checking on the way that a frame
// drawn with a settled budget stays within the dead band of the target or at a bound.
std::uint64_t run(SplatGovernor& governor, MadeUpGpu& gpu, int frames) {
  for (int i = 0; i < frames; ++i)
    if (const auto t = gpu.frame(governor.budget())) governor.update(*t, gpu.serial + 1);
  return governor.budget();
}

double frameMs(const MadeUpGpu& gpu, std::uint64_t budget) {
  return static_cast<double>(std::min(budget, gpu.cloud)) * gpu.usPerSplat * 1e-3;
}

TEST(SplatGovernor, WalkingIntoADenseCaptureLowersTheBudgetUntilTheFrameTimeHolds) {
  SplatGovernor governor({.targetMs = 8.0, .floor = 50'000, .ceiling = 1'000'000});
  MadeUpGpu gpu;
  gpu.usPerSplat = 0.005;  // far away: a million splats take 5 ms, under the target
  EXPECT_EQ(run(governor, gpu, 30), 1'000'000u);
  EXPECT_EQ(governor.changes(), 0u);

  // Close to it each splat covers more pixels: 8x the cost, 40 ms for the same million.
  gpu.usPerSplat = 0.04;
  const std::uint64_t settled = run(governor, gpu, 40);
  EXPECT_NEAR(frameMs(gpu, settled), 8.0, 8.0 * 0.15) << settled;
  EXPECT_LT(settled, 250'000u);

  // Walking back out, the budget climbs back to the ceiling, a quarter at a time at most.
  gpu.usPerSplat = 0.005;
  std::uint64_t previous = governor.budget();
  for (int i = 0; i < 200 && governor.budget() < 1'000'000u; ++i) {
    if (const auto t = gpu.frame(governor.budget())) governor.update(*t, gpu.serial + 1);
    EXPECT_LE(static_cast<double>(governor.budget()), 1.25 * static_cast<double>(previous) + 1.0);
    previous = governor.budget();
  }
  EXPECT_EQ(governor.budget(), 1'000'000u);
}

TEST(SplatGovernor, ASteadyLoadInsideTheDeadBandKeepsTheBudget) {
  SplatGovernor governor({.targetMs = 10.0, .floor = 1'000, .ceiling = 1'000'000});
  MadeUpGpu gpu;
  gpu.usPerSplat = 0.03;  // 30 ms at the ceiling
  run(governor, gpu, 60);
  const std::uint64_t settled = governor.budget();
  const std::uint64_t changes = governor.changes();
  // The same load, frame after frame, with the jitter of a real GPU inside the band.
  for (int i = 0; i < 300; ++i) {
    if (auto t = gpu.frame(governor.budget())) {
      t->gpuMs *= 1.0 + 0.08 * std::sin(i * 0.7);
      governor.update(*t, gpu.serial + 1);
    }
  }
  EXPECT_EQ(governor.budget(), settled);
  EXPECT_EQ(governor.changes(), changes);
}

TEST(SplatGovernor, NeverGoesBelowTheFloorNorAboveTheCeiling) {
  SplatGovernor governor({.targetMs = 1.0, .floor = 20'000, .ceiling = 300'000});
  MadeUpGpu gpu;
  gpu.usPerSplat = 10.0;  // a CPU renderer: far over any target
  EXPECT_EQ(run(governor, gpu, 100), 20'000u);
  gpu.usPerSplat = 1e-6;
  EXPECT_EQ(run(governor, gpu, 200), 300'000u);
}

TEST(SplatGovernor, MeasurementsOfFramesDrawnBeforeAChangeAreIgnored) {
  SplatGovernor governor({.targetMs = 10.0, .floor = 1'000, .ceiling = 1'000'000});
  // Frame 1 took 40 ms with a million: the budget falls (by half at most) from frame 5 on.
  EXPECT_EQ(governor.update({1, 40.0, 1'000'000}, 5), 500'000u);
  // Frames 2 to 4 were drawn with the old budget: what they say is already acted on.
  EXPECT_EQ(governor.update({2, 40.0, 1'000'000}, 6), 500'000u);
  EXPECT_EQ(governor.update({4, 40.0, 1'000'000}, 7), 500'000u);
  // Frame 5 drew the new budget and still took 20 ms: down again.
  EXPECT_EQ(governor.update({5, 20.0, 500'000}, 8), 250'000u);
  // The same frame's measurement twice, or an older one, changes nothing.
  EXPECT_EQ(governor.update({5, 20.0, 500'000}, 9), 250'000u);
  EXPECT_EQ(governor.update({3, 90.0, 1'000'000}, 9), 250'000u);
  EXPECT_EQ(governor.changes(), 2u);
}

TEST(SplatGovernor, AFrameThatDrewLessThanTheBudgetDoesNotRaiseIt) {
  SplatGovernor governor({.targetMs = 10.0, .floor = 1'000, .ceiling = 1'000'000});
  EXPECT_EQ(governor.update({1, 20.0, 1'000'000}, 4), 500'000u);
  // The clouds shown now hold 100k: quick, and no reason to think 625k would be.
  EXPECT_EQ(governor.update({4, 2.0, 100'000}, 8), 500'000u);
  // Over the target with fewer than the budget: the cost per splat of what was drawn decides.
  EXPECT_EQ(governor.update({8, 40.0, 100'000}, 9), 50'000u);
}

TEST(SplatGovernor, UselessMeasurementsChangeNothing) {
  SplatGovernor governor({.targetMs = 10.0, .floor = 1'000, .ceiling = 1'000'000});
  EXPECT_EQ(governor.update({1, 0.0, 1'000'000}, 2), 1'000'000u);
  EXPECT_EQ(governor.update({2, std::nan(""), 1'000'000}, 3), 1'000'000u);
  EXPECT_EQ(governor.update({3, 50.0, 0}, 4), 1'000'000u);
  EXPECT_EQ(governor.changes(), 0u);
}

TEST(SplatGovernor, RefusesOptionsOutsideTheirRanges) {
  EXPECT_THROW(SplatGovernor({.targetMs = 0.0, .floor = 1, .ceiling = 10}), std::invalid_argument);
  EXPECT_THROW(SplatGovernor({.targetMs = -1.0, .floor = 1, .ceiling = 10}), std::invalid_argument);
  EXPECT_THROW(SplatGovernor({.targetMs = INFINITY, .floor = 1, .ceiling = 10}), std::invalid_argument);
  EXPECT_THROW(SplatGovernor({.targetMs = 5.0, .floor = 0, .ceiling = 10}), std::invalid_argument);
  EXPECT_THROW(SplatGovernor({.targetMs = 5.0, .floor = 20, .ceiling = 10}), std::invalid_argument);
  EXPECT_THROW(SplatGovernor({.targetMs = 5.0, .floor = 1, .ceiling = 10, .deadBand = 1.0}), std::invalid_argument);
  EXPECT_NO_THROW(SplatGovernor({.targetMs = 5.0, .floor = 10, .ceiling = 10}));
}

}  // namespace
}  // namespace ps::test
