// The time index answers as a scan of every marker would, while looking at few of them.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "scenes/marker_time_index.h"

namespace ps::scenes {
namespace {

Marker markerAt(double tIn, double tOut) {
  Marker m;
  m.tIn = tIn;
  m.tOut = tOut;
  return m;
}

std::vector<std::size_t> scan(const std::vector<Marker>& markers, double t) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < markers.size(); ++i)
    if (markerActive(markers[i], t)) out.push_back(i);
  return out;
}

TEST(MarkerTimeIndex, AgreesWithAScanOfEveryMarker) {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> start(0, 100), length(0, 30);
  for (std::size_t n : {0u, 1u, 2u, 3u, 17u, 64u, 65u, 500u}) {
    std::vector<Marker> markers;
    for (std::size_t i = 0; i < n; ++i) {
      const double a = start(random);
      markers.push_back(markerAt(a, i % 11 == 0 ? a : a + length(random)));  // some empty windows
    }
    const MarkerTimeIndex index(markers);
    for (double t = -1; t < 135; t += 0.37) ASSERT_EQ(index.activeAt(t), scan(markers, t)) << n << " markers, t " << t;
    if (n > 0) {
      EXPECT_EQ(index.activeAt(markers[0].tIn), scan(markers, markers[0].tIn)) << "t_in is inside";
      EXPECT_EQ(index.activeAt(markers[0].tOut), scan(markers, markers[0].tOut)) << "t_out is outside";
    }
  }
}

// 5,000 markers of 2 s each over 1,000 s: a handful are active at a time, and a query must
// not look at the thousands that are not (a frame asks several times).
TEST(MarkerTimeIndex, VisitsFewMoreThanTheActiveMarkers) {
  std::vector<Marker> markers;
  for (int i = 0; i < 5000; ++i) markers.push_back(markerAt(i * 0.2, i * 0.2 + 2.0));
  const MarkerTimeIndex index(markers);
  std::size_t worst = 0;
  for (double t = 0; t < 1000; t += 0.9) {
    const auto active = index.activeAt(t);
    EXPECT_LE(active.size(), 11u);
    worst = std::max(worst, index.lastVisited());
  }
  // (k + 1) paths of log2(8192) = 13 levels, two children looked at per level.
  EXPECT_LE(worst, 2u * 12 * 14);
  EXPECT_LT(worst, markers.size() / 10);
}

}  // namespace
}  // namespace ps::scenes
