#include "engine/rgbd_layer.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/geometric.hpp>
#include <glm/mat3x3.hpp>
#include <spdlog/spdlog.h>

#include "engine/device.h"
#include "engine/gpu_resources.h"
#include "engine/rgbd_depth_measure.h"
#include "engine/vk_check.h"
#include "frame_textures.h"
#include "pinhole_footprint.h"
#include "rgbd_depth_cpu.h"
#include "rgbd_head_box.h"
#include "rgbd_patch_select.h"
#include "rgbd_patches.h"
#include "rgbd_pipeline.h"
#include "scenes/yuv_to_rgb.h"

namespace ps::engine {

namespace {

constexpr std::uint32_t kMaxEyes = 2;
constexpr std::uint32_t kSlots = 2;  // pictures per source: one shown, one being replaced
constexpr double kPi = 3.14159265358979323846;
// The far sphere is flat colour along rays: a coarse grid is as good as a fine one.
constexpr std::uint32_t kFarColumns = 96;
constexpr std::uint32_t kFarRows = 48;
static_assert(sizeof(RgbdPatchInstance) == RgbdPipeline::kInstanceStride, "the pipeline reads one patch per instance");
// How much farther the layer behind the capture and the far fill are drawn than they are.
constexpr float kBehindShare = 0.01f;

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument(what);
}

// Throws std::invalid_argument, saying what, for a colour and depth picture that do not fit
// each other, the layout or the coding.
void checkPictures(const char* call, const FrameView& colour, const FrameLayout& layout, const FrameView& depth,
                   const DepthCoding& coding) {
  const std::string where = std::string("RgbdLayer::") + call + ": ";
  checkDepthPicture(where, depth, layout.stereo, coding);
  require(!isGray(colour.format), where + "the colour picture is " + std::string(toString(colour.format)) +
                                      ", a grey plane; colour needs Y, Cb and Cr");
  try {
    checkFrame(colour, layout.stereo);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(where + "colour picture: " + e.what());
  }
  require(depth.width == colour.width && depth.height == colour.height,
          where + "the depth picture is " + std::to_string(depth.width) + "x" + std::to_string(depth.height) +
              ", the colour picture " + std::to_string(colour.width) + "x" + std::to_string(colour.height) +
              "; they must match");
}

// The picture's constants: colour conversion, and how a depth texel becomes metres.
RgbdPicture pictureConstants(const FrameView& colour, const FrameView& depth, const DepthCoding& coding,
                             Projection projection) {
  RgbdPicture p{};
  const auto colourRows = yuvToRgbRows(colour.format, colour.matrix, colour.range);
  for (int i = 0; i < 3; ++i) p.yuvToRgb[i] = colourRows[i];
  if (coding.encoding == DepthEncoding::Hue) {
    const auto depthRows = yuvToRgbRows(depth.format, depth.matrix, depth.range);
    for (int i = 0; i < 3; ++i) p.depthYuvToRgb[i] = depthRows[i];
  }
  // A sampled UNORM value times code.x is the integer code (P010 holds its 10 bits high).
  const bool wide = bytesPerSample(depth.format) == 2;
  const double toCode = depth.format == PixelFormat::P010 ? 65535.0 / 64.0 : (wide ? 65535.0 : 255.0);
  const int bits = bitsPerSample(depth.format);
  const double maxCode = std::ldexp(1.0, bits) - 1.0;
  double scale = 1.0 / maxCode, offset = 0.0;
  if (depth.range == ColorRange::Limited) {  // Y' 16..235, scaled to the bit depth
    const double step = std::ldexp(1.0, bits - 8);
    scale = 1.0 / (219.0 * step);
    offset = -16.0 / 219.0;
  }
  p.code = glm::vec4(static_cast<float>(toCode), static_cast<float>(scale), static_cast<float>(offset), 0.0f);
  p.metres = glm::vec4(static_cast<float>(coding.nearM), static_cast<float>(coding.farM), 0.0f, 0.0f);
  // NV12 and P010 carry Cb and Cr interleaved in their second plane (depthPlane1's r and g).
  const bool interleaved = planeCount(depth.format) == 2;
  p.mode = glm::ivec4(static_cast<int>(coding.encoding), projection == Projection::Equirect180 ? 1 : 0,
                      interleaved ? 1 : 0, 0);
  return p;
}

// One uploaded colour + depth picture and the descriptor sets that read it.
struct Slot {
  std::unique_ptr<FrameTextures> colour;
  std::unique_ptr<FrameTextures> depth;
  GpuBuffer constants;
  std::array<VkDescriptorSet, kMaxEyes> eyeSets{};
  std::uint64_t lastSampledBy = 0;
  bool uploadPending = false;
  Projection projection = Projection::Equirect360;
  DepthCoding coding;
  VkExtent2D depthEye{};  // one eye's depth texels
  std::array<RgbdPatchGrid, kMaxEyes> patches;  // per eye of the picture
};

// One RGB-D picture stream (the capture, or the layer behind it): its slots and the one shown.
struct Source {
  std::array<Slot, kSlots> slots;
  Slot* latest = nullptr;
};

int eyeIndex(const FrameTextures& textures, Eye eye) { return textures.eyeCount() == 1 || eye == Eye::Left ? 0 : 1; }

}  // namespace

