#pragma once
// The colour and depth pictures of an RGB-D capture's frames, as FrameViews over the decoder's
// bytes (no copy), and the checks that a depth picture is what the shot says it is. The depth
// of a "separate" capture is decoded by DepthTrack (depth_track.h).
#include <optional>
#include <string>

#include "scenes/frame_view.h"
#include "scenes/result.h"
#include "scenes/rgbd_depth.h"

namespace ps::media {

struct RgbdViews {
  FrameView colour;
  FrameView depth;
};

// A stacked frame split in two: colour is the top half, depth the bottom half (same format,
// width and strides; plane pointers moved down, chroma rows by the chroma's own height). An
// odd height is refused, and so is a 4:2:0 picture whose halves would share a chroma row
// (height not a multiple of 4). `where` names the file and frame in the error.
Result<RgbdViews> splitTopBottom(const FrameView& stacked, const std::string& where);

// What the shot says about a depth picture: its coding, and the bit depth it declares.
struct DepthDeclared {
  DepthEncoding encoding = DepthEncoding::Inverse;
  std::optional<int> bits;  // 8, 10, 12 or 16; absent: any
};
// The depth picture carries what was declared: the bit depth (an 8-bit plane declared as
// 16-bit is refused: its code steps would be 256 times coarser than the renderer assumes);
// inverse-split8 needs an 8-bit 4:4:4 picture (its low byte is in Cb, read unfiltered); hue
// needs colour. `where` names the file and frame.
Status checkDepthPicture(const FrameView& depth, const DepthDeclared& declared, const std::string& where);

// Whether a frame looks like colour stacked over a grey depth picture: the bottom half's
// chroma is neutral everywhere while the top half's is not. For `probe` on a bare video.
bool looksLikeStackedDepth(const FrameView& frame);

}  // namespace ps::media
