#pragma once
// RgbdLayer: an RGB-D equirect capture (360/180, colour plus depth along each pixel's ray) drawn
// as geometry around the capture point, so a head that leans or steps sees near things move
// against far ones. Opaque: depth test and write (reverse-Z), so sets, splats and markers
// compose with it.
//
//   RgbdLayer rgbd(context);
//   rgbd.setPlacement({origin, yawOffsetDeg, ...});     // where the capture point stands
//   rgbd.setPicture(colour, layout, depth, coding);     // a new frame: copies the planes now
//   rgbd.setPicture(colour, layout, depth, coding, m);  // the same, measured ahead (rgbd_depth_measure.h)
//   ... FrameRenderer::record(rec, eyes, {&rgbd, &meshes, ...}) ...
//
// Drawing: a grid on the depth picture's texel centres, displaced by depth in the vertex stage
// (depth read with texelFetch: filtering would corrupt split codes and mix edges), colour
// sampled with the equirect layer's conventions (v360's). The grid is cut into patches of 16 x 16
// cells whose depth range and smoothness are measured on the CPU (RgbdDepthMeasure: ahead by the
// caller, or when the picture is set); each eye
// draws only the patches that can be in its frustum, each at the level of detail its view
// needs: a cell per texel, or per 2, 4 texels... up to a target pixel where a patch holds a
// depth discontinuity (so an edge loses at most about a pixel), and elsewhere as coarse (up to
// 16 texels a cell) as keeps the surface within a quarter pixel of the full grid's for that
// eye's parallax. A patch's edge points snap to a coarser neighbour's, so levels meet without
// cracks.
// Triangles across a depth discontinuity (relative: max/min depth of its corners - 1 above
// `discontinuity`) are dropped, not stretched; where a patch with one is drawn with cells that
// span several texels, fragments whose colour would read a texel across such a step from them
// are dropped too. What they would have covered shows the background layer (setBackground)
// or, without one, the colour at the far depth (a sphere at far_m). Both are drawn 1 % farther
// than their depth says, so where they are as far as the capture the capture wins the depth test.
// Each eye draws its own parallax from its own position. A stereo picture's eyes each draw their
// own half from their own rays: a 180 picture's from a camera stereoBaselineM / 2 to that side
// of the capture point (VR180), a 360 picture's from the omnidirectional stereo (ODS) circle of
// diameter stereoBaselineM round it, where each ray is its tangent on that eye's side (depth is
// measured from there); so an eye where its camera stood sees its half as it was captured. The head box is a cube around the
// capture point whose faces are headBoxM from it (stage axes): the eye's offset is used as it
// is up to 3/4 of the way to a face, then eased (continuous slope, tanh) onto the face, per
// axis; the capture is carried along with the head by the rest, so it never tears apart and
// far outside it shows what the box's face sees.
// Hue depth follows Depthkit's shaders: hue of the depth pixel's R'G'B' (-1/6..5/6, read as
// 0..5/6), linear near..far; a pixel with R' + G' + B' <= 0.3 reads as far.
// Depth planes: linear and inverse read the luma plane of any format (grey or YUV), as code
// values of its bit depth and range; inverse-split8 reads Y (high byte) and Cb (low byte) of a
// Yuv444P picture as raw bytes (whatever its range says); hue reads Y, Cb and Cr.
// Eyes drawn into a whole-sphere image (EyePass::wholeSphere) get nothing: it has no eye
// position; over a compositor's sphere (overSphere) there is no far fill.
// Frames that call no setPicture draw the last picture again with no upload.
// Thread: the frame context's.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include <glm/vec3.hpp>

#include "engine/frame_context.h"
#include "engine/layer.h"
#include "engine/rgbd_depth_measure.h"
#include "scenes/frame_view.h"
#include "scenes/layout.h"
#include "scenes/rgbd_depth.h"

namespace ps::engine {

struct RgbdPlacement {
  glm::vec3 origin{0.0f, 1.6f, 0.0f};  // the capture point in stage metres
  float yawOffsetDeg = 0.0f;           // the capture's front turned right by this
  float discontinuity = 0.1f;          // relative depth step above which a triangle is dropped
  float headBoxM = 0.5f;               // from origin to each face of the head box (see above)
  // A stereo picture's eyes: how far apart their rays start (see above).
  float stereoBaselineM = 0.064f;
};

class RgbdLayer final : public Layer {
 public:
  // `context` must outlive the layer.
  explicit RgbdLayer(FrameContext& context);
  RgbdLayer(const RgbdLayer&) = delete;
  RgbdLayer& operator=(const RgbdLayer&) = delete;
  ~RgbdLayer() override;

  // Throws std::invalid_argument for discontinuity or headBoxM not > 0.
  void setPlacement(const RgbdPlacement& placement);
  // A new frame: `colour` in `layout` (stereo: each eye's half), `depth` with the same eye
  // layout and size, its code values read through `coding`. Copies the planes now (the
  // FrameViews' bytes are not used after this returns). `measured`: the depth's measure made
  // ahead (one made for another picture is not used: the picture is measured now). Throws
  // std::invalid_argument, saying what, for pictures that do not fit each other, the layout or
  // the coding: sizes that differ, a grey colour picture, InverseSplit8 without a Yuv444P
  // depth picture, Hue with a grey one, near_m <= 0 or >= far_m; std::logic_error when the
  // frame being recorded already draws the picture it would overwrite (set it before prepare).
  // The layer holds two pictures per stream: this one overwrites the older, after waiting for
  // the last frame that drew it (at once unless frames are queued).
  void setPicture(const FrameView& colour, const FrameLayout& layout, const FrameView& depth,
                  const DepthCoding& coding, const RgbdDepthMeasure* measured = nullptr);
  // A second RGB-D layer behind the first (layered depth): what the first's dropped triangles
  // uncover. Same rules as setPicture.
  void setBackground(const FrameView& colour, const FrameLayout& layout, const FrameView& depth,
                     const DepthCoding& coding, const RgbdDepthMeasure* measured = nullptr);
  void clearBackground();
  bool hasPicture() const;
  // Pictures (and backgrounds) set without a fitting measure, measured on the caller's thread.
  std::uint64_t picturesMeasured() const;

  void prepare(FrameRecording& frame, std::span<const EyePass> eyes) override;
  void record(FrameRecording& frame, const EyePass& eye) override;
  // The triangles the last prepared frame draws for its eye `eyeIndex` (EyePass::index): the
  // patches' and the far fill's, dropped ones included; 0 for an eye it does not draw.
  std::uint64_t triangles(std::size_t eyeIndex) const;
  // Like the equirect layer's shader, its shader writes encoded values through a UNORM view.
  bool writesEncoded() const override { return true; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ps::engine
