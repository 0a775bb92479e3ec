#include "engine/rgbd_depth_measure.h"

#include "rgbd_depth_cpu.h"
#include "rgbd_patches.h"

namespace ps::engine {

std::shared_ptr<const RgbdDepthMeasure> RgbdDepthMeasure::of(const FrameView& depth, const FrameLayout& layout,
                                                             const DepthCoding& coding,
                                                             const RgbdDepthMeasure* previous) {
  checkDepthPicture("RgbdDepthMeasure: ", depth, layout.stereo, coding);
  std::shared_ptr<RgbdDepthMeasure> m(new RgbdDepthMeasure());
  m->width_ = depth.width;
  m->height_ = depth.height;
  m->format_ = depth.format;
  m->range_ = depth.range;
  m->layout_ = layout;
  m->coding_ = coding;
  const bool half = layout.projection == Projection::Equirect180;
  const int eyes = layout.stereo == StereoLayout::Mono ? 1 : 2;
  for (int e = 0; e < eyes; ++e) {
    // measureRgbdPatches keeps the previous grid's cones only where its shape is the same.
    const RgbdPatchGrid* cones = previous != nullptr && previous->eyes() == eyes ? &previous->eye(e) : nullptr;
    m->eyes_.push_back(std::make_unique<RgbdPatchGrid>(
        measureRgbdPatches(decodeDepthMetres(depth, layout.stereo, e, coding), half, cones)));
  }
  return m;
}

RgbdDepthMeasure::~RgbdDepthMeasure() = default;

bool RgbdDepthMeasure::fits(const FrameView& depth, const FrameLayout& layout, const DepthCoding& coding) const {
  return depth.width == width_ && depth.height == height_ && depth.format == format_ && depth.range == range_ &&
         layout.projection == layout_.projection && layout.stereo == layout_.stereo && coding == coding_;
}

}  // namespace ps::engine
