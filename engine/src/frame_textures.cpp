#include "frame_textures.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

#include "engine/device.h"
#include "engine/image_barrier.h"
#include "copy_workers.h"
#include "frame_textures_downscale.h"
#include "frame_textures_mips.h"
#include "frame_textures_packing.h"
#include "plane_format.h"

namespace ps::engine {

namespace {

bool canGenerateMips(const Device& device, VkFormat format) {
  VkFormatProperties properties{};
  vkGetPhysicalDeviceFormatProperties(device.physicalDevice(), format, &properties);
  const VkFormatFeatureFlags needed = VK_FORMAT_FEATURE_BLIT_SRC_BIT | VK_FORMAT_FEATURE_BLIT_DST_BIT |
                                      VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT;
  return (properties.optimalTilingFeatures & needed) == needed;
}

bool isCpuDevice(const Device& device) {
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(device.physicalDevice(), &properties);
  return properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
}

SampleLayout sampleLayout(PixelFormat format, int plane) {
  return SampleLayout{componentsPerSample(format, plane), bytesPerSample(format)};
}

constexpr VkFormat kPackedFormat = VK_FORMAT_R8G8B8A8_UNORM;

// A packed picture's luma is level 1 at best: views must minify luma at least this much everywhere.
constexpr double kPackedFewestTexelsPerPixel = 2.0;

std::uint32_t fullChain(VkExtent2D extent) { return std::bit_width(std::max(extent.width, extent.height)); }

VkExtent2D eyeExtent(std::uint32_t width, std::uint32_t height, StereoLayout stereo) {
  switch (stereo) {
    case StereoLayout::Mono: return {width, height};
    case StereoLayout::TopBottom: return {width, height / 2};
    case StereoLayout::LeftRight: return {width / 2, height};
  }
  return {width, height};
}

void recordMipChain(VkCommandBuffer commands, const GpuImage& image) {
  const ImageDesc& desc = image.desc();
  auto width = static_cast<std::int32_t>(desc.extent.width);
  auto height = static_cast<std::int32_t>(desc.extent.height);
  for (std::uint32_t level = 1; level < desc.mipLevels; ++level) {
    recordTransition(commands, {image.handle(), level - 1, 1, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_PIPELINE_STAGE_TRANSFER_BIT,
                                VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_READ_BIT});
    const std::int32_t nextWidth = width > 1 ? width / 2 : 1;
    const std::int32_t nextHeight = height > 1 ? height / 2 : 1;
    VkImageBlit blit{};
    blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level - 1, 0, 1};
    blit.srcOffsets[1] = {width, height, 1};
    blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level, 0, 1};
    blit.dstOffsets[1] = {nextWidth, nextHeight, 1};
    vkCmdBlitImage(commands, image.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, image.handle(),
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &blit, VK_FILTER_LINEAR);
    width = nextWidth;
    height = nextHeight;
  }
  const std::uint32_t last = desc.mipLevels - 1;
  if (last > 0) {
    recordTransition(commands, {image.handle(), 0, last, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_TRANSFER_BIT,
                                VK_ACCESS_TRANSFER_READ_BIT, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT,
                                VK_ACCESS_SHADER_READ_BIT});
  }
  recordTransition(commands, {image.handle(), last, 1, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                              VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_TRANSFER_BIT,
                              VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT,
                              VK_ACCESS_SHADER_READ_BIT});
}

}  // namespace

void checkFrame(const FrameView& frame, StereoLayout stereo) {
  if (frame.width == 0 || frame.height == 0) throw std::invalid_argument("frame has no pixels");
  for (int p = 0; p < planeCount(frame.format); ++p) {
    const std::uint32_t w = planeWidth(frame.format, p, frame.width);
    const std::uint32_t h = planeHeight(frame.format, p, frame.height);
    const std::size_t rowBytes = std::size_t{w} * componentsPerSample(frame.format, p) * bytesPerSample(frame.format);
    if (frame.dmaBuf) {
      const DmaBufPlane& plane = frame.dmaBuf->planes[static_cast<std::size_t>(p)];
      if (plane.fd < 0) throw std::invalid_argument("dma-buf plane " + std::to_string(p) + " is missing");
      if (plane.pitch < rowBytes) throw std::invalid_argument("dma-buf plane pitch is shorter than a row");
    } else {
      if (frame.planes[p].data == nullptr) throw std::invalid_argument("frame plane " + std::to_string(p) + " is missing");
      if (frame.planes[p].stride < rowBytes) throw std::invalid_argument("frame plane stride is shorter than a row");
    }
    if ((stereo == StereoLayout::LeftRight && w % 2 != 0) || (stereo == StereoLayout::TopBottom && h % 2 != 0))
      throw std::invalid_argument("a stereo frame's planes must split into two equal halves");
  }
}

