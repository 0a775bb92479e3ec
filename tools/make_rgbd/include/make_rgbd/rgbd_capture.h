#pragma once
// The generated room (rgbd_room.h) as an RGB-D capture: colour and depth videos written
// through the ffmpeg CLI in one of the delivery codings, and the shot.json that plays them.
//
//   codec   depth encodings           pictures
//   ffv1    linear, inverse           16-bit: depth gray16le (separate) or yuv420p16le (top-bottom)
//   hevc10  linear, inverse           yuv420p10le, HEVC Main 10, lossless
//   hevc12  linear, inverse           yuv420p12le, HEVC Main 12, lossless
//   h264    inverse-split8, hue       yuv444p, H.264 High 4:4:4, lossless (qp 0)
// Colour alone (separate packing) is 4:2:0 at the codec's bits (ffv1: 8-bit yuv420p). Top-bottom:
// colour on top, depth below, each the eye's size. Colour tagged BT.709 limited range; a
// separate depth video full range (its codes are not luma). The colour's top-left carries the
// frame stamp (tools/media/stamp.sh's layout), read by media/frame_stamp.h.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "make_rgbd/rgbd_room.h"
#include "scenes/layout.h"
#include "scenes/result.h"
#include "scenes/rgbd_depth.h"

namespace ps::make_rgbd {

enum class DepthCodec { Ffv1, Hevc10, Hevc12, H264 };
std::string_view toString(DepthCodec c);
std::optional<DepthCodec> parseDepthCodec(std::string_view s);

struct CaptureSpec {
  Projection projection = Projection::Equirect360;
  int width = 512;  // one eye's width; its height is width / 2 (360) or width (180)
  std::size_t frames = 30;
  int fps = 30;
  DepthPacking packing = DepthPacking::TopBottom;
  // Near and far hold every surface of the room; hue's far keeps the room's farthest point
  // (kFarthestMetres) below hue 5/6, away from the wrap back to red.
  DepthCoding coding{DepthEncoding::Inverse, 0.5, 10.0};
  DepthCodec codec = DepthCodec::Ffv1;
  std::string title = "Generated RGB-D room";
  // Also the room behind (rgbd_room.h) as a second rgbd medium ("behind", files behind_*), in
  // the same coding, that the room's medium names as its background layer.
  bool background = false;
  // Top-bottom stereo: the left eye's picture over the right's (colour, and depth likewise), each
  // eye's rays from its own points kIpdMetres apart, as stereo cameras capture them (see
  // eyeRayOrigin).
  bool stereo = false;
};

inline constexpr double kIpdMetres = 0.064;
// Where eye `eye` (0 left, 1 right) of a stereo capture sees along the unit ray `dir` from, in
// the room's capture point's coordinates (the room's own for mono): a 180 capture's eye is a
// camera kIpdMetres / 2 to that side (VR180's two lenses side by side); a 360 capture's is
// omnidirectional stereo (ODS): each ray starts on the circle of diameter kIpdMetres round the
// capture point, where the ray is the circle's tangent, on that eye's side of it.
glm::dvec3 eyeRayOrigin(const CaptureSpec& spec, int eye, const glm::dvec3& dir);

int eyeHeight(const CaptureSpec& spec);
// The depth's bits as shot.json's "bits" gives them: the plane's (16, 10, 12), 16 for
// inverse-split8's two bytes, 8 for hue.
int depthBits(const CaptureSpec& spec);
// An Error for a combination the table above does not have, or a size the stamp does not fit.
Status checkSpec(const CaptureSpec& spec);

// One frame of the room seen from eye `eye`'s capture point: colour (with the stamp) and metres,
// row by row, width x eyeHeight.
struct RoomFrame {
  std::vector<Rgb> rgb;
  std::vector<double> metres;
};
RoomFrame renderRoom(const CaptureSpec& spec, std::size_t frame, bool behind = false, int eye = 0);

// The file names in the capture folder: colour (or the one top-bottom video), depth (separate);
// `behind`: the background layer's (behind_ before each).
struct CaptureFiles {
  std::string colour;
  std::string depth;  // empty for top-bottom
};
CaptureFiles captureFiles(const CaptureSpec& spec, bool behind = false);

// shot.json for the capture: one "rgbd" medium (two with a background) and a timeline of its frames.
std::string captureShotJson(const CaptureSpec& spec);

// Writes the videos and shot.json into dir (created if missing). ffmpeg: the program to run.
Status writeCapture(const CaptureSpec& spec, const std::filesystem::path& dir, const std::string& ffmpeg = "ffmpeg");

// ffmpeg's encoder arguments (from -c:v on) for a picture of the codec: lossless, every frame
// reachable (GOP of one second); `allIntra` makes every frame a keyframe (a scrub proxy).
std::vector<std::string> encoderArgs(DepthCodec codec, int fps, bool allIntra);

}  // namespace ps::make_rgbd
