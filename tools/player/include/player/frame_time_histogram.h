#pragma once
// Per-frame times of a whole session in fixed memory, however long it runs (a kiosk plays for
// days): log-spaced bins 1 % wide from 1 us to 100 s, so a percentile is within 1 % of the
// exact value (times outside the range count at its ends); the count, mean, min and max are
// exact. Memory is allocated once, at construction.
// Thread: one at a time.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ps::player {

class FrameTimeHistogram {
 public:
  FrameTimeHistogram();

  void add(double seconds);

  std::uint64_t count() const { return count_; }
  // p in [0, 1] (nearest rank): the middle of the bin holding that rank, within [min, max];
  // 0 for none.
  double percentile(double p) const;
  double mean() const { return count_ > 0 ? sum_ / static_cast<double>(count_) : 0.0; }
  double min() const { return count_ > 0 ? min_ : 0.0; }
  double max() const { return count_ > 0 ? max_ : 0.0; }
  // Bytes held, the same after the first frame as after a billion.
  std::size_t memoryBytes() const { return bins_.capacity() * sizeof(std::uint64_t); }

 private:
  std::vector<std::uint64_t> bins_;  // [0]: below the range, [size-1]: above it
  std::uint64_t count_ = 0;
  double sum_ = 0, min_ = 0, max_ = 0;
};

}  // namespace ps::player
