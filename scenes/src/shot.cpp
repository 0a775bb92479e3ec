#include "scenes/shot.h"

namespace ps::scenes {

const MediaRef* Shot::plate() const {
  for (const auto& m : media)
    if (m.kind == MediaKind::Equirect || m.kind == MediaKind::Rgbd) return &m;
  return nullptr;
}

const Marker* Shot::marker(const std::string& id) const {
  for (const auto& m : markers)
    if (m.id == id) return &m;
  return nullptr;
}

}  // namespace ps::scenes
