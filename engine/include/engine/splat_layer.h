#pragma once
// SplatLayer: draws clouds of 3D Gaussian splats (scenes::SplatCloud) into every eye, composed
// through depth with the opaque layers drawn before it (meshes, RGB-D).
//
//   SplatLayer splats(device);
//   const auto cloud = splats.add(std::move(set), cloudToStage);  // uploaded at the next prepare()
//   splats.replace(cloud, nextFrame);                              // a 4D sequence's next frame
//
// Per display frame, all on the GPU (no readback inside a frame):
//   prepare()  per cloud, one compute pass culls the splat centres to the union of the eyes'
//              frusta (and the near plane) and writes each one's depth along the eyes' mean
//              forward axis from their centre; a stable GPU radix sort (4 passes of 8 bits:
//              histogram, scan, scatter; no subgroup operations) orders them back to front,
//              once for both eyes;
//   record()   per eye, an instanced quad per visible splat in that order: EWA projection of the
//              3D covariance, colour from the spherical harmonics seen from that eye, alpha
//              blended premultiplied, depth tested against what the layers before wrote
//              (reverse-Z, GREATER_OR_EQUAL) without writing it.
// Colours are the capture's display-encoded values and blending happens in that space, as the
// reference rasterisers do: the layer draws passes of its own (Layer::drawsOwnPasses) through the
// target's UNORM view when it has one (an sRGB target without one blends linearly: close, not
// the same). A second attachment accumulates, with the same blending, the alpha-weighted view
// depth and the alpha of the splats; a last full-screen pass writes, where that alpha reaches
// 0.5, the transmittance-weighted depth (sum a_i T_i t_i / sum a_i T_i) into the eye's depth, so
// later layers (markers) and the runtime's depth layer see the splats.
//
// Clouds are each sorted on their own and drawn back to front by their bounds' centre: splats
// of two clouds that overlap in depth do not interleave. The budget caps the splats each frame
// sorts and draws; over it, each cloud keeps the share of its size, its first splats in the
// cloud's order. The layer times its own GPU work (stats().timing), read back a few frames
// later without waiting, so a SplatGovernor can move the budget to hold a frame time.
// Thread: the owner's. Destroy it only once the frames that used it have finished.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include <glm/mat4x4.hpp>

#include "engine/layer.h"
#include "engine/splat_governor.h"
#include "scenes/splat_cloud.h"

namespace ps::engine {

class Device;

class SplatLayer final : public Layer {
 public:
  using CloudId = std::uint64_t;
  // The most eyes one frame draws splats into (the others are skipped, with a warning).
  static constexpr std::size_t kMaxEyes = 4;

  struct Stats {
    std::uint64_t uploads = 0;   // clouds uploaded since creation (added or replaced)
    std::uint64_t sorted = 0;    // splats sorted in the last frame (over every cloud drawn)
    std::uint64_t clouds = 0;    // clouds drawn in the last frame
    std::uint64_t gpuBytes = 0;  // buffers of the clouds held now
    // The newest finished frame's splat work timed on the GPU (none where the queue has no
    // timestamps, or before a timed frame has finished): what a SplatGovernor steers by.
    std::optional<SplatTiming> timing;
  };

  // What the last frame's sort left for one cloud, read back when the frame had asked for it
  // (requestSortReadback): for tests and benchmarks.
  struct SortReadback {
    std::vector<std::uint32_t> keys;     // ascending: the farthest splat first
    std::vector<std::uint32_t> indices;  // into the cloud, in that order
    std::uint32_t visible = 0;           // the first `visible` are drawn
  };

  explicit SplatLayer(const Device& device);
  SplatLayer(const SplatLayer&) = delete;
  SplatLayer& operator=(const SplatLayer&) = delete;
  ~SplatLayer() override;

  // A cloud drawn from the next frame on, placed by `cloudToStage`. The layer holds the cloud
  // only until the upload. Throws std::invalid_argument for a null cloud and for one whose
  // buffers exceed the device's storage buffer range (at 128 MiB: about 2.8M splats, 700k with
  // SH degree 3's colours).
  CloudId add(std::shared_ptr<const scenes::SplatCloud> cloud, const glm::mat4& cloudToStage = glm::mat4(1.0f));
  // New splats for a cloud (its transform stays), uploaded at the next prepare(); the old
  // buffers go to the frame's disposer. Throws std::out_of_range for an unknown id,
  // std::invalid_argument as add() does.
  void replace(CloudId id, std::shared_ptr<const scenes::SplatCloud> cloud);
  void remove(CloudId id);
  void setTransform(CloudId id, const glm::mat4& cloudToStage);
  // A hidden cloud stays uploaded and is not sorted or drawn.
  void setVisible(CloudId id, bool visible);
  // The most splats sorted and drawn per frame over every cloud (0: no limit).
  void setBudget(std::uint64_t maxSplats) { budget_ = maxSplats; }
  std::uint64_t budget() const { return budget_; }
  std::size_t cloudCount() const;
  Stats stats() const;
  // False where the device's queue has no timestamps: stats().timing stays empty.
  bool timesItsWork() const;

  // The next prepare() also copies each cloud's sorted keys and indices to the host; once that
  // frame has finished, sortReadback(id) returns them (empty for a cloud not sorted).
  void requestSortReadback() { readbackRequested_ = true; }
  SortReadback sortReadback(CloudId id) const;

  void prepare(FrameRecording& frame, std::span<const EyePass> eyes) override;
  void record(FrameRecording& frame, const EyePass& eye) override;
  // Its passes write the target's UNORM view themselves, whatever the renderer's pass binds.
  bool writesEncoded() const override { return true; }
  bool drawsOwnPasses() const override { return true; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::uint64_t budget_ = 0;
  bool readbackRequested_ = false;
};

}  // namespace ps::engine
