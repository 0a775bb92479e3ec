#include "scenes/blocking.h"

#include <algorithm>

namespace ps::scenes {

namespace {

FloorPoint lerp(const FloorPoint& a, const FloorPoint& b, double f) {
  return {a.x + (b.x - a.x) * f, a.z + (b.z - a.z) * f};
}

bool keyBefore(double t, const ActorKey& k) { return t < k.t; }

}  // namespace

double Measurement::distanceM() const { return length({b.x - a.x, b.y - a.y, b.z - a.z}); }

FloorPoint actorPositionAt(const ActorPath& path, double t) {
  const auto& keys = path.keys;
  if (keys.empty()) return {};
  if (t <= keys.front().t) return keys.front().position;
  if (t >= keys.back().t) return keys.back().position;
  const auto after = std::upper_bound(keys.begin(), keys.end(), t, keyBefore);
  const auto before = after - 1;
  return lerp(before->position, after->position, (t - before->t) / (after->t - before->t));
}

std::vector<ActorKey> actorTrail(const ActorPath& path, double t) {
  const double from = t - std::max(path.trailSeconds, 0.0);
  if (from >= t) return {{t, actorPositionAt(path, t)}};
  std::vector<ActorKey> trail{{from, actorPositionAt(path, from)}};
  for (auto k = std::upper_bound(path.keys.begin(), path.keys.end(), from, keyBefore);
       k != path.keys.end() && k->t < t; ++k)
    trail.push_back(*k);
  trail.push_back({t, actorPositionAt(path, t)});
  return trail;
}

}  // namespace ps::scenes