FrameTextures::FrameTextures(const Device& device, std::string name)
    : device_(device), name_(std::move(name)), cpuDevice_(isCpuDevice(device)) {}

VkExtent2D FrameTextures::lumaEyeExtent() const {
  if (!allocated_) return {0, 0};
  return levelExtent(eyeExtent(shape_.width, shape_.height, shape_.stereo), shape_.level);
}

VkExtent2D FrameTextures::heldExtent(const Shape& shape, int plane) {
  return levelExtent(eyePlaneExtent(shape.format, plane, shape.width, shape.height, shape.stereo), shape.level);
}

bool FrameTextures::canUseHostImages(const Shape& shape) const {
  if (!cpuDevice_ || shape.imported) return false;
  if (shape.packing == PlanePacking::Packed) {
    const VkExtent2D extent = eyeExtent(planeWidth(shape.format, 1, shape.width),
                                        planeHeight(shape.format, 1, shape.height), shape.stereo);
    return HostImage::supported(device_, kPackedFormat, extent, shape.mipLevels[0]);
  }
  for (int p = 0; p < ps::planeCount(shape.format); ++p) {
    if (!HostImage::supported(device_, planeFormat(shape.format, p), heldExtent(shape, p), shape.mipLevels[p]))
      return false;
  }
  return true;
}

void FrameTextures::reallocate(const Shape& shape) {
  // Drop the old resources first so peak memory does not hold both.
  staging_ = GpuBuffer();
  for (auto& eye : images_)
    for (GpuImage& image : eye) image = GpuImage();
  for (auto& eye : hostImage_)
    for (HostImage& image : eye) image = HostImage();
  planes_.clear();
  allocated_ = false;

  const int eyes = shape.stereo == StereoLayout::Mono ? 1 : 2;
  useHostImages_ = canUseHostImages(shape);
  if (shape.packing == PlanePacking::Packed) {
    if (!useHostImages_) throw std::logic_error("a packed picture needs host images");
    const VkExtent2D extent = eyeExtent(planeWidth(shape.format, 1, shape.width),
                                        planeHeight(shape.format, 1, shape.height), shape.stereo);
    for (int e = 0; e < eyes; ++e)
      hostImage_[e][0] = HostImage(device_, kPackedFormat, extent, shape.mipLevels[0],
                                   name_ + " eye " + std::to_string(e) + " packed");
    preinitialized_ = true;
    shape_ = shape;
    allocated_ = true;
    return;
  }
  const int count = ps::planeCount(shape.format);
  if (!useHostImages_ && !shape.imported) {
    // The staging buffer holds the planes as held: both eyes side by side or one above the
    // other as in the frame, each at the held level (the frame's own size at level 0).
    VkDeviceSize offset = 0;
    for (int p = 0; p < count; ++p) {
      const VkExtent2D held = heldExtent(shape, p);
      const std::uint32_t w = held.width * (shape.stereo == StereoLayout::LeftRight ? 2 : 1);
      const std::uint32_t h = held.height * (shape.stereo == StereoLayout::TopBottom ? 2 : 1);
      const auto texelBytes =
          static_cast<std::uint32_t>(componentsPerSample(shape.format, p) * bytesPerSample(shape.format));
      planes_.push_back(PlaneCopy{offset, w, texelBytes});
      offset += VkDeviceSize{w} * h * texelBytes;
      offset = (offset + 15) & ~VkDeviceSize{15};  // keeps every plane's offset a multiple of its texel size
    }
    staging_ = GpuBuffer(device_, offset, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true, name_ + " staging");
  }

  for (int e = 0; e < eyes; ++e) {
    for (int p = 0; p < count; ++p) {
      const VkFormat format = planeFormat(shape.format, p);
      const VkExtent2D extent = heldExtent(shape, p);
      const std::string name = name_ + " eye " + std::to_string(e) + " plane " + std::to_string(p);
      if (useHostImages_) {
        hostImage_[e][p] = HostImage(device_, format, extent, shape.mipLevels[p], name);
        continue;
      }
      images_[e][p] = GpuImage(device_, ImageDesc{format, extent, shape.mipLevels[p], kPlaneImageUsage}, name);
    }
  }
  preinitialized_ = useHostImages_;
  shape_ = shape;
  allocated_ = true;
}

