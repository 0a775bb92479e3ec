#pragma once
// The shot's sets as the eyes see them and as picking meets them: one MeshLayer holding every
// set, each shown from its layer's start on, and the same geometry on the CPU for the rays that
// picking casts (a marker behind a box is not picked through it).
#include <memory>
#include <optional>
#include <vector>

#include "engine/eye_camera.h"
#include "engine/mesh_layer.h"
#include "scenes/mesh_ray.h"
#include "player/shot_sets.h"

namespace ps::player {

class SetScene {
 public:
  // `device` must outlive the scene.
  SetScene(const engine::Device& device, std::vector<PlacedSet> sets);

  bool empty() const { return sets_.empty(); }
  engine::MeshLayer& layer() { return *layer_; }
  // Shows the sets whose layer has started by shot time t, animated sets in their pose at t
  // (node transforms; picking rays still meet the rest pose).
  void showAt(double shotSeconds);
  // The distance to the nearest shown set along a ray in stage space; empty when none is met.
  std::optional<float> nearestHit(const engine::Ray& ray) const;
  std::size_t triangleCount() const;

 private:
  struct Placed {
    PlacedSet set;  // geometry kept for rays (the layer drops its copy once uploaded)
    std::unique_ptr<scenes::MeshRayTarget> rays;
    engine::MeshLayer::SetId id = 0;
    bool shown = true;
  };
  std::vector<std::unique_ptr<Placed>> sets_;
  std::unique_ptr<engine::MeshLayer> layer_;
};

}  // namespace ps::player
