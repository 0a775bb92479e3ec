#include "player/sets_span.h"

#include <algorithm>
#include <optional>

namespace ps::player {

double setsEndSeconds(const std::vector<PlacedSet>& sets, double inSeconds, const std::vector<PlacedSplats>& splats) {
  std::optional<double> end;
  const auto later = [&end](double t) { end = std::max(end.value_or(t), t); };
  for (const PlacedSplats& s : splats)
    if (s.sequence)
      if (const std::optional<double> e = s.sequence->timing().endShotSeconds()) later(*e);
  for (const PlacedSet& set : sets) {
    if (set.sequence) {
      if (const std::optional<double> e = set.sequence->timing().endShotSeconds()) later(*e);
      continue;
    }
    if (set.animation < 0 || set.timing.loop || set.timing.speed <= 0) continue;
    const double duration = set.scene->animations[static_cast<std::size_t>(set.animation)].duration();
    if (duration > set.timing.offset) later(set.timing.start + (duration - set.timing.offset) / set.timing.speed);
  }
  return end && *end > inSeconds ? *end : inSeconds + kStillSetsSeconds;
}

}  // namespace ps::player
