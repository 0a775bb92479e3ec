#pragma once
// OverlayLayer: markers, cards with text, lines, the film frame and its clip, drawn in the eye
// pass as 3D geometry (overlay_geometry.h), tested against the depth of what the layers before
// it drew (meshes, later splats). Depth is never written: the overlay does not hide the scene.
// Each item is drawn twice: where it is in front of the scene (depth GREATER_OR_EQUAL, reverse-Z)
// at full opacity, and where the scene hides it (LESS) at hiddenOpacity (at most 0.3), so a
// marker behind an actor can still be found. Blended into the sRGB view (straight alpha, in
// linear light). Items compose as they are blended: two stacked where hidden show both at the
// hidden opacity (0.25 over 0.25 covers 0.44), so what should read as one shape (a pin) is
// built of parts that do not overlap.
// The geometry is set by its owner between frames: one set for every eye, plus what only one
// eye shows (edge arrows, laid out in that eye's pixels).
// Thread: the owner's.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "engine/font_atlas.h"
#include "engine/layer.h"
#include "engine/overlay_geometry.h"
#include "engine/rgba_image.h"

namespace ps::engine {

class Device;

class OverlayLayer : public Layer {
 public:
  static constexpr float kMaxHiddenOpacity = 0.3f;

  // `device` must outlive the layer; the atlas is uploaded at the first prepare.
  OverlayLayer(const Device& device, std::shared_ptr<const FontAtlas> atlas);
  OverlayLayer(const OverlayLayer&) = delete;
  OverlayLayer& operator=(const OverlayLayer&) = delete;
  ~OverlayLayer() override;

  const FontAtlas& atlas() const;
  // What the next frames draw: `common` in every eye, perEye[i] in the i-th eye only. The
  // vertices are written for the GPU at the next prepare only after a set: an owner whose
  // geometry did not change leaves it (no rebuild, no upload).
  void setGeometry(OverlayGeometry common, std::vector<OverlayGeometry> perEye = {});
  // The same copied into the layer's own vectors, which keep their capacity from set to set.
  void copyGeometry(const OverlayGeometry& common, std::span<const OverlayGeometry> perEye);
  // How many times the geometry was set (tests: an owner sets it only when it changed).
  std::uint64_t geometrySets() const;
  // The picture OverlayFill::Picture samples (RGBA, sRGB-encoded, rows top down); an empty
  // image: none (white).
  void setPicture(RgbaImage picture);
  // The same without a copy: `rgba` (width * height * 4 bytes) is kept until the next picture
  // and read once, into the upload.
  void setPicture(std::uint32_t width, std::uint32_t height, std::shared_ptr<const std::vector<std::uint8_t>> rgba);
  // The opacity of the hidden parts, clamped to 0..kMaxHiddenOpacity.
  void setHiddenOpacity(float opacity);
  float hiddenOpacity() const;

  void prepare(FrameRecording& frame, std::span<const EyePass> eyes) override;
  void record(FrameRecording& frame, const EyePass& eye) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ps::engine
