#pragma once
// FFmpeg's pixel formats and colour tags in the renderer's vocabulary.
#include <optional>

extern "C" {
#include <libavutil/pixfmt.h>
}

#include "scenes/frame_view.h"

namespace ps::media {

// The formats media/ hands out as decoded; empty for any other.
std::optional<PixelFormat> toPixelFormat(AVPixelFormat f);
// The yuvj formats: full range whatever the stream's tag says.
bool isJpegRangeFormat(AVPixelFormat f);
// A comma-separated list of the FFmpeg names toPixelFormat accepts.
const char* supportedPixelFormatNames();

struct ResolvedColor {
  ColorMatrix matrix = ColorMatrix::Bt709;
  bool matrixAssumed = false;
  ColorRange range = ColorRange::Limited;
  bool rangeAssumed = false;
};
// Unspecified (or unsupported) matrix: BT.709 for height >= 720, else BT.601.
ResolvedColor resolveColor(AVColorSpace space, AVColorRange range, AVPixelFormat format, int height);

}  // namespace ps::media
