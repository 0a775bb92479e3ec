#pragma once
// An RGB-D plate's pictures for the renderer (engine::RgbdLayer): for each plate frame the
// transport shows, its colour and its depth as FrameViews, the layout and depth coding to read
// them with, the background layer's picture when the medium names one, and where the capture
// stands (RgbdPlacement).
//
//   auto rgbd = RgbdPicture::open(shot, *shot.plate(), player.info(), layout);
//   ... per frame, with the plate's DecodedFrame f:
//   auto p = (*rgbd)->picture(f);              // colour, depth, layout, coding, background
//   layer.setPicture(p->colour, p->layout, p->depth, p->coding);
//   if (p->background) layer.setBackground(...); else layer.clearBackground();
//   layer.setPlacement((*rgbd)->placement());
//
// Top-bottom: the colour and depth point into the plate's own frame (no copy). Separate: the
// depth is decoded by index (media::DepthTrack), so it is the depth of the colour frame shown
// under play, seeks and steps alike. The background (rgbd_background.h) is decoded by the
// plate's index the same way. Both decode on a thread of their own (decode_ahead.h), where each
// depth picture is measured too (engine::RgbdDepthMeasure, long for a large picture): the loop
// offers the next plate frame ahead() and takes its pictures ready (ready()), never decoding or
// measuring them itself.
// One thread: the player loop (or a command).
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "engine/rgbd_layer.h"
#include "media/decoded_frame.h"
#include "media/depth_track.h"
#include "media/stream_info.h"
#include "player/decode_ahead.h"
#include "player/rgbd_background.h"
#include "player/rgbd_layer_picture.h"
#include "scenes/result.h"
#include "scenes/shot.h"

namespace ps::player {

// What a plate frame needs beside its own picture: its separate depth, its background, and the
// measures of both depths (null where one could not be made: the layer measures and refuses).
struct RgbdExtras {
  std::optional<media::DecodedFrame> depth;
  std::optional<OwnedRgbdPicture> background;
  std::shared_ptr<const engine::RgbdDepthMeasure> measure;
};

struct RgbdPictureFrame {
  FrameView colour;
  FrameView depth;
  FrameLayout layout;  // the colour's; the depth has the same eyes
  DepthCoding coding;
  std::shared_ptr<const engine::RgbdDepthMeasure> measure;  // the depth's, made ahead (null: none)
  std::optional<RgbdLayerPicture> background;  // the medium's background layer, when it names one
  // Keeps the decoded depth and background the views point into.
  std::shared_ptr<const RgbdExtras> extras;
};

class RgbdPicture {
 public:
  // `medium` is one of shot's rgbd media; `plate` the stream of its video as opened (the colour,
  // or colour stacked over depth), `layout` its settled layout (openPlate's). A separate depth
  // video is opened now and checked against the colour (frame count, rate, size); so is the
  // background medium (frame rate and count).
  static Result<std::unique_ptr<RgbdPicture>> open(const scenes::Shot& shot, const scenes::MediaRef& medium,
                                                   const media::StreamInfo& plate, const FrameLayout& layout);
  RgbdPicture(const RgbdPicture&) = delete;
  RgbdPicture& operator=(const RgbdPicture&) = delete;
  ~RgbdPicture();

  // The pictures of the plate frame `plate`, waiting for its depth and background to decode.
  // Views valid while `plate` and the result's extras live. Errors name the file and frame: a
  // stacked frame that cannot be split, a depth picture that is not what the shot declares, a
  // depth or background frame that does not decode.
  Result<RgbdPictureFrame> picture(const media::DecodedFrame& plate);
  // The same, waiting at most `wait`: empty while its depth or background is still decoding.
  std::optional<Result<RgbdPictureFrame>> ready(const media::DecodedFrame& plate, std::chrono::milliseconds wait);
  // Decode and measure what plate frame `plate` needs now, ahead of its ready() (a reference
  // to its decoded picture is kept until then, at most a few frames).
  void ahead(const media::DecodedFrame& plate);

  // The shot's origin, the medium's yaw, discontinuity and head box.
  const engine::RgbdPlacement& placement() const { return placement_; }
  const scenes::RgbdMedia& rgbd() const { return rgbd_; }

 private:
  RgbdPicture(scenes::RgbdMedia rgbd, std::string url, FrameLayout layout, engine::RgbdPlacement placement,
              std::unique_ptr<media::DepthTrack> depth, std::unique_ptr<RgbdBackground> background);
  Result<std::shared_ptr<const RgbdExtras>> decodeExtras(std::int64_t index);  // on ahead_'s thread
  void offer(const media::DecodedFrame& plate);  // kept for decodeExtras
  std::optional<media::DecodedFrame> offered(std::int64_t index);
  // The measure of `depth` (one eye layout), lending the last of the same shape; null if refused.
  std::shared_ptr<const engine::RgbdDepthMeasure> measure(const FrameView& depth, const FrameLayout& layout,
                                                          const DepthCoding& coding,
                                                          std::shared_ptr<const engine::RgbdDepthMeasure>& last);
  Result<RgbdPictureFrame> assemble(const media::DecodedFrame& plate, const Result<std::shared_ptr<const RgbdExtras>>& extras) const;

  scenes::RgbdMedia rgbd_;
  std::string url_;
  FrameLayout layout_;
  engine::RgbdPlacement placement_;
  std::unique_ptr<media::DepthTrack> depth_;          // separate packing only; ahead_'s thread
  std::unique_ptr<RgbdBackground> background_;        // when the medium names one; ahead_'s thread
  std::shared_ptr<const engine::RgbdDepthMeasure> lastMeasure_, lastBackgroundMeasure_;  // ahead_'s thread
  std::mutex offeredMutex_;
  std::deque<media::DecodedFrame> offered_;            // plate frames for top-bottom depth, newest last
  std::unique_ptr<DecodeAhead<RgbdExtras>> ahead_;    // last
};

}  // namespace ps::player
