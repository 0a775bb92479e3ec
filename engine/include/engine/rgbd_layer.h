#pragma once
// RgbdLayer: an RGB-D equirect capture (360/180, colour plus depth along each pixel's ray) drawn
// as geometry around the capture point, so a head that leans or steps sees near things move
// against far ones. Opaque: depth test and write (reverse-Z), so sets, splats and markers
// compose with it.
//
//   RgbdLayer rgbd(context);
//   rgbd.setPlacement({origin, yawOffsetDeg, ...});     // where the capture point stands
//   rgbd.setPicture(colour, layout, depth, coding);     // a new frame: copies the planes now
//   ... FrameRenderer::record(rec, eyes, {&rgbd, &meshes, ...}) ...
//
// Drawing: a grid over the picture whose density follows what the frame's eye views need,
// displaced by depth in the vertex stage (depth read with texelFetch: filtering would corrupt
// split codes and mix edges), colour sampled with the equirect layer's conventions (v360's).
// Triangles across a depth discontinuity (relative: max/min depth of its corners - 1 above
// `discontinuity`) are dropped, not stretched; what they would have covered shows the
// background layer (setBackground) or, without one, the colour at the far depth.
// Each eye draws its own parallax from its own position. Inside the head box around the
// capture point parallax is full; outside it the eye's offset used for parallax is pulled
// smoothly back toward the box, so the capture never tears apart.
// Frames that call no setPicture draw the last picture again with no upload.
// Thread: the frame context's.
#include <cstdint>
#include <memory>
#include <span>

#include <glm/vec3.hpp>

#include "engine/frame_context.h"
#include "engine/layer.h"
#include "scenes/frame_view.h"
#include "scenes/layout.h"
#include "scenes/rgbd_depth.h"

namespace ps::engine {

struct RgbdPlacement {
  glm::vec3 origin{0.0f, 1.6f, 0.0f};  // the capture point in stage metres
  float yawOffsetDeg = 0.0f;           // the capture's front turned right by this
  float discontinuity = 0.1f;          // relative depth step above which a triangle is dropped
  float headBoxM = 0.5f;               // edge of the cube around origin where parallax is full
};

class RgbdLayer final : public Layer {
 public:
  // `context` must outlive the layer.
  explicit RgbdLayer(FrameContext& context);
  RgbdLayer(const RgbdLayer&) = delete;
  RgbdLayer& operator=(const RgbdLayer&) = delete;
  ~RgbdLayer() override;

  void setPlacement(const RgbdPlacement& placement);
  // A new frame: `colour` in `layout` (stereo: each eye's half), `depth` with the same eye
  // layout and size per eye, its code values read through `coding`. Copies the planes (the
  // FrameViews' bytes are not used after this returns unless bytesOwner is given). Throws
  // std::invalid_argument for pictures that do not fit each other, the layout or the coding
  // (e.g. InverseSplit8 needs a 4:4:4 8-bit depth picture).
  void setPicture(const FrameView& colour, const FrameLayout& layout, const FrameView& depth,
                  const DepthCoding& coding, std::shared_ptr<const void> bytesOwner = nullptr);
  // A second RGB-D layer behind the first (layered depth): what the first's dropped triangles
  // uncover. Same rules as setPicture.
  void setBackground(const FrameView& colour, const FrameLayout& layout, const FrameView& depth,
                     const DepthCoding& coding, std::shared_ptr<const void> bytesOwner = nullptr);
  void clearBackground();
  bool hasPicture() const;

  void prepare(FrameRecording& frame, std::span<const EyePass> eyes) override;
  void record(FrameRecording& frame, const EyePass& eye) override;
  // Like the equirect layer's shader, its shader writes encoded values through a UNORM view.
  bool writesEncoded() const override { return true; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ps::engine
