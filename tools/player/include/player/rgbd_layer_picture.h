#pragma once
// One RGB-D layer's picture for engine::RgbdLayer (setPicture, setBackground): colour and depth
// views, the layout to read the colour with and the coding of the depth's code values, and the
// depth's measure when it was made ahead (engine/rgbd_depth_measure.h).
#include <memory>

#include "engine/rgbd_depth_measure.h"
#include "scenes/frame_view.h"
#include "scenes/layout.h"
#include "scenes/rgbd_depth.h"

namespace ps::player {

struct RgbdLayerPicture {
  FrameView colour;
  FrameView depth;
  FrameLayout layout;  // the colour's; the depth has the same eyes
  DepthCoding coding;
  std::shared_ptr<const engine::RgbdDepthMeasure> measure;  // null: the layer measures it
};

}  // namespace ps::player