std::optional<FrameTextures::Shape> FrameTextures::packedShape(const FrameView& frame, StereoLayout stereo,
                                                                const LevelNeeds& needs) const {
  if (!cpuDevice_ || (frame.format != PixelFormat::Yuv420P && frame.format != PixelFormat::Nv12)) return std::nullopt;
  if (fit_.level > 0) return std::nullopt;  // packing reads the frame's own luma at twice the chroma size
  if (!(needs.fewestTexelsPerPixel >= kPackedFewestTexelsPerPixel)) return std::nullopt;
  Shape shape{frame.format, frame.width, frame.height, stereo, PlanePacking::Packed, {}, 0};
  const VkExtent2D chroma =
      eyeExtent(planeWidth(frame.format, 1, frame.width), planeHeight(frame.format, 1, frame.height), stereo);
  const double lumaWidth = eyeExtent(frame.width, frame.height, stereo).width;
  shape.mipLevels[0] = levelsForMinification(needs.mostTexelsPerPixel * chroma.width / lumaWidth, fullChain(chroma));
  if (!canUseHostImages(shape)) return std::nullopt;
  return shape;
}

void FrameTextures::stage(const FrameView& frame, StereoLayout stereo, const LevelNeeds& needs,
                          std::shared_ptr<const void> bytesOwner) {
  if (plan(frame, stereo, needs, std::move(bytesOwner))) copy(frame);
}

bool FrameTextures::plan(const FrameView& frame, StereoLayout stereo, const LevelNeeds& needs,
                         std::shared_ptr<const void> bytesOwner) {
  checkFrame(frame, stereo);
  pending_.reset();
  // The GPU is done with this slot: the previous imported picture may go back to its decoder.
  imported_ = {};
  importOwner_.reset();
  const FitKey key{frame.format, frame.width, frame.height, stereo};
  if (!fitKey_ || !(*fitKey_ == key)) {
    fit_ = fitPicture(device_, frame.width, frame.height, frame.format, stereo);
    fitKey_ = key;
  }
  if (frame.dmaBuf) checkImportable(frame, bytesOwner);
  if (const auto packed = frame.dmaBuf ? std::nullopt : packedShape(frame, stereo, needs)) {
    if (!allocated_ || !(*packed == shape_)) reallocate(*packed);
    // Tiles hold whole 2x2 boxes of every level only while the levels fit in a tile.
    if (bytesOwner != nullptr && (1u << (shape_.mipLevels[0] - 1)) <= kTile) {
      pending_ = Pending{frame, std::move(bytesOwner)};
      const PlaneLevel& base = hostImage_[0][0].level(0);
      const std::size_t tiles = std::size_t{(base.width + kTile - 1) / kTile} * ((base.height + kTile - 1) / kTile);
      for (auto& eye : packedTiles_) eye.assign(tiles, false);
      return false;
    }
    return true;
  }
  const double lumaTexelsPerPixel = needs.mostTexelsPerPixel;
  const PlanePacking packing = ps::planeCount(frame.format) == 2 ? PlanePacking::Interleaved : PlanePacking::Planes;
  Shape shape{frame.format, frame.width, frame.height, stereo, packing, {}, fit_.level, frame.dmaBuf.has_value()};
  const double lumaWidth = fit_.eyeExtent.width;
  for (int p = 0; p < ps::planeCount(frame.format); ++p) {
    const VkExtent2D extent = heldExtent(shape, p);
    std::uint32_t levels = fullChain(extent);
    // Blits need these features; the host path averages on the CPU but keeps the same levels so
    // both paths sample alike.
    if (!canGenerateMips(device_, planeFormat(frame.format, p))) levels = 1;
    // A subsampled chroma plane is minified less than luma by its subsampling.
    shape.mipLevels[p] = levelsForMinification(lumaTexelsPerPixel * extent.width / lumaWidth, levels);
  }
  if (!allocated_ || !(shape == shape_)) reallocate(shape);
  if (!frame.dmaBuf) return true;
  importPlanes(frame, std::move(bytesOwner));
  return false;  // copied on the GPU by recordUpload
}

