#pragma once
// SplatGovernor: holds the splat layer's GPU time per frame near a target by moving its splat
// budget, so that frame time holds when the viewer walks close to a dense capture (where each
// splat covers more pixels and the same count costs several times more).
//
//   SplatGovernor governor({.targetMs = 6.0, .floor = 100'000, .ceiling = 1'000'000});
//   if (auto t = layer.stats().timing) layer.setBudget(governor.update(*t, frame.serial));
//
// The clouds are in order of importance (scenes::sortByImportance), so a lower budget drops
// the splats that matter least. Measurements arrive a few frames late (GPU timestamps of
// finished frames): one taken of a frame drawn before the last change of budget says nothing
// about the new budget and is ignored. Inside a dead band around the target the budget stays
// put, so a steady load gives a steady picture; over it, the budget falls in proportion (the
// cost per splat measured), by at most half a step; under it, and only while the budget was
// what limited the frame, it rises by at most a quarter a step.
// Pure logic, no Vulkan: tested with made-up timings.
#include <cstdint>

namespace ps::engine {

// One frame's splat work, as the layer measured it on the GPU.
struct SplatTiming {
  std::uint64_t serial = 0;  // the frame measured
  double gpuMs = 0;          // its splat passes (the sort and every eye's draw)
  std::uint64_t drawn = 0;   // splats it sorted and drew
};

class SplatGovernor {
 public:
  struct Options {
    double targetMs = 0;              // > 0
    std::uint64_t floor = 100'000;    // the budget never goes below (>= 1)
    std::uint64_t ceiling = 0;        // nor above (>= floor); the start
    double deadBand = 0.15;           // no change within target * (1 +- deadBand)
  };

  // Throws std::invalid_argument for options outside the ranges above.
  explicit SplatGovernor(const Options& options);

  // The budget to set from frame `nowSerial` on, given a measurement (at most once per
  // measured frame; older or repeated ones are ignored).
  std::uint64_t update(const SplatTiming& timing, std::uint64_t nowSerial);
  std::uint64_t budget() const { return budget_; }
  const Options& options() const { return options_; }
  // Changes of budget made so far.
  std::uint64_t changes() const { return changes_; }

 private:
  Options options_;
  std::uint64_t budget_ = 0;
  std::uint64_t changedAt_ = 0;     // the first frame drawn with the current budget
  std::uint64_t lastMeasured_ = 0;  // the newest frame measured
  std::uint64_t changes_ = 0;
};

}  // namespace ps::engine
