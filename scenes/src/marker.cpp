#include "scenes/marker.h"

#include <algorithm>
#include <array>
#include <utility>

namespace ps::scenes {

namespace {
constexpr std::array<std::pair<MarkerCategory, std::string_view>, 7> kCategories{{
    {MarkerCategory::Camera, "camera"},
    {MarkerCategory::Light, "light"},
    {MarkerCategory::Sound, "sound"},
    {MarkerCategory::Performance, "performance"},
    {MarkerCategory::Set, "set"},
    {MarkerCategory::History, "history"},
    {MarkerCategory::Production, "production"},
}};
}  // namespace

std::string_view toString(MarkerCategory c) {
  for (const auto& [category, name] : kCategories)
    if (category == c) return name;
  return "production";
}

std::optional<MarkerCategory> parseMarkerCategory(std::string_view s) {
  for (const auto& [category, name] : kCategories)
    if (name == s) return category;
  return std::nullopt;
}

const std::vector<MarkerCategory>& allMarkerCategories() {
  static const std::vector<MarkerCategory> all = [] {
    std::vector<MarkerCategory> v;
    for (const auto& entry : kCategories) v.push_back(entry.first);
    return v;
  }();
  return all;
}

Vec3 markerPosition(const Marker& m) {
  if (const auto* d = std::get_if<DirectionPlacement>(&m.placement))
    return directionFromYawPitch(d->yawDeg, d->pitchDeg) * d->distanceM;
  return std::get<StagePlacement>(m.placement).position;
}

Vec3 markerDirection(const Marker& m) {
  if (const auto* d = std::get_if<DirectionPlacement>(&m.placement)) return directionFromYawPitch(d->yawDeg, d->pitchDeg);
  const Vec3 p = std::get<StagePlacement>(m.placement).position;
  const double len = length(p);
  // A marker standing exactly on the viewer has no direction; straight ahead keeps callers simple.
  return len > 1e-9 ? p * (1.0 / len) : Vec3{0, 0, -1};
}

bool markerActive(const Marker& m, double t) { return t >= m.tIn && t < m.tOut; }

double markerOpacity(const Marker& m, double t) {
  if (!markerActive(m, t)) return 0;
  const double rise = m.fadeIn > 0 ? (t - m.tIn) / m.fadeIn : 1.0;
  const double fall = m.fadeOut > 0 ? (m.tOut - t) / m.fadeOut : 1.0;
  return std::clamp(std::min(rise, fall), 0.0, 1.0);
}

}  // namespace ps::scenes
