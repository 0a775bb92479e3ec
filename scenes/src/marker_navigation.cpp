#include "scenes/marker_navigation.h"

namespace ps::scenes {

const Marker* nextMarker(const std::vector<Marker>& markers, double t, double toleranceSeconds) {
  const Marker* best = nullptr;
  for (const Marker& m : markers) {
    if (m.tIn > t + toleranceSeconds && (best == nullptr || m.tIn < best->tIn)) best = &m;
  }
  return best;
}

}  // namespace ps::scenes
