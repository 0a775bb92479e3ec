#pragma once
// A decoded picture as planes of bytes with a format: what media/ hands out and
// engine/ uploads. Plain data; the bytes are owned by whoever made the view and
// must outlive every use of it.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace ps {

// The decoded layouts the renderer samples directly (no conversion on the CPU).
enum class PixelFormat {
  Yuv420P,    // 3 planes, 8 bit, chroma w/2 x h/2
  Yuv420P10,  // 3 planes, 16-bit little-endian words holding 10 bits in the low bits
  Nv12,       // Y plane + interleaved UV plane, 8 bit, chroma w/2 x h/2
  P010,       // Y plane + interleaved UV plane, 16-bit words holding 10 bits in the high bits
  Yuv444P,    // 3 planes, 8 bit, full-size chroma
  Yuv444P10,  // 3 planes, 16-bit words holding 10 bits in the low bits, full-size chroma
  Yuv420P12,  // 3 planes, 16-bit little-endian words holding 12 bits in the low bits
  // One plane of luma only: depth maps and masks, never a plate's colour.
  Gray8,
  Gray10,  // 16-bit little-endian words holding 10 bits in the low bits
  Gray12,  // 16-bit little-endian words holding 12 bits in the low bits
  Gray16,  // 16-bit little-endian words
};

enum class ColorMatrix { Bt601, Bt709, Bt2020 };
enum class ColorRange { Limited, Full };  // Limited: Y 16..235, C 16..240 (scaled for 10 bit)

struct Plane {
  const std::byte* data = nullptr;
  std::size_t stride = 0;  // bytes from one row to the next; may exceed the row's size
};

// One plane of a picture that stays in GPU memory: a Linux dma-buf (DRM PRIME), as a hardware
// decoder exports it, for a Vulkan device to import without a copy through CPU memory. The fd
// belongs to whoever made the view, as the bytes of a Plane do; an importer duplicates it.
struct DmaBufPlane {
  int fd = -1;
  std::uint32_t drmFormat = 0;      // DRM fourcc of this plane alone (R8, GR88, R16, GR1616)
  std::uint64_t modifier = 0;       // DRM format modifier: the plane's tiling
  std::uint64_t offset = 0;         // bytes from the buffer's start
  std::uint64_t pitch = 0;          // bytes from one row to the next
};

struct DmaBufPicture {
  std::string_view device;          // what decoded it, for messages ("VAAPI")
  std::array<DmaBufPlane, 3> planes{};  // as many as planeCount(format)
};

struct FrameView {
  PixelFormat format = PixelFormat::Yuv420P;
  std::uint32_t width = 0;   // luma size in pixels
  std::uint32_t height = 0;
  ColorMatrix matrix = ColorMatrix::Bt709;
  ColorRange range = ColorRange::Limited;
  std::array<Plane, 3> planes{};  // unused planes have data == nullptr
  // Set for a picture in GPU memory: then `planes` are all null and only a device that imports
  // dma-bufs can show it.
  std::optional<DmaBufPicture> dmaBuf;
};

int planeCount(PixelFormat f);
int bytesPerSample(PixelFormat f);  // 1 or 2
int bitsPerSample(PixelFormat f);   // significant bits: 8, 10, 12 or 16 (in the low bits of a word; P010: high)
bool isGray(PixelFormat f);         // one luma plane, no chroma
// Size of plane i in samples (an interleaved UV pair counts as one sample of two components).
std::uint32_t planeWidth(PixelFormat f, int plane, std::uint32_t lumaWidth);
std::uint32_t planeHeight(PixelFormat f, int plane, std::uint32_t lumaHeight);
int componentsPerSample(PixelFormat f, int plane);  // 1, or 2 for an interleaved UV plane

std::string_view toString(PixelFormat f);
std::string_view toString(ColorMatrix m);
std::string_view toString(ColorRange r);

}  // namespace ps