void FrameTextures::checkImportable(const FrameView& frame, const std::shared_ptr<const void>& bytesOwner) const {
  if (!device_.importsDmaBuf())
    throw std::invalid_argument("a picture decoded on the GPU (" + std::string(frame.dmaBuf->device) +
                                ") cannot be shown: this Vulkan device does not import dma-bufs (decode in software)");
  if (bytesOwner == nullptr) throw std::invalid_argument("a picture in GPU memory needs its owner to be held");
  if (fit_.level > 0)
    throw std::invalid_argument("a picture decoded on the GPU is larger than this device's images (decode in software)");
}

void FrameTextures::importPlanes(const FrameView& frame, std::shared_ptr<const void> bytesOwner) {
  for (int p = 0; p < ps::planeCount(frame.format); ++p) {
    const VkExtent2D whole{planeWidth(frame.format, p, frame.width), planeHeight(frame.format, p, frame.height)};
    imported_[static_cast<std::size_t>(p)] =
        DmaBufImage(device_, frame.dmaBuf->planes[static_cast<std::size_t>(p)], planeFormat(frame.format, p), whole,
                    name_ + " imported plane " + std::to_string(p));
  }
  importOwner_ = std::move(bytesOwner);
  importAcquired_ = false;
}

void FrameTextures::copy(const FrameView& frame) {
  if (shape_.imported) return;  // copied on the GPU by recordUpload
  if (shape_.packing == PlanePacking::Packed) {
    stagePacked(frame);
  } else if (useHostImages_) {
    stageIntoHostImages(frame);
  } else {
    stageIntoBuffer(frame);
  }
}

void FrameTextures::stageIntoHostImages(const FrameView& frame) {
  // Each eye's plane is its own image: they are filled at once.
  copyJobs_.clear();
  for (int e = 0; e < eyeCount(); ++e)
    for (int p = 0; p < imageCount(); ++p) copyJobs_.emplace_back([this, &frame, e, p] { stageHostPlane(frame, e, p); });
  runCopyJobs(copyJobs_);
}

void FrameTextures::stageHostPlane(const FrameView& frame, int e, int p) {
  const HostImage& image = hostImage_[e][p];
  const SampleLayout layout = sampleLayout(frame.format, p);
  const std::size_t texelBytes = static_cast<std::size_t>(layout.components) * layout.sampleBytes;
  const PlaneLevel& base = image.level(0);
  const VkExtent2D eye = eyePlaneExtent(frame.format, p, frame.width, frame.height, shape_.stereo);
  // The right eye's half starts half a plane down (top-bottom) or half a row across (left-right).
  const std::byte* source = frame.planes[p].data;
  if (shape_.stereo == StereoLayout::TopBottom) source += std::size_t{eye.height} * frame.planes[p].stride * e;
  if (shape_.stereo == StereoLayout::LeftRight) source += std::size_t{eye.width} * texelBytes * e;
  std::uint32_t next = 1;  // the first level still to make
  if (shape_.level > 0) {
    downscalePlane(source, frame.planes[p].stride, eye.width, eye.height, base, shape_.level, layout);
  } else {
    const PlaneLevel none{};
    copyAndDownsample(source, frame.planes[p].stride, base, image.mipLevels() > 1 ? image.level(1) : none, layout);
    next = 2;
  }
  for (std::uint32_t level = next; level < image.mipLevels(); ++level)
    downsampleLevel(image.level(level - 1), image.level(level), layout);
}

