#pragma once
// The shot's Gaussian splat captures as the eyes see them and as picking meets them: one
// SplatLayer holding every capture, each shown from its layer's start on, and the same clouds
// on the CPU for the rays that picking casts (scenes/splat_ray.h: a splat surface is where the
// gathered opacity passes 0.5).
// A 4D capture (splat-sequence) changes with shot time: showAt() asks its sequence for the
// frame at t and hands the layer that frame's cloud when the frame shown changes (the old GPU
// buffers going to the frame's disposer); it shows nothing where the sequence has no frame.
#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "engine/eye_camera.h"
#include "engine/splat_layer.h"
#include "player/shot_splats.h"
#include "scenes/splat_ray.h"

namespace ps::player {

class SplatScene {
 public:
  // `device` must outlive the scene. exactWait > 0 (offline play): a sequence read on its thread
  // is waited for (up to that long) until the exact frame at the time shown is there.
  SplatScene(const engine::Device& device, std::vector<PlacedSplats> splats,
             std::chrono::milliseconds exactWait = std::chrono::milliseconds{0});
  ~SplatScene();  // logs each sequence's reading (debug)
  SplatScene(const SplatScene&) = delete;
  SplatScene& operator=(const SplatScene&) = delete;

  bool empty() const { return placed_.empty(); }
  engine::SplatLayer& layer() { return *layer_; }
  void showAt(double shotSeconds);
  // The distance to the nearest shown splat surface along a ray in stage space; empty when none.
  std::optional<float> nearestHit(const engine::Ray& ray) const;

 private:
  struct Placed {
    PlacedSplats splats;
    engine::SplatLayer::CloudId id = 0;
    bool added = false;     // a sequence is added with its first frame shown
    bool shown = false;
    std::optional<std::size_t> frame;  // a sequence's frame handed to the layer
    std::unique_ptr<scenes::SplatRayTarget> rays;  // the cloud shown
  };
  void showSequenceFrame(Placed& placed, double shotSeconds);

  std::vector<Placed> placed_;
  std::unique_ptr<engine::SplatLayer> layer_;
  std::chrono::milliseconds exactWait_;
};

}  // namespace ps::player
