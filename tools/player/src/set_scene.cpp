#include "player/set_scene.h"

namespace ps::player {

SetScene::SetScene(const engine::Device& device, std::vector<PlacedSet> sets)
    : layer_(std::make_unique<engine::MeshLayer>(device)) {
  for (PlacedSet& set : sets) {
    auto placed = std::make_unique<Placed>();
    placed->id = layer_->add(set.scene, set.setToStage);
    placed->set = std::move(set);
    placed->set.scene.images.clear();  // rays need the geometry only
    placed->rays = std::make_unique<scenes::MeshRayTarget>(placed->set.scene, placed->set.setToStage);
    sets_.push_back(std::move(placed));
  }
}

void SetScene::showAt(double shotSeconds) {
  for (auto& placed : sets_) {
    const bool shown = shotSeconds >= placed->set.startSeconds;
    // Node matrices only: the pose is recomputed from shot time, so a scrub lands where play does.
    if (shown && placed->set.animation >= 0) layer_->setInstanceWorlds(placed->id, instanceWorldsAt(placed->set, shotSeconds));
    if (shown == placed->shown) continue;
    layer_->setVisible(placed->id, shown);
    placed->shown = shown;
  }
}

std::optional<float> SetScene::nearestHit(const engine::Ray& ray) const {
  std::optional<float> best;
  for (const auto& placed : sets_) {
    if (!placed->shown) continue;
    const auto hit = placed->rays->nearestHit(ray.origin, ray.direction);
    if (hit && (!best || *hit < *best)) best = hit;
  }
  return best;
}

std::size_t SetScene::triangleCount() const {
  std::size_t n = 0;
  for (const auto& placed : sets_) n += placed->set.scene.triangleCount();
  return n;
}

}  // namespace ps::player
