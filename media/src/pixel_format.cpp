#include "pixel_format.h"

extern "C" {
#include <libavutil/pixdesc.h>
}

namespace ps::media {

std::optional<PixelFormat> toPixelFormat(AVPixelFormat f, bool depth) {
  if (depth) {
    switch (f) {
      case AV_PIX_FMT_GRAY8: return PixelFormat::Gray8;
      case AV_PIX_FMT_GRAY10LE: return PixelFormat::Gray10;
      case AV_PIX_FMT_GRAY12LE: return PixelFormat::Gray12;
      case AV_PIX_FMT_GRAY16LE: return PixelFormat::Gray16;
      case AV_PIX_FMT_YUV420P12LE: return PixelFormat::Yuv420P12;
      default: break;
    }
  }
  switch (f) {
    case AV_PIX_FMT_YUV420P:
    case AV_PIX_FMT_YUVJ420P: return PixelFormat::Yuv420P;
    case AV_PIX_FMT_YUV420P10LE: return PixelFormat::Yuv420P10;
    case AV_PIX_FMT_NV12: return PixelFormat::Nv12;
    case AV_PIX_FMT_P010LE: return PixelFormat::P010;
    case AV_PIX_FMT_YUV444P:
    case AV_PIX_FMT_YUVJ444P: return PixelFormat::Yuv444P;
    case AV_PIX_FMT_YUV444P10LE: return PixelFormat::Yuv444P10;
    default: return std::nullopt;
  }
}

bool isJpegRangeFormat(AVPixelFormat f) { return f == AV_PIX_FMT_YUVJ420P || f == AV_PIX_FMT_YUVJ444P; }

const char* supportedPixelFormatNames(bool depth) {
  if (depth)
    return "yuv420p, yuvj420p, yuv420p10le, yuv420p12le, nv12, p010le, yuv444p, yuvj444p, yuv444p10le, gray, gray10le, "
           "gray12le, gray16le";
  return "yuv420p, yuvj420p, yuv420p10le, nv12, p010le, yuv444p, yuvj444p, yuv444p10le";
}

bool isGrayFormat(AVPixelFormat f) {
  const AVPixFmtDescriptor* d = av_pix_fmt_desc_get(f);
  return d != nullptr && d->nb_components == 1 && (d->flags & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL)) == 0;
}

ResolvedColor resolveColor(AVColorSpace space, AVColorRange range, AVPixelFormat format, int height) {
  ResolvedColor c;
  switch (space) {
    case AVCOL_SPC_BT709: c.matrix = ColorMatrix::Bt709; break;
    case AVCOL_SPC_BT470BG:
    case AVCOL_SPC_SMPTE170M:
    case AVCOL_SPC_SMPTE240M: c.matrix = ColorMatrix::Bt601; break;
    case AVCOL_SPC_BT2020_NCL:
    case AVCOL_SPC_BT2020_CL: c.matrix = ColorMatrix::Bt2020; break;
    default:
      // What most players do with untagged video: HD was made on BT.709, SD on BT.601.
      c.matrix = height >= 720 ? ColorMatrix::Bt709 : ColorMatrix::Bt601;
      c.matrixAssumed = true;
      break;
  }
  if (isJpegRangeFormat(format) || range == AVCOL_RANGE_JPEG) {
    c.range = ColorRange::Full;
  } else {
    c.range = ColorRange::Limited;
    c.rangeAssumed = range != AVCOL_RANGE_MPEG;
  }
  return c;
}

}  // namespace ps::media
