#include "scenes/shot.h"

namespace ps::scenes {

// An rgbd medium that is another's background is drawn only behind it, never as the plate.
const MediaRef* Shot::plate() const {
  const auto isBackground = [&](const MediaRef& m) {
    for (const auto& other : media)
      if (other.rgbd && !m.id.empty() && other.rgbd->background == m.id) return true;
    return false;
  };
  for (const auto& m : media)
    if (m.kind == MediaKind::Equirect || (m.kind == MediaKind::Rgbd && !isBackground(m))) return &m;
  return nullptr;
}

const Marker* Shot::marker(const std::string& id) const {
  for (const auto& m : markers)
    if (m.id == id) return &m;
  return nullptr;
}

}  // namespace ps::scenes