void FrameTextures::stagePacked(const FrameView& frame) {
  copyJobs_.clear();
  for (int e = 0; e < eyeCount(); ++e)
    copyJobs_.emplace_back([this, &frame, e] {
      const PlaneLevel& base = hostImage_[e][0].level(0);
      packRect(frame, e, 0, 0, base.width, base.height);
    });
  runCopyJobs(copyJobs_);
}

void FrameTextures::packRect(const FrameView& frame, int e, std::uint32_t x0, std::uint32_t y0, std::uint32_t x1,
                             std::uint32_t y1) {
  const bool interleaved = frame.format == PixelFormat::Nv12;
  const VkExtent2D luma = eyeExtent(frame.width, frame.height, shape_.stereo);
  const HostImage& image = hostImage_[e][0];
  const PlaneLevel& base = image.level(0);
  // The right eye's half starts half a plane down (top-bottom) or half a row across (left-right);
  // the rectangle starts (column, row) samples into it.
  auto rows = [&](int plane, std::size_t halfHeight, std::size_t halfRowBytes, std::size_t column, std::size_t row) {
    const std::size_t stride = frame.planes[plane].stride;
    const std::byte* start = frame.planes[plane].data + row * stride + column;
    if (shape_.stereo == StereoLayout::TopBottom) start += halfHeight * stride * e;
    if (shape_.stereo == StereoLayout::LeftRight) start += halfRowBytes * e;
    return PlaneRows{start, stride};
  };
  const std::size_t chromaBytes = interleaved ? 2 : 1;
  const PlaneRows y = rows(0, luma.height, luma.width, 2 * std::size_t{x0}, 2 * std::size_t{y0});
  const PlaneRows cb = rows(1, base.height, base.width * chromaBytes, x0 * chromaBytes, y0);
  const PlaneRows cr = interleaved ? PlaneRows{} : rows(2, base.height, base.width, x0, y0);
  // Level k of the rectangle: its corner shifted down by k, its far edge too unless it is the
  // level's own edge (a level is at least one texel).
  auto levelRect = [&](std::uint32_t k) {
    const PlaneLevel& level = image.level(k);
    const std::uint32_t left = x0 >> k, top = y0 >> k;
    const std::uint32_t right = x1 == base.width ? level.width : x1 >> k;
    const std::uint32_t bottom = y1 == base.height ? level.height : y1 >> k;
    return PlaneLevel{level.data + top * level.rowPitch + 4 * std::size_t{left}, right - left, bottom - top,
                      level.rowPitch};
  };
  const std::uint32_t lumaWidth = std::min(2 * (x1 - x0), luma.width - 2 * x0);
  const std::uint32_t lumaHeight = std::min(2 * (y1 - y0), luma.height - 2 * y0);
  packLumaChroma(y, cb, cr, lumaWidth, lumaHeight, levelRect(0), image.mipLevels() > 1 ? levelRect(1) : PlaneLevel{});
  for (std::uint32_t level = 2; level < image.mipLevels(); ++level)
    downsampleLevel(levelRect(level - 1), levelRect(level), SampleLayout{4, 1});
}

