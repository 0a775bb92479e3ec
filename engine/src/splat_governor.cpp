#include "engine/splat_governor.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace ps::engine {

namespace {

constexpr double kLargestFall = 0.5;  // a step keeps at least half the budget
constexpr double kLargestRise = 1.25;
constexpr double kBinding = 0.99;  // drawn over budget above which the budget limited the frame

}  // namespace

SplatGovernor::SplatGovernor(const Options& options) : options_(options), budget_(options.ceiling) {
  if (!(options.targetMs > 0.0) || !std::isfinite(options.targetMs))
    throw std::invalid_argument("SplatGovernor: the target time must be a positive number of milliseconds");
  if (options.floor < 1 || options.ceiling < options.floor)
    throw std::invalid_argument("SplatGovernor: the budget's range [" + std::to_string(options.floor) + ", " +
                                std::to_string(options.ceiling) + "] is empty");
  if (!(options.deadBand >= 0.0 && options.deadBand < 1.0))
    throw std::invalid_argument("SplatGovernor: the dead band must be in [0, 1)");
}

std::uint64_t SplatGovernor::update(const SplatTiming& timing, std::uint64_t nowSerial) {
  if (timing.serial <= lastMeasured_ || timing.serial < changedAt_) return budget_;
  lastMeasured_ = timing.serial;
  if (!(timing.gpuMs > 0.0) || !std::isfinite(timing.gpuMs) || timing.drawn == 0) return budget_;

  const double target = options_.targetMs;
  const double budget = static_cast<double>(budget_);
  const double drawn = static_cast<double>(timing.drawn);
  // What the measured cost per splat says would meet the target.
  const double meets = drawn * target / timing.gpuMs;
  double next = budget;
  if (timing.gpuMs > target * (1.0 + options_.deadBand)) {
    next = std::max(meets, std::min(budget, drawn) * kLargestFall);
  } else if (timing.gpuMs < target * (1.0 - options_.deadBand)) {
    // A frame that drew fewer than the budget allowed (the clouds hold fewer) says nothing
    // about a larger one. The layer shares a budget out among clouds in whole splats.
    if (drawn < budget * kBinding) return budget_;
    next = std::min(meets, budget * kLargestRise);
  }
  const auto chosen = static_cast<std::uint64_t>(
      std::clamp(std::round(next), static_cast<double>(options_.floor), static_cast<double>(options_.ceiling)));
  if (chosen != budget_) {
    budget_ = chosen;
    changedAt_ = nowSerial;
    ++changes_;
  }
  return budget_;
}

}  // namespace ps::engine