struct RgbdLayer::Impl {
  explicit Impl(FrameContext& c) : context(c), device(c.device()), pipeline(device, c.pipelines()) {
    try {
      create();
    } catch (...) {
      destroy();
      throw;
    }
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() { destroy(); }

  void create() {
    constexpr std::uint32_t sets = 2 * kSlots * kMaxEyes;
    const std::array<VkDescriptorPoolSize, 2> sizes{
        VkDescriptorPoolSize{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER,
                             sets * (RgbdPipeline::kColourBindings + RgbdPipeline::kDepthBindings)},
        VkDescriptorPoolSize{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, sets}};
    VkDescriptorPoolCreateInfo poolInfo{};
    poolInfo.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
    poolInfo.maxSets = sets;
    poolInfo.poolSizeCount = static_cast<std::uint32_t>(sizes.size());
    poolInfo.pPoolSizes = sizes.data();
    PS_VK_CHECK(vkCreateDescriptorPool(device.device(), &poolInfo, nullptr, &descriptorPool));
    device.setName(descriptorPool, VK_OBJECT_TYPE_DESCRIPTOR_POOL, "rgbd layer");
    int n = 0;
    for (Source* source : {&front, &back}) {
      for (Slot& slot : source->slots) {
        const std::string name = std::string(source == &front ? "rgbd " : "rgbd background ") + std::to_string(n++);
        const std::array<VkDescriptorSetLayout, kMaxEyes> layouts{pipeline.setLayout(), pipeline.setLayout()};
        VkDescriptorSetAllocateInfo setInfo{};
        setInfo.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
        setInfo.descriptorPool = descriptorPool;
        setInfo.descriptorSetCount = kMaxEyes;
        setInfo.pSetLayouts = layouts.data();
        PS_VK_CHECK(vkAllocateDescriptorSets(device.device(), &setInfo, slot.eyeSets.data()));
        slot.colour = std::make_unique<FrameTextures>(device, name + " colour");
        slot.depth = std::make_unique<FrameTextures>(device, name + " depth");
        slot.constants = GpuBuffer(device, sizeof(RgbdPicture), VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, true, name);
      }
    }
  }

  void destroy() noexcept {
    for (Source* source : {&front, &back}) {
      source->latest = nullptr;
      for (Slot& slot : source->slots) {
        slot.colour.reset();
        slot.depth.reset();
        slot.constants = GpuBuffer();
      }
    }
    if (descriptorPool != VK_NULL_HANDLE) vkDestroyDescriptorPool(device.device(), descriptorPool, nullptr);
    descriptorPool = VK_NULL_HANDLE;
  }

  void setPicture(Source& source, const char* call, const FrameView& colour, const FrameLayout& layout,
                  const FrameView& depth, const DepthCoding& coding, const RgbdDepthMeasure* measured) {
    checkPictures(call, colour, layout, depth, coding);
    // Never the picture shown; of the others, the one sampled longest ago.
    Slot* slot = nullptr;
    for (Slot& s : source.slots)
      if (&s != source.latest && (slot == nullptr || s.lastSampledBy < slot->lastSampledBy)) slot = &s;
    if (slot->lastSampledBy > context.lastSubmitted())
      throw std::logic_error(std::string("RgbdLayer::") + call +
                             ": the frame being recorded already draws the picture it would overwrite; set the "
                             "picture before the frame's prepare");
    context.wait(slot->lastSampledBy);
    // Colour: the whole mip chain, never packed (its views are unknown here; the grid's
    // fragments sample it like the equirect layer's). Depth: level 0 is all texelFetch reads.
    slot->colour->stage(colour, layout.stereo, LevelNeeds{});
    slot->depth->stage(depth, layout.stereo, LevelNeeds{1.0, 0.0});
    const RgbdPicture constants = pictureConstants(colour, depth, coding, layout.projection);
    std::memcpy(slot->constants.mapped(), &constants, sizeof(constants));
    slot->projection = layout.projection;
    slot->coding = coding;
    slot->depthEye = slot->depth->lumaEyeExtent();
    measurePatches(*slot, depth, layout, measured);
    slot->uploadPending = true;
    writeEyeSets(*slot);
    source.latest = slot;
  }

  // What each eye's patches of the picture allow (rgbd_patches.h): measured ahead when the
  // caller did, else from the CPU's copy of the depth now. A picture held smaller than it came
  // (larger than the device's images) is not measured: every patch is drawn as if it held an edge.
  void measurePatches(Slot& slot, const FrameView& depth, const FrameLayout& layout, const RgbdDepthMeasure* measured) {
    const auto start = std::chrono::steady_clock::now();
    const bool half = layout.projection == Projection::Equirect180;
    const bool held = slot.depthEye.width * (layout.stereo == StereoLayout::LeftRight ? 2u : 1u) == depth.width &&
                      slot.depthEye.height * (layout.stereo == StereoLayout::TopBottom ? 2u : 1u) == depth.height;
    if (measured != nullptr && !measured->fits(depth, layout, slot.coding)) {
      spdlog::debug("rgbd: a measure made for another picture was given; measuring again");
      measured = nullptr;
    }
    for (int e = 0; e < slot.depth->eyeCount(); ++e) {
      RgbdPatchGrid& grid = slot.patches[static_cast<std::size_t>(e)];
      if (!held) {
        grid = unmeasuredRgbdPatches({slot.depthEye.width, slot.depthEye.height, half},
                                     static_cast<float>(slot.coding.nearM), static_cast<float>(slot.coding.farM));
      } else if (measured != nullptr) {
        grid = measured->eye(e);
      } else {
        grid = measureRgbdPatches(decodeDepthMetres(depth, layout.stereo, e, slot.coding), half, &grid);
      }
    }
    if (measured == nullptr && held) {
      ++measuredHere;
      spdlog::debug("rgbd: patches of a {}x{} depth picture measured in {:.1f} ms", depth.width, depth.height,
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
  }

  void writeEyeSets(const Slot& slot) {
    constexpr std::uint32_t kImages = RgbdPipeline::kColourBindings + RgbdPipeline::kDepthBindings;
    std::array<VkDescriptorImageInfo, kMaxEyes * kImages> images{};
    std::array<VkDescriptorBufferInfo, 1> buffer{{{slot.constants.handle(), 0, sizeof(RgbdPicture)}}};
    std::array<VkWriteDescriptorSet, kMaxEyes * 2> writes{};
    const auto eyes = static_cast<std::uint32_t>(slot.colour->eyeCount());
    for (std::uint32_t e = 0; e < eyes; ++e) {
      for (std::uint32_t b = 0; b < kImages; ++b) {
        const bool isColour = b < RgbdPipeline::kColourBindings;
        const FrameTextures& textures = isColour ? *slot.colour : *slot.depth;
        const int plane = static_cast<int>(isColour ? b : b - RgbdPipeline::kColourBindings);
        // Fewer planes than bindings: the last one repeats, unread.
        const int image = std::min(plane, textures.imageCount() - 1);
        images[e * kImages + b] = {isColour ? pipeline.colourSampler(slot.projection) : pipeline.depthSampler(),
                                   textures.imageView(static_cast<int>(e), image), textures.sampledLayout()};
      }
      VkWriteDescriptorSet& planes = writes[e * 2];
      planes.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
      planes.dstSet = slot.eyeSets[e];
      planes.dstBinding = 0;
      planes.descriptorCount = kImages;
      planes.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
      planes.pImageInfo = &images[e * kImages];
      VkWriteDescriptorSet& constants = writes[e * 2 + 1];
      constants.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
      constants.dstSet = slot.eyeSets[e];
      constants.dstBinding = RgbdPipeline::kPictureBinding;
      constants.descriptorCount = 1;
      constants.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
      constants.pBufferInfo = buffer.data();
    }
    vkUpdateDescriptorSets(device.device(), eyes * 2, writes.data(), 0, nullptr);
  }

  // Records the uploads of a source's latest picture, once.
  bool upload(Source& source, FrameRecording& frame) {
    if (source.latest == nullptr) return false;
    source.latest->lastSampledBy = frame.serial;
    if (!source.latest->uploadPending) return false;
    source.latest->colour->recordUpload(frame.commands);
    source.latest->depth->recordUpload(frame.commands);
    source.latest->uploadPending = false;
    return true;
  }

  // The capture's axes and place in the stage for an eye at `eyePosition`: turned by the yaw
  // offset, and carried along with the eye by as much as the head box eases its offset.
  glm::mat4 stageFromCapture(const glm::vec3& eyePosition) const {
    const glm::vec3 offset = eyePosition - placement.origin;
    const glm::vec3 carried = offset - parallaxOffset(offset, placement.headBoxM);
    return glm::translate(glm::mat4(1.0f), placement.origin + carried) * glm::mat4_cast(glm::conjugate(captureFromStage()));
  }

  // Stage directions to the capture's: a ray at source longitude L appears at L + yaw (right
  // positive), so the stage turns about +Y by yaw into the capture.
  glm::quat captureFromStage() const {
    return glm::angleAxis(glm::radians(placement.yawOffsetDeg), glm::vec3(0.0f, 1.0f, 0.0f));
  }

  // Where the eye's rays of a stereo picture start (rgbd.vert's eyeRays): none for a mono one.
  glm::vec4 eyeRays(const Slot& slot, Eye eye) const {
    if (slot.depth->eyeCount() < 2) return glm::vec4(0.0f);
    const float side = (eyeIndex(*slot.depth, eye) == 0 ? -0.5f : 0.5f) * placement.stereoBaselineM;
    return glm::vec4(side, slot.projection == Projection::Equirect180 ? 1.0f : 2.0f, 0.0f, 0.0f);
  }

  // A draw of one eye: a picture's patches (grid) or the far sphere.
  struct Draw {
    const Slot* slot = nullptr;
    RgbdPushConstants constants{};
    bool grid = true;  // a picture's patches, not the far sphere
    // Patches: the first instance of each level's, and how many. The sphere: its cells.
    std::array<std::uint32_t, kRgbdLevels> firstInstance{};
    std::array<std::uint32_t, kRgbdLevels> instances{};
    std::uint32_t cells = 0;
  };
  struct EyeDraws {
    std::size_t index = 0;  // EyePass::index
    std::array<Draw, 3> draws;
    std::size_t count = 0;
    std::uint64_t triangles = 0;
  };

  // The patches of a source's picture one eye draws, appended to `instances`. `scale` pushes
  // the draw back along its rays (1: where its depth puts it).
  Draw gridDraw(const Slot& slot, const EyePass& pass, float scale, std::uint64_t& triangles) {
    const View& view = pass.camera.view();
    Draw d;
    d.slot = &slot;
    d.constants.clipFromCapture =
        pass.camera.viewProjection() * stageFromCapture(view.position) * glm::scale(glm::mat4(1.0f), glm::vec3(scale));
    d.constants.grid = glm::vec4(static_cast<float>(kRgbdPatchCells), 0.0f, placement.discontinuity, 0.0f);
    d.constants.eyeRays = eyeRays(slot, pass.eye);
    RgbdPatchEye eye;
    eye.clipFromCapture = d.constants.clipFromCapture;
    eye.rayOriginM = std::abs(d.constants.eyeRays.x) * scale;
    eye.parallaxM = glm::length(parallaxOffset(view.position - placement.origin, placement.headBoxM));
    eye.discontinuity = placement.discontinuity;
    if (pass.extent.width > 0 && pass.extent.height > 0) {
      const AnglePerPixel angle = pinholeAnglePerPixel(view.fov, pass.extent.width, pass.extent.height);
      eye.pixelMost = angle.most;
      eye.pixelFewest = angle.fewest;
    }
    const RgbdPatchGrid& grid = slot.patches[static_cast<std::size_t>(eyeIndex(*slot.depth, pass.eye))];
    selectRgbdPatches(grid, eye, selected, levelScratch);
    auto first = static_cast<std::uint32_t>(instances.size());
    for (int l = 0; l < kRgbdLevels; ++l) {
      const auto k = static_cast<std::size_t>(l);
      d.firstInstance[k] = first;
      d.instances[k] = selected.counts[k];
      first += selected.counts[k];
    }
    instances.insert(instances.end(), selected.instances.begin(), selected.instances.end());
    triangles += selected.triangles();
    return d;
  }

  // The far sphere: the cells of it the eye can see (its view widened by a cell and by how far
  // the offset can move a point at the far depth), or all of them.
  Draw farDraw(const Slot& slot, const EyePass& pass, float scale, std::uint64_t& triangles) const {
    const View& view = pass.camera.view();
    std::uint32_t firstColumn = 0, across = kFarColumns, firstRow = 0, down = kFarRows + 1;
    const glm::vec3 offset = parallaxOffset(view.position - placement.origin, placement.headBoxM);
    const double reach = glm::length(offset) / (slot.coding.farM * scale);
    const double widen = reach >= 1 ? kPi : std::asin(reach) + 2.0 * kPi / kFarColumns;
    Fov fov = view.fov;
    fov.angleLeft -= static_cast<float>(widen);
    fov.angleDown -= static_cast<float>(widen);
    fov.angleRight += static_cast<float>(widen);
    fov.angleUp += static_cast<float>(widen);
    constexpr float kWidest = 1.4f;  // radians from the view's axis; past this, every cell
    if (std::max({-fov.angleLeft, fov.angleRight, fov.angleUp, -fov.angleDown}) < kWidest) {
      const glm::mat3 toCapture = glm::mat3_cast(captureFromStage() * glm::normalize(view.orientation));
      const UvRegion region = pinholeUvRegion(toCapture, fov, false);
      // Sphere point c sits at u = (c + 0.5) / columns; row r at v = (r - 0.5) / rows.
      const auto cellOf = [](double t, std::uint32_t n) { return static_cast<std::int64_t>(std::floor(t * n)); };
      if (region.uSpan < 1.0) {
        const std::int64_t c0 = cellOf(region.uStart, kFarColumns) - 1;
        const auto n = static_cast<std::uint32_t>(std::ceil(region.uSpan * kFarColumns)) + 3;
        if (n < kFarColumns) {
          firstColumn = static_cast<std::uint32_t>((c0 + kFarColumns) % kFarColumns);  // the shader wraps past the last
          across = n;
        }
      }
      const std::int64_t r0 = std::clamp<std::int64_t>(cellOf(region.vStart, kFarRows), 0, kFarRows + 1);
      const std::int64_t r1 = std::clamp<std::int64_t>(cellOf(region.vEnd, kFarRows) + 2, 0, kFarRows + 1);
      firstRow = static_cast<std::uint32_t>(r0);
      down = static_cast<std::uint32_t>(std::max<std::int64_t>(r1 - r0, 0));
    }
    Draw d;
    d.slot = &slot;
    d.constants.clipFromCapture =
        pass.camera.viewProjection() * stageFromCapture(view.position) * glm::scale(glm::mat4(1.0f), glm::vec3(scale));
    d.constants.grid = glm::vec4(static_cast<float>(kFarColumns), static_cast<float>(kFarRows), 0.0f,
                                 static_cast<float>(slot.coding.farM));
    d.constants.cells = glm::ivec4(static_cast<int>(across), static_cast<int>(firstColumn), static_cast<int>(firstRow), 0);
    d.constants.eyeRays = eyeRays(slot, pass.eye);
    d.cells = across * down;
    d.grid = false;
    triangles += std::uint64_t{d.cells} * 2;
    return d;
  }

  // Every eye's draws of this frame, and their patches written into the instance buffer.
  void prepareDraws(FrameRecording& frame, std::span<const EyePass> eyes) {
    eyeDraws.clear();
    instances.assign(1, RgbdPatchInstance{});  // instance 0: the far sphere's, unread
    // What lies behind the capture is drawn after it, pushed back a little (scaled about the
    // capture point: the same rays, so the same colour) so that where it is as far as the
    // capture (a background wall behind a wall, the far fill behind the sky) the capture wins.
    constexpr float behind = 1.0f + kBehindShare;
    for (const EyePass& pass : eyes) {
      if (pass.wholeSphere) continue;  // no eye position to draw parallax for
      EyeDraws e;
      e.index = pass.index;
      e.draws[e.count++] = gridDraw(*front.latest, pass, 1.0f, e.triangles);
      const Slot* farSource = front.latest;
      if (showBack && back.latest != nullptr) {
        e.draws[e.count++] = gridDraw(*back.latest, pass, behind, e.triangles);
        farSource = back.latest;
      }
      // Over a compositor's sphere, what the dropped triangles uncover is that sphere.
      if (!pass.overSphere) e.draws[e.count++] = farDraw(*farSource, pass, behind, e.triangles);
      eyeDraws.push_back(e);
    }
    const VkDeviceSize bytes = instances.size() * sizeof(RgbdPatchInstance);
    if (instanceBuffer.size() < bytes) {
      if (instanceBuffer.handle() != VK_NULL_HANDLE) frame.disposer.dispose(instanceLastUse, std::move(instanceBuffer));
      instanceBuffer = GpuBuffer(device, std::max<VkDeviceSize>(bytes * 2, 4096),
                                 VK_BUFFER_USAGE_VERTEX_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT, false,
                                 "rgbd patches");
    }
    instanceLastUse = frame.serial;
    // Written in command order: after the previous frame's draws read it, before this frame's.
    VkMemoryBarrier before{VK_STRUCTURE_TYPE_MEMORY_BARRIER, nullptr, 0, VK_ACCESS_TRANSFER_WRITE_BIT};
    vkCmdPipelineBarrier(frame.commands, VK_PIPELINE_STAGE_VERTEX_INPUT_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 1, &before, 0,
                         nullptr, 0, nullptr);
    constexpr VkDeviceSize kChunk = 65536;  // vkCmdUpdateBuffer's most per call
    const auto* data = reinterpret_cast<const std::byte*>(instances.data());
    for (VkDeviceSize at = 0; at < bytes; at += kChunk)
      vkCmdUpdateBuffer(frame.commands, instanceBuffer.handle(), at, std::min(kChunk, bytes - at), data + at);
    VkMemoryBarrier after{VK_STRUCTURE_TYPE_MEMORY_BARRIER, nullptr, VK_ACCESS_TRANSFER_WRITE_BIT,
                          VK_ACCESS_VERTEX_ATTRIBUTE_READ_BIT};
    vkCmdPipelineBarrier(frame.commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_VERTEX_INPUT_BIT, 0, 1, &after, 0,
                         nullptr, 0, nullptr);
  }

  FrameContext& context;
  const Device& device;
  RgbdPipeline pipeline;
  VkDescriptorPool descriptorPool = VK_NULL_HANDLE;
  RgbdPlacement placement;
  Source front;
  Source back;
  bool showBack = false;
  std::uint64_t preparedSerial = 0;
  std::uint64_t measuredHere = 0;  // pictures measured on the caller's thread (picturesMeasured)
  // This frame's draws per eye, and the patches they draw (instance 0 is the far sphere's).
  std::vector<EyeDraws> eyeDraws;
  std::vector<RgbdPatchInstance> instances;
  GpuBuffer instanceBuffer;
  std::uint64_t instanceLastUse = 0;
  RgbdPatchDraws selected;                // scratch
  std::vector<std::int8_t> levelScratch;  // scratch
};

RgbdLayer::RgbdLayer(FrameContext& context) : impl_(std::make_unique<Impl>(context)) {}

RgbdLayer::~RgbdLayer() {
  if (!impl_) return;
  std::uint64_t lastUse = 0;
  for (const Source* source : {&impl_->front, &impl_->back})
    for (const Slot& slot : source->slots) lastUse = std::max(lastUse, slot.lastSampledBy);
  FrameContext& context = impl_->context;
  context.disposer().dispose(lastUse, std::move(impl_));
}

void RgbdLayer::setPlacement(const RgbdPlacement& placement) {
  if (!(placement.discontinuity > 0) || !std::isfinite(placement.discontinuity))
    throw std::invalid_argument("RgbdLayer::setPlacement: discontinuity must be > 0, got " +
                                std::to_string(placement.discontinuity));
  if (!(placement.headBoxM > 0) || !std::isfinite(placement.headBoxM))
    throw std::invalid_argument("RgbdLayer::setPlacement: headBoxM must be > 0, got " + std::to_string(placement.headBoxM));
  if (!(placement.stereoBaselineM > 0) || !std::isfinite(placement.stereoBaselineM))
    throw std::invalid_argument("RgbdLayer::setPlacement: stereoBaselineM must be > 0, got " +
                                std::to_string(placement.stereoBaselineM));
  impl_->placement = placement;
}

void RgbdLayer::setPicture(const FrameView& colour, const FrameLayout& layout, const FrameView& depth,
                           const DepthCoding& coding, const RgbdDepthMeasure* measured) {
  impl_->setPicture(impl_->front, "setPicture", colour, layout, depth, coding, measured);
}

void RgbdLayer::setBackground(const FrameView& colour, const FrameLayout& layout, const FrameView& depth,
                              const DepthCoding& coding, const RgbdDepthMeasure* measured) {
  impl_->setPicture(impl_->back, "setBackground", colour, layout, depth, coding, measured);
  impl_->showBack = true;
}

void RgbdLayer::clearBackground() { impl_->showBack = false; }

bool RgbdLayer::hasPicture() const { return impl_->front.latest != nullptr; }

std::uint64_t RgbdLayer::picturesMeasured() const { return impl_->measuredHere; }

void RgbdLayer::prepare(FrameRecording& frame, std::span<const EyePass> eyes) {
  Impl& s = *impl_;
  s.preparedSerial = frame.serial;
  s.eyeDraws.clear();
  if (s.front.latest == nullptr) return;
  bool uploaded = s.upload(s.front, frame);
  if (s.showBack) uploaded = s.upload(s.back, frame) || uploaded;
  if (uploaded) {
    // The uploads made the planes ready for fragment shaders; the grid reads depth in the
    // vertex stage: extend them (a barrier whose source stages chain to theirs).
    VkMemoryBarrier barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER, nullptr,
                            VK_ACCESS_TRANSFER_WRITE_BIT | VK_ACCESS_HOST_WRITE_BIT, VK_ACCESS_SHADER_READ_BIT};
    vkCmdPipelineBarrier(frame.commands,
                         VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_HOST_BIT | VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT,
                         VK_PIPELINE_STAGE_VERTEX_SHADER_BIT, 0, 1, &barrier, 0, nullptr, 0, nullptr);
  }
  s.prepareDraws(frame, eyes);
}

std::uint64_t RgbdLayer::triangles(std::size_t eyeIndex) const {
  for (const Impl::EyeDraws& e : impl_->eyeDraws)
    if (e.index == eyeIndex) return e.triangles;
  return 0;
}

void RgbdLayer::record(FrameRecording& frame, const EyePass& pass) {
  Impl& s = *impl_;
  if (s.front.latest == nullptr || pass.wholeSphere) return;  // no eye position to draw parallax for
  if (s.preparedSerial != frame.serial) throw std::logic_error("RgbdLayer::record without this frame's prepare");
  const auto found = std::find_if(s.eyeDraws.begin(), s.eyeDraws.end(),
                                  [&](const Impl::EyeDraws& e) { return e.index == pass.index; });
  if (found == s.eyeDraws.end()) throw std::logic_error("RgbdLayer::record of an eye its frame's prepare was not given");
  const VkCommandBuffer commands = frame.commands;
  const VkBuffer buffer = s.instanceBuffer.handle();
  const VkDeviceSize offset = 0;
  vkCmdBindVertexBuffers(commands, 0, 1, &buffer, &offset);
  for (std::size_t i = 0; i < found->count; ++i) {
    Impl::Draw d = found->draws[i];
    const FrameTextures& colour = *d.slot->colour;
    vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_GRAPHICS,
                      s.pipeline.pipelineFor({pass.colorFormat, pass.depthFormat, colour.packing(), d.grid}));
    const auto eyeSet = static_cast<std::size_t>(eyeIndex(colour, pass.eye));
    vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, s.pipeline.layout(), 0, 1,
                            &d.slot->eyeSets[eyeSet], 0, nullptr);
    if (!d.grid) {
      vkCmdPushConstants(commands, s.pipeline.layout(), VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(RgbdPushConstants),
                         &d.constants);
      if (d.cells > 0) vkCmdDraw(commands, d.cells * 6, 1, 0, 0);
      continue;
    }
    // One draw per level: every patch of a level has the same cells.
    for (int l = 0; l < kRgbdLevels; ++l) {
      const auto k = static_cast<std::size_t>(l);
      if (d.instances[k] == 0) continue;
      const auto across = static_cast<int>(kRgbdPatchCells >> l);
      d.constants.cells = glm::ivec4(across, 1 << l, 0, 0);
      vkCmdPushConstants(commands, s.pipeline.layout(), VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(RgbdPushConstants),
                         &d.constants);
      vkCmdDraw(commands, static_cast<std::uint32_t>(across * across * 6), d.instances[k], 0, d.firstInstance[k]);
    }
  }
}

}  // namespace ps::engine