void FrameTextures::fill(int eye, const UvRegion& region) {
  if (!pending_) return;
  const PlaneLevel& base = hostImage_[eye][0].level(0);
  const auto tilesX = static_cast<std::int64_t>((base.width + kTile - 1) / kTile);
  const auto tilesY = static_cast<std::int64_t>((base.height + kTile - 1) / kTile);
  // A bilinear read at the coarsest level reaches 2^(levels - 1) level-0 texels past its
  // sample point; twice that also covers the footprint of the region's edge pixels.
  const double reach = static_cast<double>(2u << (shape_.mipLevels[0] - 1));
  const double width = base.width, height = base.height;
  const auto top = static_cast<std::int64_t>(std::floor((region.vStart * height - reach) / kTile));
  const auto bottom = static_cast<std::int64_t>(std::ceil((region.vEnd * height + reach) / kTile));
  std::int64_t left = 0, right = tilesX;  // [left, right) in tiles, wrapping past tilesX for 360
  if (region.uSpan < 1) {
    left = static_cast<std::int64_t>(std::floor((region.uStart * width - reach) / kTile));
    right = static_cast<std::int64_t>(std::ceil(((region.uStart + region.uSpan) * width + reach) / kTile));
    if (right - left >= tilesX) {
      left = 0;
      right = tilesX;
    }
  }
  std::vector<bool>& packed = packedTiles_[eye];
  for (std::int64_t ty = std::max<std::int64_t>(0, top); ty < std::min(bottom, tilesY); ++ty) {
    // Runs of tiles not packed yet, packed a run at a time (longer rows for the SIMD loops).
    std::int64_t runStart = -1;
    auto flush = [&](std::int64_t end) {
      if (runStart < 0) return;
      const auto y0 = static_cast<std::uint32_t>(ty) * kTile;
      packRect(pending_->frame, eye, static_cast<std::uint32_t>(runStart) * kTile, y0,
               std::min(base.width, static_cast<std::uint32_t>(end) * kTile), std::min(base.height, y0 + kTile));
      runStart = -1;
    };
    // Columns wrap round (for a 180 source the extra ones are just packed needlessly).
    for (std::int64_t t = left; t < right; ++t) {
      const std::int64_t tx = ((t % tilesX) + tilesX) % tilesX;
      if (tx == 0) flush(tilesX);  // a run never wraps round the picture's edge
      const auto index = static_cast<std::size_t>(ty * tilesX + tx);
      if (packed[index]) {
        flush(tx);
        continue;
      }
      packed[index] = true;
      if (runStart < 0) runStart = tx;
    }
    flush((((right - 1) % tilesX) + tilesX) % tilesX + 1);
  }
}

void FrameTextures::stageIntoBuffer(const FrameView& frame) {
  if (shape_.level > 0) {
    stageDownscaledIntoBuffer(frame);
    return;
  }
  for (int p = 0; p < imageCount(); ++p) {
    const PlaneCopy& plane = planes_[p];
    const std::size_t rowBytes = std::size_t{plane.rowTexels} * plane.texelBytes;
    const std::uint32_t rows = planeHeight(frame.format, p, frame.height);
    std::byte* out = staging_.mapped() + plane.offset;
    const std::byte* in = frame.planes[p].data;
    if (frame.planes[p].stride == rowBytes) {
      std::memcpy(out, in, rowBytes * rows);
      continue;
    }
    for (std::uint32_t row = 0; row < rows; ++row)
      std::memcpy(out + row * rowBytes, in + row * frame.planes[p].stride, rowBytes);
  }
}

void FrameTextures::stageDownscaledIntoBuffer(const FrameView& frame) {
  for (int p = 0; p < imageCount(); ++p) {
    const PlaneCopy& plane = planes_[p];
    const SampleLayout layout = sampleLayout(frame.format, p);
    const std::size_t rowBytes = std::size_t{plane.rowTexels} * plane.texelBytes;
    const VkExtent2D eye = eyePlaneExtent(frame.format, p, frame.width, frame.height, shape_.stereo);
    const VkExtent2D held = heldExtent(shape_, p);
    for (int e = 0; e < eyeCount(); ++e) {
      // Each eye's half, in the frame and in the buffer: half a plane down or half a row across.
      const std::byte* source = frame.planes[p].data;
      std::byte* out = staging_.mapped() + plane.offset;
      if (shape_.stereo == StereoLayout::TopBottom) {
        source += std::size_t{eye.height} * frame.planes[p].stride * e;
        out += std::size_t{held.height} * rowBytes * e;
      }
      if (shape_.stereo == StereoLayout::LeftRight) {
        source += std::size_t{eye.width} * plane.texelBytes * e;
        out += std::size_t{held.width} * plane.texelBytes * e;
      }
      downscalePlane(source, frame.planes[p].stride, eye.width, eye.height,
                     PlaneLevel{out, held.width, held.height, rowBytes}, shape_.level, layout);
    }
  }
}

