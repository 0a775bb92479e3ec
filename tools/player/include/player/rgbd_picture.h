#pragma once
// An RGB-D plate's pictures for the renderer (engine::RgbdLayer): for each plate frame the
// transport shows, its colour and its depth as FrameViews, the layout and depth coding to read
// them with, and where the capture stands (RgbdPlacement).
//
//   auto rgbd = RgbdPicture::open(shot, *shot.plate(), player.info(), layout);
//   ... per frame, with the plate's DecodedFrame f:
//   auto p = (*rgbd)->picture(f);              // colour, depth, layout, coding
//   layer.setPicture(p->colour, p->layout, p->depth, p->coding);
//   layer.setPlacement((*rgbd)->placement());
//
// Top-bottom: both views point into the plate's own frame (no copy). Separate: the depth is
// decoded by index (media::DepthTrack), so it is the depth of the colour frame shown under
// play, seeks and steps alike; it decodes on the caller's thread.
// One thread: the player loop.
#include <memory>

#include "engine/rgbd_layer.h"
#include "media/decoded_frame.h"
#include "media/depth_track.h"
#include "media/stream_info.h"
#include "scenes/result.h"
#include "scenes/shot.h"

namespace ps::player {

struct RgbdPictureFrame {
  FrameView colour;
  FrameView depth;
  FrameLayout layout;  // the colour's; the depth has the same eyes
  DepthCoding coding;
};

class RgbdPicture {
 public:
  // `medium` is one of shot's rgbd media; `plate` the stream of its video as opened (the colour,
  // or colour stacked over depth), `layout` its settled layout (openPlate's). A separate depth
  // video is opened now and checked against the colour (frame count, rate, size).
  static Result<std::unique_ptr<RgbdPicture>> open(const scenes::Shot& shot, const scenes::MediaRef& medium,
                                                   const media::StreamInfo& plate, const FrameLayout& layout);
  RgbdPicture(const RgbdPicture&) = delete;
  RgbdPicture& operator=(const RgbdPicture&) = delete;
  ~RgbdPicture();

  // The pictures of the plate frame `plate`. Views valid while `plate` lives and until the next
  // call. Errors name the file and frame: a stacked frame that cannot be split, a depth picture
  // that is not what the shot declares, a depth frame that does not decode.
  Result<RgbdPictureFrame> picture(const media::DecodedFrame& plate);

  // The shot's origin, the medium's yaw, discontinuity and head box.
  const engine::RgbdPlacement& placement() const { return placement_; }
  const scenes::RgbdMedia& rgbd() const { return rgbd_; }

 private:
  RgbdPicture(scenes::RgbdMedia rgbd, std::string url, FrameLayout layout, engine::RgbdPlacement placement,
              std::unique_ptr<media::DepthTrack> depth);

  scenes::RgbdMedia rgbd_;
  std::string url_;
  FrameLayout layout_;
  engine::RgbdPlacement placement_;
  std::unique_ptr<media::DepthTrack> depth_;  // separate packing only
};

}  // namespace ps::player
