#pragma once
// The shot's sets as the eyes see them and as picking meets them: one MeshLayer holding every
// set, each shown from its layer's start on, and the same geometry on the CPU for the rays that
// picking casts (a marker behind a box is not picked through it).
// A mesh sequence is a set whose meshes change with shot time: showAt() asks it for the frame
// at t and uploads that frame's meshes when the frame shown changes (the old GPU data going
// to the frame's disposer); it shows nothing where the sequence has no frame to show. With a
// texture atlas the mesh frame and the atlas frame uploaded always have the same index
// (media/sequence_pairing.h). Picking meets a sequence's frame shown (that frame's scene is
// held for the rays until the next one is shown).
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "engine/eye_camera.h"
#include "engine/mesh_layer.h"
#include "media/sequence_pairing.h"
#include "scenes/mesh_ray.h"
#include "player/set_pose.h"
#include "player/shot_sets.h"

namespace ps::player {

class SetScene {
 public:
  // `device` must outlive the scene.
  // exactWait > 0 (offline play, the loop's decodeWait): a mesh sequence read on its thread is
  // waited for (up to that long) until the exact frame at the time shown is there.
  SetScene(const engine::Device& device, std::vector<PlacedSet> sets,
           std::chrono::milliseconds exactWait = std::chrono::milliseconds{0});
  ~SetScene();  // logs each mesh sequence's reading (debug): frames not ready, broken, peak bytes
  SetScene(const SetScene&) = delete;
  SetScene& operator=(const SetScene&) = delete;

  bool empty() const { return sets_.empty(); }
  engine::MeshLayer& layer() { return *layer_; }
  // Shows the sets whose layer has started by shot time t, animated sets in their pose at t
  // (nodes, skins and morph weights, drawn on the GPU; picking rays meet the same pose,
  // deformed on the CPU), recomputed only when t moves the animation.
  void showAt(double shotSeconds);
  // The distance to the nearest shown set along a ray in stage space; empty when none is met.
  std::optional<float> nearestHit(const engine::Ray& ray) const;
  std::size_t triangleCount() const;

 private:
  struct Placed {
    PlacedSet set;  // its scene shared with the caller's and the layer's (until it uploads); rays read it
    std::unique_ptr<scenes::MeshRayTarget> rays;
    std::unique_ptr<SetPose> pose;  // unused by a mesh sequence
    engine::MeshLayer::SetId id = 0;
    bool shown = true;
    std::optional<std::size_t> frame;  // a mesh sequence's frame uploaded
    std::size_t frameTriangles = 0;
    std::shared_ptr<const scenes::MeshScene> frameScene;  // ... its scene, which `rays` reads
    std::uint64_t unpaired = 0;  // frames shown other than the sequence's choice, for the atlas
  };
  using PairedSequenceFrame = media::PairedSequenceFrame;
  PairedSequenceFrame frameAt(Placed& placed, double shotSeconds);
  void showSequenceFrame(Placed& placed, double shotSeconds);
  std::vector<std::unique_ptr<Placed>> sets_;
  std::unique_ptr<engine::MeshLayer> layer_;
  std::chrono::milliseconds exactWait_;
};

}  // namespace ps::player
