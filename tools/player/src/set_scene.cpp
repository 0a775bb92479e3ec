#include "player/set_scene.h"

#include <spdlog/spdlog.h>

namespace ps::player {

SetScene::SetScene(const engine::Device& device, std::vector<PlacedSet> sets)
    : layer_(std::make_unique<engine::MeshLayer>(device)) {
  for (PlacedSet& set : sets) {
    auto placed = std::make_unique<Placed>();
    placed->id = layer_->add(set.scene, set.setToStage);
    placed->set = std::move(set);
    placed->rays = std::make_unique<scenes::MeshRayTarget>(*placed->set.scene, placed->set.setToStage);
    placed->pose = std::make_unique<SetPose>(placed->set);
    if (placed->set.sequence) {
      placed->shown = false;  // until it has a frame to show
      layer_->setVisible(placed->id, false);
    }
    sets_.push_back(std::move(placed));
  }
}

SetScene::~SetScene() {
  for (const auto& placed : sets_) {
    if (!placed->set.sequence) continue;
    const media::MeshSequenceStats s = placed->set.sequence->stats();
    spdlog::debug("mesh sequence {}: {} shown, {} not ready (a neighbour shown), {} broken, {} decoded, {} dropped, "
                  "peak {:.1f} MiB held",
                  placed->set.id, s.shown, s.notReady, s.broken, s.decoded, s.dropped,
                  static_cast<double>(s.peakHeldBytes) / (1 << 20));
  }
}

void SetScene::showSequenceFrame(Placed& placed, double shotSeconds) {
  media::MeshSequence& seq = *placed.set.sequence;
  auto f = seq.show(shotSeconds);
  // SequenceRead::Exact: the frame asked for is the first one read (a threaded sequence reads
  // nothing here).
  if (f.wanted && f.shown != f.wanted && seq.pumpOne()) f = seq.show(shotSeconds);
  if (f.scene && f.shown != placed.frame) {
    layer_->replace(placed.id, *f.scene);
    placed.frame = f.shown;
    placed.frameTriangles = f.scene->triangleCount();
  }
  const bool shown = f.scene != nullptr;
  if (shown == placed.shown) return;
  layer_->setVisible(placed.id, shown);
  placed.shown = shown;
}

void SetScene::showAt(double shotSeconds) {
  for (auto& placed : sets_) {
    if (placed->set.sequence) {
      showSequenceFrame(*placed, shotSeconds);
      continue;
    }
    const bool shown = shotSeconds >= placed->set.startSeconds;
    // The pose is recomputed from shot time (a scrub lands where play does), only when that
    // time moves the animation; a set without one is posed once (its skins in their rest pose).
    if (shown && placed->pose->moveTo(shotSeconds)) {
      layer_->setPose(placed->id, placed->pose->pose(), placed->pose->world());
      placed->rays->setPose(placed->pose->pose(), placed->pose->world());
    }
    if (shown == placed->shown) continue;
    layer_->setVisible(placed->id, shown);
    placed->shown = shown;
  }
}

std::optional<float> SetScene::nearestHit(const engine::Ray& ray) const {
  std::optional<float> best;
  for (const auto& placed : sets_) {
    if (!placed->shown || placed->set.sequence) continue;
    const auto hit = placed->rays->nearestHit(ray.origin, ray.direction);
    if (hit && (!best || *hit < *best)) best = hit;
  }
  return best;
}

std::size_t SetScene::triangleCount() const {
  std::size_t n = 0;
  for (const auto& placed : sets_) n += placed->set.sequence ? placed->frameTriangles : placed->set.scene->triangleCount();
  return n;
}

}  // namespace ps::player
