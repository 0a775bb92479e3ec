#include "scenes/marker_time_index.h"

#include <algorithm>
#include <limits>

namespace ps::scenes {

MarkerTimeIndex::MarkerTimeIndex(const std::vector<Marker>& markers) {
  order_.reserve(markers.size());
  for (std::size_t i = 0; i < markers.size(); ++i) order_.push_back(i);
  std::stable_sort(order_.begin(), order_.end(),
                   [&](std::size_t a, std::size_t b) { return markers[a].tIn < markers[b].tIn; });
  starts_.reserve(order_.size());
  for (std::size_t i : order_) starts_.push_back(markers[i].tIn);
  leaves_ = 1;
  while (leaves_ < order_.size()) leaves_ *= 2;
  latestEnd_.assign(2 * leaves_, -std::numeric_limits<double>::infinity());
  for (std::size_t i = 0; i < order_.size(); ++i) latestEnd_[leaves_ + i] = markers[order_[i]].tOut;
  for (std::size_t n = leaves_ - 1; n >= 1; --n) latestEnd_[n] = std::max(latestEnd_[2 * n], latestEnd_[2 * n + 1]);
}

void MarkerTimeIndex::activeAt(double t, std::vector<std::size_t>& out) const {
  out.clear();
  visited_ = 0;
  if (order_.empty()) return;
  // Only the places before `started` have t_in <= t; of those, descend where some t_out > t.
  const auto started = static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), t) - starts_.begin());
  struct Node {
    std::size_t id, first;  // tree node and the first place under it
    std::size_t width;      // places under it
  };
  Node stack[64];
  std::size_t depth = 0;
  stack[depth++] = {1, 0, leaves_};
  while (depth > 0) {
    const Node n = stack[--depth];
    ++visited_;
    if (n.first >= started || latestEnd_[n.id] <= t) continue;
    if (n.width == 1) {
      out.push_back(order_[n.first]);
      continue;
    }
    const std::size_t half = n.width / 2;
    stack[depth++] = {2 * n.id + 1, n.first + half, half};
    stack[depth++] = {2 * n.id, n.first, half};
  }
  std::sort(out.begin(), out.end());
}

std::vector<std::size_t> MarkerTimeIndex::activeAt(double t) const {
  std::vector<std::size_t> out;
  activeAt(t, out);
  return out;
}

}  // namespace ps::scenes
