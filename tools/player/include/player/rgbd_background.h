#pragma once
// The background layer of an RGB-D plate: the rgbd medium its "background" names, decoded by
// its own reader on the plate's frames (frame i of the background is drawn behind plate frame
// i, so the two must have the same frame rate and, where both containers say, frame count).
// What the plate's dropped triangles uncover shows it (engine::RgbdLayer::setBackground).
//
//   auto bg = RgbdBackground::open(shot, plateMedium, plate);   // null: no background
//   auto f = (*bg)->frame(index);   // its colour and depth, owning their decoded frames
//
// Decodes on the caller's thread (the plate's decode-ahead thread). One thread at a time.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/decoded_frame.h"
#include "media/depth_track.h"
#include "media/stream_info.h"
#include "media/video_by_index.h"
#include "player/rgbd_layer_picture.h"
#include "scenes/result.h"
#include "scenes/shot.h"

namespace ps::player {

// A layer's picture and the decoded frames its views point into.
struct OwnedRgbdPicture {
  RgbdLayerPicture picture;
  std::vector<media::DecodedFrame> frames;
};

// Why a background video cannot follow the plate frame by frame (another frame rate, another
// frame count where both containers say); empty when it can.
std::optional<std::string> backgroundMismatch(const media::StreamInfo& background, const media::StreamInfo& plate);

class RgbdBackground {
 public:
  // `medium` is the plate's rgbd medium, `plate` its video's stream. Null when it names no
  // background. Errors name shot.json's pointer (the background cannot be opened) or both
  // videos (another frame rate or frame count).
  static Result<std::unique_ptr<RgbdBackground>> open(const scenes::Shot& shot, const scenes::MediaRef& medium,
                                                      const media::StreamInfo& plate);
  ~RgbdBackground();
  RgbdBackground(const RgbdBackground&) = delete;
  RgbdBackground& operator=(const RgbdBackground&) = delete;

  // The background of plate frame `index`. Errors name the file and frame.
  Result<OwnedRgbdPicture> frame(std::int64_t index);

 private:
  RgbdBackground(scenes::RgbdMedia rgbd, FrameLayout layout, std::unique_ptr<media::VideoByIndex> colour,
                 std::unique_ptr<media::DepthTrack> depth);

  scenes::RgbdMedia rgbd_;
  FrameLayout layout_;
  std::unique_ptr<media::VideoByIndex> colour_;  // the colour, or colour stacked over depth
  std::unique_ptr<media::DepthTrack> depth_;     // separate packing only
};

}  // namespace ps::player
