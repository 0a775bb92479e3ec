#include "player/splat_scene.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>

namespace ps::player {

SplatScene::SplatScene(const engine::Device& device, std::vector<PlacedSplats> splats,
                       std::chrono::milliseconds exactWait)
    : layer_(std::make_unique<engine::SplatLayer>(device)), exactWait_(exactWait) {
  placed_.reserve(splats.size());
  for (PlacedSplats& s : splats) {
    Placed p;
    p.splats = std::move(s);
    if (p.splats.cloud) {
      p.id = layer_->add(p.splats.cloud, p.splats.cloudToStage);
      p.added = true;
      p.shown = true;
      p.rays = std::make_unique<scenes::SplatRayTarget>(p.splats.cloud, p.splats.cloudToStage);
    }
    placed_.push_back(std::move(p));
  }
}

SplatScene::~SplatScene() {
  for (const Placed& p : placed_) {
    if (!p.splats.sequence) continue;
    const media::SequenceStats s = p.splats.sequence->stats();
    spdlog::debug("splat sequence {}: {} frames shown, {} not ready, {} broken, {} decoded, peak {:.1f} MiB",
                  p.splats.id, s.shown, s.notReady, s.broken, s.decoded,
                  static_cast<double>(s.peakHeldBytes) / (1 << 20));
  }
}

void SplatScene::showSequenceFrame(Placed& placed, double shotSeconds) {
  media::SplatSequence& seq = *placed.splats.sequence;
  media::SplatSequenceFrame f = seq.show(shotSeconds);
  // Manual reading (render): read what the playhead wants on this thread, so the frame is exact.
  if (f.wanted && f.shown != f.wanted && seq.pump() > 0) f = seq.show(shotSeconds);
  if (exactWait_.count() > 0 && f.wanted && f.shown != f.wanted) {
    // Offline play: the exact frame, as long as the sequence's thread brings it in time.
    const auto until = std::chrono::steady_clock::now() + exactWait_;
    while (std::chrono::steady_clock::now() < until && !seq.ready(*f.wanted))
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    f = seq.show(shotSeconds);
  }
  const bool visible = f.cloud != nullptr;
  if (visible && f.shown != placed.frame) {
    if (placed.added) {
      layer_->replace(placed.id, f.cloud);
    } else {
      placed.id = layer_->add(f.cloud, placed.splats.cloudToStage);
      placed.added = true;
    }
    placed.frame = f.shown;
    placed.rays = std::make_unique<scenes::SplatRayTarget>(f.cloud, placed.splats.cloudToStage);
  }
  if (placed.added && visible != placed.shown) layer_->setVisible(placed.id, visible);
  placed.shown = visible;
}

void SplatScene::showAt(double shotSeconds) {
  for (Placed& p : placed_) {
    if (p.splats.sequence) {
      showSequenceFrame(p, shotSeconds);
      continue;
    }
    const bool visible = shotSeconds >= p.splats.startSeconds;
    if (visible != p.shown) layer_->setVisible(p.id, visible);
    p.shown = visible;
  }
}

std::optional<float> SplatScene::nearestHit(const engine::Ray& ray) const {
  std::optional<float> best;
  for (const Placed& p : placed_) {
    if (!p.shown || !p.rays) continue;
    const auto hit = p.rays->nearestHit(ray.origin, ray.direction);
    if (hit && (!best || *hit < *best)) best = hit;
  }
  return best;
}

}  // namespace ps::player
