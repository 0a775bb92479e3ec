#include "scenes/frame_view.h"

namespace ps {

namespace {
bool isSemiPlanar(PixelFormat f) { return f == PixelFormat::Nv12 || f == PixelFormat::P010; }
bool isSubsampled(PixelFormat f) { return f != PixelFormat::Yuv444P && f != PixelFormat::Yuv444P10 && !isGray(f); }
}  // namespace

bool isGray(PixelFormat f) {
  return f == PixelFormat::Gray8 || f == PixelFormat::Gray10 || f == PixelFormat::Gray12 || f == PixelFormat::Gray16;
}

int planeCount(PixelFormat f) {
  if (isGray(f)) return 1;
  return isSemiPlanar(f) ? 2 : 3;
}

int bitsPerSample(PixelFormat f) {
  switch (f) {
    case PixelFormat::Yuv420P:
    case PixelFormat::Nv12:
    case PixelFormat::Yuv444P:
    case PixelFormat::Gray8: return 8;
    case PixelFormat::Yuv420P10:
    case PixelFormat::P010:
    case PixelFormat::Yuv444P10:
    case PixelFormat::Gray10: return 10;
    case PixelFormat::Yuv420P12:
    case PixelFormat::Gray12: return 12;
    case PixelFormat::Gray16: return 16;
  }
  return 8;
}

int bytesPerSample(PixelFormat f) {
  switch (f) {
    case PixelFormat::Yuv420P:
    case PixelFormat::Nv12:
    case PixelFormat::Yuv444P:
    case PixelFormat::Gray8: return 1;
    case PixelFormat::Yuv420P10:
    case PixelFormat::P010:
    case PixelFormat::Yuv444P10:
    case PixelFormat::Yuv420P12:
    case PixelFormat::Gray10:
    case PixelFormat::Gray12:
    case PixelFormat::Gray16: return 2;
  }
  return 1;
}

std::uint32_t planeWidth(PixelFormat f, int plane, std::uint32_t lumaWidth) {
  if (plane == 0 || !isSubsampled(f)) return lumaWidth;
  return (lumaWidth + 1) / 2;
}

std::uint32_t planeHeight(PixelFormat f, int plane, std::uint32_t lumaHeight) {
  if (plane == 0 || !isSubsampled(f)) return lumaHeight;
  return (lumaHeight + 1) / 2;
}

int componentsPerSample(PixelFormat f, int plane) { return (plane == 1 && isSemiPlanar(f)) ? 2 : 1; }

std::string_view toString(PixelFormat f) {
  switch (f) {
    case PixelFormat::Yuv420P: return "yuv420p";
    case PixelFormat::Yuv420P10: return "yuv420p10le";
    case PixelFormat::Nv12: return "nv12";
    case PixelFormat::P010: return "p010le";
    case PixelFormat::Yuv444P: return "yuv444p";
    case PixelFormat::Yuv444P10: return "yuv444p10le";
    case PixelFormat::Yuv420P12: return "yuv420p12le";
    case PixelFormat::Gray8: return "gray";
    case PixelFormat::Gray10: return "gray10le";
    case PixelFormat::Gray12: return "gray12le";
    case PixelFormat::Gray16: return "gray16le";
  }
  return "?";
}

std::string_view toString(ColorMatrix m) {
  switch (m) {
    case ColorMatrix::Bt601: return "bt601";
    case ColorMatrix::Bt709: return "bt709";
    case ColorMatrix::Bt2020: return "bt2020";
  }
  return "?";
}

std::string_view toString(ColorRange r) { return r == ColorRange::Full ? "full" : "limited"; }

}  // namespace ps
