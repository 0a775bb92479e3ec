#pragma once
// Measuring a generated tone in a test: its frequency from the rising zero crossings.
#include <cstddef>
#include <span>

namespace ps::test {

// Hz, from the first to the last rising zero crossing of `samples` at `rate` (any sample type:
// int16, float); 0 with fewer than two crossings.
template <typename Sample>
double risingCrossingsHz(std::span<const Sample> samples, int rate) {
  int crossings = 0;
  std::size_t first = 0, last = 0;
  for (std::size_t i = 1; i < samples.size(); ++i)
    if (samples[i - 1] < 0 && samples[i] >= 0) {
      if (crossings++ == 0) first = i;
      last = i;
    }
  return crossings > 1 ? (crossings - 1) * static_cast<double>(rate) / static_cast<double>(last - first) : 0.0;
}

}  // namespace ps::test
