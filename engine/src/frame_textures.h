#pragma once
// The sampled images of one frame slot and what fills them. Reused frame after frame: they are
// reallocated only when the format, size, stereo layout or mip depth changes. Each eye of a
// stereo frame gets its own images, so each eye wraps at its own seam with hardware addressing
// and mip levels never mix the two eyes.
//
// Two ways to fill them, chosen per device:
// - on a CPU driver (lavapipe), linear images in mapped memory (HostImage): the planes are
//   copied straight into level 0 and the mips are averaged on the CPU, with no staging buffer,
//   no transfer and no blit (each of those is another pass over the picture on the same cores
//   that decode it);
// - on a GPU, a staging buffer, a copy into optimal images and mips made with blits;
// - a picture already in GPU memory (a hardware decoder's dma-bufs) is imported and copied into
//   the optimal images on the GPU, mips made with blits: it never passes through CPU memory.
// Either way only the mip levels the views need are made (see stage()). On a CPU driver an
// 8-bit 4:2:0 picture that every view minifies at least 2x is held packed (PlanePacking::Packed):
// one image, one texture read per pixel instead of three, and a quarter of the luma bytes written.
#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "dma_buf_image.h"
#include "engine/gpu_resources.h"
#include "engine/picture_fit.h"
#include "frame_textures_host_image.h"
#include "pinhole_footprint.h"
#include "plane_packing.h"
#include "scenes/frame_view.h"
#include "scenes/layout.h"

namespace ps::engine {

class Device;

// What the views of a picture need of it, in luma texels of one eye per target pixel: the
// most (the smallest mip level read) and the fewest (whether luma level 0 is read at all).
struct LevelNeeds {
  double mostTexelsPerPixel = std::numeric_limits<double>::infinity();  // unknown: make the whole chain
  double fewestTexelsPerPixel = 0;        // 0: level 0 may be read
};

class FrameTextures {
 public:
  FrameTextures(const Device& device, std::string name);

  // Copies the frame's planes in (into the images, or the staging buffer). The GPU must be done
  // with this slot. needs: what the views of this picture will read; mips are made down to the
  // level the most minifying one needs, and the picture is packed where none reads level 0.
  // With a bytesOwner keeping `frame`'s bytes alive, a picture that is packed is filled later,
  // by fill(), and only where draws sample it; the owner is held until the next stage() or
  // dropPending(). Without one, everything is copied now.
  void stage(const FrameView& frame, StereoLayout stereo, const LevelNeeds& needs,
             std::shared_ptr<const void> bytesOwner = nullptr);
  // stage() in two steps, so that the copy can run on another thread: plan() checks the frame,
  // decides how it is held and (re)allocates the images (Vulkan calls: the owner's thread), and
  // says whether copy() has anything to do (not for a deferred packed picture); copy() copies
  // the planes of the same frame in (any one thread at a time, while nothing else touches this
  // slot; no Vulkan call). stage() is plan() then copy().
  bool plan(const FrameView& frame, StereoLayout stereo, const LevelNeeds& needs,
            std::shared_ptr<const void> bytesOwner = nullptr);
  void copy(const FrameView& frame);
  // Packs, from the deferred frame, what a draw of `eye` that samples `region` reads and is not
  // packed yet, mip levels and the filter's reach included. Nothing when nothing is deferred.
  void fill(int eye, const UvRegion& region);
  // Lets go of the deferred frame: fill() packs nothing more. The picture must not be drawn
  // again before the next stage().
  void dropPending() { pending_.reset(); }
  // Records what makes the staged frame sampleable: staging -> images and mip blits, or (mapped
  // images) the first layout transition only.
  void recordUpload(VkCommandBuffer commands);

  int eyeCount() const { return shape_.stereo == StereoLayout::Mono ? 1 : 2; }
  PlanePacking packing() const { return shape_.packing; }
  // Images per eye: the frame's planes, or 1 when packed.
  int imageCount() const { return shape_.packing == PlanePacking::Packed ? 1 : ps::planeCount(shape_.format); }
  VkImageView imageView(int eye, int image) const {
    return useHostImages_ ? hostImage_[eye][image].view() : images_[eye][image].view();
  }
  // The layout the shader samples the plane views in.
  VkImageLayout sampledLayout() const {
    return useHostImages_ ? VK_IMAGE_LAYOUT_GENERAL : VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
  }
  // Size of one eye's luma plane as held, in texels (0 x 0 before the first stage()).
  VkExtent2D lumaEyeExtent() const;
  // How the latest staged picture is held: at full size, or at a lower level when it is larger
  // than this device's images can be (then never packed or deferred).
  const PictureFit& fit() const { return fit_; }

