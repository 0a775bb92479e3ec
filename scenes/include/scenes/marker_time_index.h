#pragma once
// Which markers are active at a shot time without visiting the others: the markers sorted by
// t_in and, over them, a tree holding the latest t_out under each node, so a query looks at
// O((k + 1) log n) nodes for k active markers instead of all n (a shot may carry thousands,
// and the player asks several times a frame). Built once per marker list (a load, an edit).
// Plain data; copyable.
#include <cstddef>
#include <vector>

#include "scenes/marker.h"

namespace ps::scenes {

class MarkerTimeIndex {
 public:
  MarkerTimeIndex() = default;
  explicit MarkerTimeIndex(const std::vector<Marker>& markers);

  std::size_t size() const { return order_.size(); }
  // Indices (into the markers given) of those active at t (markerActive: [t_in, t_out)),
  // ascending; `out` is replaced (its capacity reused).
  void activeAt(double t, std::vector<std::size_t>& out) const;
  std::vector<std::size_t> activeAt(double t) const;
  // Markers and tree nodes the last query looked at: what a frame's marker work grows with.
  std::size_t lastVisited() const { return visited_; }

 private:
  std::vector<double> starts_;       // t_in, ascending
  std::vector<std::size_t> order_;   // marker index at each place of starts_
  std::vector<double> latestEnd_;    // heap-ordered tree over the places: [1] the root, leaves from leaves_
  std::size_t leaves_ = 0;           // a power of two >= size()
  mutable std::size_t visited_ = 0;
};

}  // namespace ps::scenes
