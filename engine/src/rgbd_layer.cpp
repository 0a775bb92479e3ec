#include "engine/rgbd_layer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/geometric.hpp>
#include <glm/mat3x3.hpp>

#include "engine/device.h"
#include "engine/gpu_resources.h"
#include "engine/vk_check.h"
#include "frame_textures.h"
#include "pinhole_footprint.h"
#include "rgbd_head_box.h"
#include "rgbd_pipeline.h"
#include "scenes/yuv_to_rgb.h"

namespace ps::engine {

namespace {

constexpr std::uint32_t kMaxEyes = 2;
constexpr std::uint32_t kSlots = 2;  // pictures per source: one shown, one being replaced
constexpr double kPi = 3.14159265358979323846;
// Grid points across the whole sphere at most, and cells per draw at most: past these a CPU
// driver spends more on vertices than the picture gains.
constexpr std::uint32_t kMaxColumns = 2048;
// Target pixels per grid cell at a view's centre: depth edges land within this. Triangles are
// what a CPU driver pays for (lavapipe sets up well under a million a second on two cores).
constexpr double kPixelsPerCell = 4.0;
constexpr std::uint64_t kMaxCells = std::uint64_t{1} << 20;
// The far sphere is flat colour along rays: a coarse grid is as good as a fine one.
constexpr std::uint32_t kFarColumns = 96;
constexpr std::uint32_t kFarRows = 48;
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
  require(std::isfinite(coding.nearM) && std::isfinite(coding.farM) && coding.nearM > 0 && coding.farM > coding.nearM,
          where + "depth needs 0 < near_m < far_m (got near " + std::to_string(coding.nearM) + ", far " +
              std::to_string(coding.farM) + ")");
  require(!isGray(colour.format), where + "the colour picture is " + std::string(toString(colour.format)) +
                                      ", a grey plane; colour needs Y, Cb and Cr");
  try {
    checkFrame(colour, layout.stereo);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(where + "colour picture: " + e.what());
  }
  try {
    checkFrame(depth, layout.stereo);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(where + "depth picture: " + e.what());
  }
  require(depth.width == colour.width && depth.height == colour.height,
          where + "the depth picture is " + std::to_string(depth.width) + "x" + std::to_string(depth.height) +
              ", the colour picture " + std::to_string(colour.width) + "x" + std::to_string(colour.height) +
              "; they must match");
  switch (coding.encoding) {
    case DepthEncoding::InverseSplit8:
      require(depth.format == PixelFormat::Yuv444P,
              where + "inverse-split8 depth needs an 8-bit 4:4:4 picture (high byte in Y, low byte in Cb), got " +
                  std::string(toString(depth.format)));
      break;
    case DepthEncoding::Hue:
      require(!isGray(depth.format), where + "hue depth needs a colour picture, got the grey plane " +
                                         std::string(toString(depth.format)));
      break;
    case DepthEncoding::Linear:
    case DepthEncoding::Inverse: break;  // the luma plane of any format
  }
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
  p.mode = glm::ivec4(static_cast<int>(coding.encoding), projection == Projection::Equirect180 ? 1 : 0, 0, 0);
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
        VkDescriptorPoolSize{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, sets}};
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
        slot.constants = GpuBuffer(device, sizeof(RgbdPicture), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT, true, name);
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
                  const FrameView& depth, const DepthCoding& coding) {
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
    slot->uploadPending = true;
    writeEyeSets(*slot);
    source.latest = slot;
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
      constants.descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
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

  // How fine a grid the frame's views need: grid points per radian, about one every
  // kPixelsPerCell target pixels at the views' centres (0: unknown, as fine as the picture).
  void noteViews(std::span<const EyePass> eyes) {
    double finest = 0;
    for (const EyePass& pass : eyes) {
      if (pass.wholeSphere || pass.extent.width == 0 || pass.extent.height == 0) continue;
      // The view's coarsest pixels (its centre): its corners, where a pinhole's pixels shrink,
      // get a few more pixels per cell; a denser grid costs a CPU driver its vertex budget.
      const double angle = pinholeAnglePerPixel(pass.camera.view().fov, pass.extent.width, pass.extent.height).most;
      if (angle > 0 && (finest == 0 || angle < finest)) finest = angle;
    }
    pointsPerRadian = finest > 0 ? 1.0 / (finest * kPixelsPerCell) : 0.0;
  }

  // Depth texels per grid cell for a picture: a power of two (that divides a 360 picture's
  // width, so the grid wraps onto itself), as large as the views allow, capped.
  std::uint32_t stepFor(const Slot& slot) const {
    const bool half = slot.projection == Projection::Equirect180;
    const std::uint32_t width = std::max(slot.depthEye.width, 1u), height = std::max(slot.depthEye.height, 1u);
    const double needed = pointsPerRadian > 0 ? std::ceil((half ? kPi : 2 * kPi) * pointsPerRadian) : static_cast<double>(width);
    auto fits = [&](std::uint32_t k) { return half || width % k == 0; };
    std::uint32_t step = 1;
    auto cells = [&](std::uint32_t k) { return std::uint64_t{(width + k - 1) / k} * ((height + k - 1) / k); };
    while ((width / step > kMaxColumns || cells(step) > kMaxCells) && fits(step * 2)) step *= 2;
    while (fits(step * 2) && static_cast<double>(width / (step * 2)) >= needed) step *= 2;
    return step;
  }

  // The draw of a source's grid for one eye: the cells the eye can see (its view widened by how
  // far parallax can move a point: asin(offset / near)), or all of them. `scale` pushes the
  // draw back along its rays (1: where its depth puts it).
  struct Draw {
    const Slot* slot = nullptr;
    RgbdPushConstants constants{};
    std::uint32_t cells = 0;
    bool grid = true;  // a picture's grid, not the far sphere
  };

  Draw gridDraw(const Slot& slot, const EyePass& pass, float scale) const {
    const bool half = slot.projection == Projection::Equirect180;
    const std::uint32_t step = stepFor(slot);
    const std::uint32_t columns = (slot.depthEye.width + step - 1) / step;  // grid points (360) or inner points (180)
    const std::uint32_t rows = (slot.depthEye.height + step - 1) / step;   // inner rows; the poles are added
    const std::uint32_t allAcross = half ? columns + 1 : columns;
    std::uint32_t firstColumn = 0, across = allAcross, firstRow = 0, down = rows + 1;

    const View& view = pass.camera.view();
    const glm::vec3 offset = parallaxOffset(view.position - placement.origin, placement.headBoxM);
    const double reach = glm::length(offset) / slot.coding.nearM;
    const double widen = reach >= 1 ? kPi : std::asin(reach) + 2.0 * kPi * step / std::max(slot.depthEye.width, 1u);
    Fov fov = view.fov;
    fov.angleLeft -= static_cast<float>(widen);
    fov.angleDown -= static_cast<float>(widen);
    fov.angleRight += static_cast<float>(widen);
    fov.angleUp += static_cast<float>(widen);
    constexpr float kWidest = 1.4f;  // radians from the view's axis; past this, every cell
    if (std::max({-fov.angleLeft, fov.angleRight, fov.angleUp, -fov.angleDown}) < kWidest) {
      const glm::mat3 toCapture = glm::mat3_cast(captureFromStage() * glm::normalize(view.orientation));
      const UvRegion region = pinholeUvRegion(toCapture, fov, half);
      // Grid point c (360) sits at u = c / columns; 180 and rows have a point 0 at the edge.
      const auto cellOf = [](double t, std::uint32_t n) { return static_cast<std::int64_t>(std::floor(t * n)); };
      if (region.uSpan < 1.0) {
        if (half) {
          const std::int64_t c0 = std::clamp<std::int64_t>(cellOf(region.uStart, columns), 0, allAcross);
          const std::int64_t c1 = std::clamp<std::int64_t>(cellOf(region.uStart + region.uSpan, columns) + 2, 0, allAcross);
          firstColumn = static_cast<std::uint32_t>(c0);
          across = static_cast<std::uint32_t>(std::max<std::int64_t>(c1 - c0, 0));
        } else {
          const std::int64_t c0 = cellOf(region.uStart, columns) - 1;
          const auto n = static_cast<std::uint32_t>(std::ceil(region.uSpan * columns)) + 3;
          if (n < columns) {
            firstColumn = static_cast<std::uint32_t>((c0 + columns) % columns);  // the shader wraps past the last
            across = n;
          }
        }
      }
      const std::int64_t r0 = std::clamp<std::int64_t>(cellOf(region.vStart, rows), 0, rows + 1);
      const std::int64_t r1 = std::clamp<std::int64_t>(cellOf(region.vEnd, rows) + 2, 0, rows + 1);
      firstRow = static_cast<std::uint32_t>(r0);
      down = static_cast<std::uint32_t>(std::max<std::int64_t>(r1 - r0, 0));
    }
    Draw d;
    d.slot = &slot;
    d.constants.clipFromCapture =
        pass.camera.viewProjection() * stageFromCapture(view.position) * glm::scale(glm::mat4(1.0f), glm::vec3(scale));
    d.constants.grid = glm::vec4(static_cast<float>(step), 0.0f, placement.discontinuity, 0.0f);
    d.constants.cells = glm::ivec4(static_cast<int>(across), static_cast<int>(firstColumn), static_cast<int>(firstRow), 0);
    d.cells = across * down;
    return d;
  }

  Draw farDraw(const Slot& slot, const EyePass& pass, float scale) const {
    Draw d;
    d.slot = &slot;
    d.constants.clipFromCapture = pass.camera.viewProjection() * stageFromCapture(pass.camera.view().position) *
                                  glm::scale(glm::mat4(1.0f), glm::vec3(scale));
    d.constants.grid = glm::vec4(static_cast<float>(kFarColumns), static_cast<float>(kFarRows), 0.0f,
                                 static_cast<float>(slot.coding.farM));
    d.constants.cells = glm::ivec4(static_cast<int>(kFarColumns), 0, 0, 0);
    d.cells = kFarColumns * (kFarRows + 1);
    d.grid = false;
    return d;
  }

  FrameContext& context;
  const Device& device;
  RgbdPipeline pipeline;
  VkDescriptorPool descriptorPool = VK_NULL_HANDLE;
  RgbdPlacement placement;
  Source front;
  Source back;
  bool showBack = false;
  double pointsPerRadian = 0;  // of the frame's views (noteViews)
  std::uint64_t preparedSerial = 0;
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
  impl_->placement = placement;
}