 private:
  struct Shape {
    PixelFormat format = PixelFormat::Yuv420P;
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    StereoLayout stereo = StereoLayout::Mono;
    PlanePacking packing = PlanePacking::Planes;
    std::array<std::uint32_t, 3> mipLevels{};  // per image
    std::uint32_t level = 0;  // the frame's mip level the images' level 0 holds (PictureFit::level)
    bool imported = false;    // filled from imported dma-bufs, not from the CPU
    bool operator==(const Shape&) const = default;
  };
  struct FitKey {
    PixelFormat format;
    std::uint32_t width, height;
    StereoLayout stereo;
    bool operator==(const FitKey&) const = default;
  };
  struct PlaneCopy {
    VkDeviceSize offset;       // of the plane in the staging buffer
    std::uint32_t rowTexels;   // plane width, in texels
    std::uint32_t texelBytes;  // bytes per texel of the plane's image format
  };

  // One eye's part of plane `plane` at the shape's held level.
  static VkExtent2D heldExtent(const Shape& shape, int plane);
  void reallocate(const Shape& shape);
  bool canUseHostImages(const Shape& shape) const;
  // The packed shape for this frame and needs, if it can and should be packed.
  std::optional<Shape> packedShape(const FrameView& frame, StereoLayout stereo, const LevelNeeds& needs) const;
  void stageIntoHostImages(const FrameView& frame);
  void stageHostPlane(const FrameView& frame, int eye, int plane);  // one eye's plane and its mips
  void stagePacked(const FrameView& frame);
  // Packs texels [x0, x1) x [y0, y1) of level 0 of `eye`'s packed image, and the matching texels
  // of its other levels. x0 and y0 are multiples of 2^(levels - 1), so every 2x2 box of a
  // level lies inside the rectangle and the result equals packing the whole picture.
  void packRect(const FrameView& frame, int eye, std::uint32_t x0, std::uint32_t y0, std::uint32_t x1,
                std::uint32_t y1);
  void stageIntoBuffer(const FrameView& frame);
  // For a picture in GPU memory: throws std::invalid_argument where this device cannot show it.
  void checkImportable(const FrameView& frame, const std::shared_ptr<const void>& bytesOwner) const;
  // Imports its planes, held with bytesOwner until the next plan().
  void importPlanes(const FrameView& frame, std::shared_ptr<const void> bytesOwner);
  void recordImportedCopy(VkCommandBuffer commands);
  void stageDownscaledIntoBuffer(const FrameView& frame);

  const Device& device_;
  std::string name_;
  Shape shape_;
  PictureFit fit_;
  std::optional<FitKey> fitKey_;  // what fit_ was computed for
  bool allocated_ = false;
  const bool cpuDevice_;      // the device is a CPU driver: mapped linear images cost nothing to sample
  bool useHostImages_ = false;  // this shape lives in hostImage_ (else staging_ + images_)
  bool preinitialized_ = false;  // hostImage_ still await their first layout transition
  GpuBuffer staging_;
  std::vector<PlaneCopy> planes_;
  std::array<std::array<GpuImage, 3>, 2> images_;  // [eye][plane]
  std::array<std::array<HostImage, 3>, 2> hostImage_;  // [eye][plane]
  // The latest imported picture: its planes (both eyes) and what keeps the decoder's surface.
  std::array<DmaBufImage, 3> imported_;
  std::shared_ptr<const void> importOwner_;
  bool importAcquired_ = true;  // imported_ were copied by a recorded upload
  // A deferred packed picture: the frame it is packed from, and which tiles of each eye's
  // level 0 (kTile texels square) are packed so far.
  static constexpr std::uint32_t kTile = 32;
  struct Pending {
    FrameView frame;
    std::shared_ptr<const void> bytesOwner;
  };
  std::optional<Pending> pending_;
  std::array<std::vector<bool>, 2> packedTiles_;
  std::vector<std::function<void()>> copyJobs_;  // kept for its capacity
};

// Throws std::invalid_argument when a frame cannot be split into eyes or lacks planes.
void checkFrame(const FrameView& frame, StereoLayout stereo);

}  // namespace ps::engine
