#pragma once
// What RgbdLayer must know of a depth picture before it can draw it: per eye, each patch of its
// grid measured on the CPU (depth range, smoothness per level of detail), which is what lets an
// eye cull patches and draw each at the level its view needs. Measuring a large picture takes
// long against a frame (hundreds of ms for 2048x1024 in a Debug build), so a player measures
// each picture on a worker, ahead of the frame that shows it, and hands the measure to
// setPicture / setBackground; given none, the layer measures on its own thread.
//
//   auto m = RgbdDepthMeasure::of(depth, layout, coding, last.get());   // on a worker
//   ... on the frame's thread:
//   layer.setPicture(colour, layout, depth, coding, m);
//
// Any thread: a measure is immutable once made.
#include <cstdint>
#include <memory>
#include <vector>

#include "scenes/frame_view.h"
#include "scenes/layout.h"
#include "scenes/rgbd_depth.h"

namespace ps::engine {

struct RgbdPatchGrid;

class RgbdDepthMeasure {
 public:
  // The measure of `depth` (each eye of `layout.stereo`) read through `coding`. `previous`, a
  // measure of a picture of the same layout and size, lends what depends on the shape alone.
  // Throws std::invalid_argument, saying what, for a depth picture the layer would refuse
  // (its size does not split into the layout's eyes, its format does not carry the coding).
  static std::shared_ptr<const RgbdDepthMeasure> of(const FrameView& depth, const FrameLayout& layout,
                                                    const DepthCoding& coding,
                                                    const RgbdDepthMeasure* previous = nullptr);
  ~RgbdDepthMeasure();
  RgbdDepthMeasure(const RgbdDepthMeasure&) = delete;
  RgbdDepthMeasure& operator=(const RgbdDepthMeasure&) = delete;

  // Whether it was made for this picture: the same size, layout and coding.
  bool fits(const FrameView& depth, const FrameLayout& layout, const DepthCoding& coding) const;
  int eyes() const { return static_cast<int>(eyes_.size()); }
  const RgbdPatchGrid& eye(int e) const { return *eyes_[static_cast<std::size_t>(e)]; }

 private:
  RgbdDepthMeasure() = default;
  std::uint32_t width_ = 0, height_ = 0;  // the whole picture's
  PixelFormat format_ = PixelFormat::Yuv420P;
  ColorRange range_ = ColorRange::Limited;
  FrameLayout layout_;
  DepthCoding coding_;
  std::vector<std::unique_ptr<RgbdPatchGrid>> eyes_;
};

}  // namespace ps::engine