void RgbdLayer::setPicture(const FrameView& colour, const FrameLayout& layout, const FrameView& depth,
                           const DepthCoding& coding, std::shared_ptr<const void> /*bytesOwner: copied now*/) {
  impl_->setPicture(impl_->front, "setPicture", colour, layout, depth, coding);
}

void RgbdLayer::setBackground(const FrameView& colour, const FrameLayout& layout, const FrameView& depth,
                              const DepthCoding& coding, std::shared_ptr<const void> /*bytesOwner: copied now*/) {
  impl_->setPicture(impl_->back, "setBackground", colour, layout, depth, coding);
  impl_->showBack = true;
}

void RgbdLayer::clearBackground() { impl_->showBack = false; }

bool RgbdLayer::hasPicture() const { return impl_->front.latest != nullptr; }

void RgbdLayer::prepare(FrameRecording& frame, std::span<const EyePass> eyes) {
  Impl& s = *impl_;
  s.preparedSerial = frame.serial;
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
  s.noteViews(eyes);
}

void RgbdLayer::record(FrameRecording& frame, const EyePass& pass) {
  Impl& s = *impl_;
  if (s.front.latest == nullptr || pass.wholeSphere) return;  // no eye position to draw parallax for
  if (s.preparedSerial != frame.serial) throw std::logic_error("RgbdLayer::record without this frame's prepare");
  // What lies behind the capture is drawn after it, pushed back a little (scaled about the
  // capture point: the same rays, so the same colour) so that where it is as far as the
  // capture (a background wall behind a wall, the far fill behind the sky) the capture wins.
  constexpr float behind = 1.0f + kBehindShare;
  std::array<Impl::Draw, 3> draws;
  std::size_t count = 0;
  draws[count++] = s.gridDraw(*s.front.latest, pass, 1.0f);
  const Slot* farSource = s.front.latest;
  if (s.showBack && s.back.latest != nullptr) {
    draws[count++] = s.gridDraw(*s.back.latest, pass, behind);
    farSource = s.back.latest;
  }
  // Over a compositor's sphere, what the dropped triangles uncover is that sphere.
  if (!pass.overSphere) draws[count++] = s.farDraw(*farSource, pass, behind);
  const VkCommandBuffer commands = frame.commands;
  for (std::size_t i = 0; i < count; ++i) {
    const Impl::Draw& d = draws[i];
    const FrameTextures& colour = *d.slot->colour;
    vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_GRAPHICS,
                      s.pipeline.pipelineFor({pass.colorFormat, pass.depthFormat, colour.packing(), d.grid}));
    const auto eyeSet = static_cast<std::size_t>(eyeIndex(colour, pass.eye));
    vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, s.pipeline.layout(), 0, 1,
                            &d.slot->eyeSets[eyeSet], 0, nullptr);
    vkCmdPushConstants(commands, s.pipeline.layout(), VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(RgbdPushConstants),
                       &d.constants);
    if (d.cells > 0) vkCmdDraw(commands, d.cells * 6, 1, 0, 0);
  }
}

}  // namespace ps::engine
