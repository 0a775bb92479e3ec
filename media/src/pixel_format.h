#pragma once
// FFmpeg's pixel formats and colour tags in the renderer's vocabulary.
#include <optional>

extern "C" {
#include <libavutil/pixfmt.h>
}

#include "scenes/frame_view.h"

namespace ps::media {

// The formats media/ hands out as decoded; empty for any other. `depth`: a depth video's,
// which may also be grey (gray, gray10le, gray12le, gray16le) or yuv420p12le; a picture to
// show (a plate) never is.
std::optional<PixelFormat> toPixelFormat(AVPixelFormat f, bool depth = false);
// The yuvj formats: full range whatever the stream's tag says.
bool isJpegRangeFormat(AVPixelFormat f);
// A comma-separated list of the FFmpeg names toPixelFormat accepts.
const char* supportedPixelFormatNames(bool depth = false);
// The grey formats (any bit depth FFmpeg has): a picture without colour.
bool isGrayFormat(AVPixelFormat f);

struct ResolvedColor {
  ColorMatrix matrix = ColorMatrix::Bt709;
  bool matrixAssumed = false;
  ColorRange range = ColorRange::Limited;
  bool rangeAssumed = false;
};
// Unspecified (or unsupported) matrix: BT.709 for height >= 720, else BT.601.
ResolvedColor resolveColor(AVColorSpace space, AVColorRange range, AVPixelFormat format, int height);

}  // namespace ps::media
