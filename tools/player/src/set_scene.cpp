#include "player/set_scene.h"

#include <spdlog/spdlog.h>

#include "media/sequence_pairing.h"

namespace ps::player {

SetScene::SetScene(const engine::Device& device, std::vector<PlacedSet> sets, std::chrono::milliseconds exactWait)
    : layer_(std::make_unique<engine::MeshLayer>(device)), exactWait_(exactWait) {
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
    if (placed->set.atlas)
      spdlog::debug("mesh sequence {}: texture atlas {} frames decoded ({} by a seek), {} times another frame "
                    "shown than the sequence's own choice, to keep mesh and texture on one frame",
                    placed->set.id, placed->set.atlas->stats().decoded, placed->set.atlas->stats().seeks,
                    placed->unpaired);
  }
}

// The frame at t, paired with its atlas frame when the sequence has one. SequenceRead::Exact
// (manual reading): the frames asked for are read here first. exactWait (offline play): a
// threaded sequence is waited for until its exact frame is there.
SetScene::PairedSequenceFrame SetScene::frameAt(Placed& placed, double shotSeconds) {
  media::MeshSequence& seq = *placed.set.sequence;
  media::SequenceAtlas* atlas = placed.set.atlas.get();
  auto show = [&] {
    if (atlas) return media::showPaired(seq, *atlas, shotSeconds);
    media::PairedSequenceFrame f;
    f.mesh = seq.show(shotSeconds);
    return f;
  };
  PairedSequenceFrame f = show();
  const auto exact = [&] { return !f.mesh.wanted || f.mesh.shown == f.mesh.wanted; };
  // Manual reading: each pump reads the cheapest missing frame, the playhead's first.
  for (int tries = 0; !exact() && tries < 2; ++tries) {
    const bool read = seq.pumpOne() | (atlas && atlas->pumpOne());
    if (!read) break;
    f = show();
  }
  if (!exact() && exactWait_.count() > 0) {
    const double seconds = std::chrono::duration<double>(exactWait_).count();
    seq.waitIdle(seconds);
    if (atlas) atlas->waitIdle(seconds);
    f = show();
  }
  if (f.unpaired) ++placed.unpaired;
  return f;
}

void SetScene::showSequenceFrame(Placed& placed, double shotSeconds) {
  const PairedSequenceFrame f = frameAt(placed, shotSeconds);
  if (f.mesh.scene && f.mesh.shown != placed.frame) {
    layer_->replace(placed.id, f.mesh.scene, f.atlas);
    placed.frame = f.mesh.shown;
    placed.frameTriangles = f.mesh.scene->triangleCount();
    placed.frameScene = f.mesh.scene;
    placed.rays = std::make_unique<scenes::MeshRayTarget>(*placed.frameScene, placed.set.setToStage);
  }
  // With an atlas and no pair held by both yet, the pair already uploaded stays (it matches).
  const bool shown = f.mesh.scene != nullptr || (placed.set.atlas && f.mesh.wanted && placed.frame);
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
    if (!placed->shown) continue;
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
