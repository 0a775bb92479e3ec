#include "player/frame_time_histogram.h"

#include <algorithm>
#include <cmath>

namespace ps::player {

namespace {

constexpr double kLowest = 1e-6;    // seconds: the first bin's lower edge
constexpr double kHighest = 100.0;  // seconds: the last bin's upper edge
constexpr double kRatio = 1.01;     // of a bin's upper to its lower edge
const double kLogRatio = std::log(kRatio);
const std::size_t kInner = static_cast<std::size_t>(std::ceil(std::log(kHighest / kLowest) / kLogRatio));

}  // namespace

FrameTimeHistogram::FrameTimeHistogram() : bins_(kInner + 2, 0) {}

void FrameTimeHistogram::add(double seconds) {
  if (std::isnan(seconds)) return;
  std::size_t bin = 0;
  if (seconds >= kLowest) {
    const double k = std::floor(std::log(seconds / kLowest) / kLogRatio);
    bin = k >= static_cast<double>(kInner) ? kInner + 1 : static_cast<std::size_t>(k) + 1;
  }
  ++bins_[bin];
  if (count_ == 0) {
    min_ = max_ = seconds;
  } else {
    min_ = std::min(min_, seconds);
    max_ = std::max(max_, seconds);
  }
  sum_ += seconds;
  ++count_;
}

double FrameTimeHistogram::percentile(double p) const {
  if (count_ == 0) return 0;
  const auto rank = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::ceil(std::clamp(p, 0.0, 1.0) * static_cast<double>(count_))));
  std::uint64_t seen = 0;
  for (std::size_t bin = 0; bin < bins_.size(); ++bin) {
    seen += bins_[bin];
    if (seen < rank) continue;
    if (bin == 0) return min_;
    if (bin == bins_.size() - 1) return max_;
    const double middle = kLowest * std::exp((static_cast<double>(bin - 1) + 0.5) * kLogRatio);
    return std::clamp(middle, min_, max_);
  }
  return max_;
}

}  // namespace ps::player