void FrameTextures::recordUpload(VkCommandBuffer commands) {
  if (useHostImages_) {
    // The host wrote the texels before this submission, which makes them visible to the device;
    // only the images' first use needs a layout (PREINITIALIZED keeps the contents).
    if (!preinitialized_) return;
    for (int e = 0; e < eyeCount(); ++e)
      for (int p = 0; p < imageCount(); ++p)
        recordTransition(commands, {hostImage_[e][p].handle(), 0, hostImage_[e][p].mipLevels(),
                                    VK_IMAGE_LAYOUT_PREINITIALIZED, VK_IMAGE_LAYOUT_GENERAL, VK_PIPELINE_STAGE_HOST_BIT,
                                    VK_ACCESS_HOST_WRITE_BIT, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT,
                                    VK_ACCESS_SHADER_READ_BIT});
    preinitialized_ = false;
    return;
  }
  if (shape_.imported) {
    recordImportedCopy(commands);
    return;
  }
  for (int e = 0; e < eyeCount(); ++e) {
    for (int p = 0; p < imageCount(); ++p) {
      const GpuImage& image = images_[e][p];
      const PlaneCopy& plane = planes_[p];
      const VkExtent2D extent = image.desc().extent;
      // The GPU finished with the previous contents (the slot's fence), so nothing to wait for.
      recordTransition(commands, {image.handle(), 0, image.desc().mipLevels, VK_IMAGE_LAYOUT_UNDEFINED,
                                  VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, 0,
                                  VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT});
      // The right eye's half starts half a plane down (top-bottom) or half a row across (left-right);
      // bufferRowLength keeps the full plane's row pitch.
      VkDeviceSize eyeOffset = 0;
      if (shape_.stereo == StereoLayout::TopBottom)
        eyeOffset = VkDeviceSize{extent.height} * plane.rowTexels * plane.texelBytes * static_cast<std::uint32_t>(e);
      if (shape_.stereo == StereoLayout::LeftRight)
        eyeOffset = VkDeviceSize{extent.width} * plane.texelBytes * static_cast<std::uint32_t>(e);
      VkBufferImageCopy region{};
      region.bufferOffset = plane.offset + eyeOffset;
      region.bufferRowLength = plane.rowTexels;
      region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
      region.imageExtent = {extent.width, extent.height, 1};
      vkCmdCopyBufferToImage(commands, staging_.handle(), image.handle(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1,
                             &region);
      recordMipChain(commands, image);
    }
  }
}

void FrameTextures::recordImportedCopy(VkCommandBuffer commands) {
  if (importAcquired_) return;  // a picture shown again: its images hold it already
  for (int p = 0; p < imageCount(); ++p) {
    // The decoder wrote the buffer outside this device: acquire it from the foreign queue family.
    // GENERAL is the layout a foreign writer leaves; the transition keeps the contents.
    VkImageMemoryBarrier acquire{};
    acquire.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
    acquire.srcAccessMask = 0;
    acquire.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    acquire.oldLayout = VK_IMAGE_LAYOUT_GENERAL;
    acquire.newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    acquire.srcQueueFamilyIndex = VK_QUEUE_FAMILY_FOREIGN_EXT;
    acquire.dstQueueFamilyIndex = device_.queueFamily();
    acquire.image = imported_[p].handle();
    acquire.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0,
                         nullptr, 1, &acquire);
    for (int e = 0; e < eyeCount(); ++e) {
      const GpuImage& image = images_[e][p];
      const VkExtent2D extent = image.desc().extent;
      recordTransition(commands, {image.handle(), 0, image.desc().mipLevels, VK_IMAGE_LAYOUT_UNDEFINED,
                                  VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, 0,
                                  VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT});
      VkImageCopy region{};
      region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
      region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
      const auto eye = static_cast<std::int32_t>(e);
      if (shape_.stereo == StereoLayout::TopBottom) region.srcOffset.y = static_cast<std::int32_t>(extent.height) * eye;
      if (shape_.stereo == StereoLayout::LeftRight) region.srcOffset.x = static_cast<std::int32_t>(extent.width) * eye;
      region.extent = {extent.width, extent.height, 1};
      vkCmdCopyImage(commands, imported_[p].handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, image.handle(),
                     VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
      recordMipChain(commands, image);
    }
  }
  importAcquired_ = true;
}

}  // namespace ps::engine
