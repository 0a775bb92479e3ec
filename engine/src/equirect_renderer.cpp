#include "engine/equirect_renderer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <glm/gtc/quaternion.hpp>
#include <glm/mat3x3.hpp>
#include <spdlog/spdlog.h>

#include "engine/device.h"
#include "engine/offscreen_target.h"
#include "engine/vk_check.h"
#include "equirect_pipeline.h"
#include "frame_textures.h"
#include "pinhole_footprint.h"
#include "engine/image_barrier.h"
#include "scenes/yuv_to_rgb.h"
#include "vk_util.h"

namespace ps::engine {

namespace {

constexpr std::uint32_t kMaxEyes = 2;
constexpr double kPi = 3.14159265358979323846;

// Which of a picture's eyes `eye` reads: mono pictures show their one eye to both.
int eyeIndex(const FrameTextures& textures, Eye eye) { return textures.eyeCount() == 1 || eye == Eye::Left ? 0 : 1; }

// The view and format the equirect pass draws through: the encoded twin where the target offers
// one (see RenderTarget::encodedView), else the target's own.
struct DrawAttachment {
  VkImageView view;
  VkFormat format;
};
DrawAttachment drawAttachment(const RenderTarget& target) {
  if (target.encodedView != VK_NULL_HANDLE) return {target.encodedView, target.encodedFormat};
  return {target.view, target.format};
}

}  // namespace

// One uploaded picture and the descriptor sets that sample it. Kept apart from the command
// slots so a frame can show the picture an earlier slot uploaded (reuseLastFrame).
struct Uploaded {
  std::unique_ptr<FrameTextures> textures;
  std::array<VkDescriptorSet, kMaxEyes> eyeSets{};
  std::uint64_t lastSampledBy = 0;  // serial of the latest frame that reads these images
};

struct EquirectRenderer::Impl {
  struct Slot {
    VkCommandPool pool = VK_NULL_HANDLE;
    VkCommandBuffer commands = VK_NULL_HANDLE;
    VkFence fence = VK_NULL_HANDLE;
    std::uint64_t serial = 0;  // of the frame that last used this slot
    bool submitted = false;    // its fence will signal
    Uploaded* sampled = nullptr;        // the pictures this slot's commands read
  };

  const Device& device;
  EquirectPipeline pipeline;
  VkDescriptorPool descriptorPool = VK_NULL_HANDLE;
  std::vector<Slot> slots;
  std::vector<Uploaded> pictures;  // as many as slots
  Uploaded* latest = nullptr;      // what reuseLastFrame shows
  std::uint64_t lastSerial = 0;
  Slot* recording = nullptr;  // the slot between beginFrame and submit
  PushConstants frameConstants{};  // the picture's colour conversion; views add their own
  float yawOffset = 0;             // radians, of the latest picture
  bool halfSphere = false;         // the latest picture is a 180-degree source
  // Minification (luma texels of the source per target pixel) of the views drawn: the most and
  // the fewest in the frame being recorded, and what the next upload is made for. Unknown until
  // a frame has drawn something (the first upload makes the whole chain, unpacked), then the
  // extremes of the recent frames': a display's views keep their field of view, so they predict
  // the next ones. Held for a while rather than following every frame, so views that alternate
  // (a thumbnail, then the main view) do not reallocate the pictures each time their needs differ.
  static constexpr int kMinificationHoldFrames = 90;
  LevelNeeds recordingNeeds{0, std::numeric_limits<double>::infinity()};
  LevelNeeds uploadNeeds;
  int framesSinceMost = 0;
  int framesSinceFewest = 0;
  std::uint32_t reportedLevel = 0;  // the held level last logged: a reduced picture is logged once, not per frame

  Impl(const Device& d, const RendererOptions& options) : device(d), pipeline(d) {
    if (options.framesInFlight < 1 || options.framesInFlight > 3)
      throw std::invalid_argument("framesInFlight must be 1, 2 or 3");
    try {
      create(options.framesInFlight);
    } catch (...) {
      destroy();
      throw;
    }
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() { destroy(); }

  void create(std::uint32_t count) {
    const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER,
                                    count * kMaxEyes * EquirectPipeline::kPlaneBindings};
    VkDescriptorPoolCreateInfo poolInfo{};
    poolInfo.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
    poolInfo.maxSets = count * kMaxEyes;
    poolInfo.poolSizeCount = 1;
    poolInfo.pPoolSizes = &size;
    PS_VK_CHECK(vkCreateDescriptorPool(device.device(), &poolInfo, nullptr, &descriptorPool));
    device.setName(descriptorPool, VK_OBJECT_TYPE_DESCRIPTOR_POOL, "equirect renderer");

    slots.resize(count);
    pictures.resize(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      Slot& slot = slots[i];
      const std::string name = "frame slot " + std::to_string(i);
      VkCommandPoolCreateInfo commandPoolInfo{};
      commandPoolInfo.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
      commandPoolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
      commandPoolInfo.queueFamilyIndex = device.queueFamily();
      PS_VK_CHECK(vkCreateCommandPool(device.device(), &commandPoolInfo, nullptr, &slot.pool));
      device.setName(slot.pool, VK_OBJECT_TYPE_COMMAND_POOL, name);
      VkCommandBufferAllocateInfo bufferInfo{};
      bufferInfo.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
      bufferInfo.commandPool = slot.pool;
      bufferInfo.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
      bufferInfo.commandBufferCount = 1;
      PS_VK_CHECK(vkAllocateCommandBuffers(device.device(), &bufferInfo, &slot.commands));
      device.setName(slot.commands, VK_OBJECT_TYPE_COMMAND_BUFFER, name);
      VkFenceCreateInfo fenceInfo{};
      fenceInfo.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
      PS_VK_CHECK(vkCreateFence(device.device(), &fenceInfo, nullptr, &slot.fence));
      device.setName(slot.fence, VK_OBJECT_TYPE_FENCE, name);
      const std::array<VkDescriptorSetLayout, kMaxEyes> layouts{pipeline.setLayout(), pipeline.setLayout()};
      VkDescriptorSetAllocateInfo setInfo{};
      setInfo.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
      setInfo.descriptorPool = descriptorPool;
      setInfo.descriptorSetCount = kMaxEyes;
      setInfo.pSetLayouts = layouts.data();
      Uploaded& picture = pictures[i];
      PS_VK_CHECK(vkAllocateDescriptorSets(device.device(), &setInfo, picture.eyeSets.data()));
      for (std::uint32_t e = 0; e < kMaxEyes; ++e)
        device.setName(picture.eyeSets[e], VK_OBJECT_TYPE_DESCRIPTOR_SET, name + " eye " + std::to_string(e));
      picture.textures = std::make_unique<FrameTextures>(device, "picture " + std::to_string(i));
    }
  }

  // Blocks until the frame `serial` has finished, if it is still on the GPU. A slot that was
  // reused since was waited for when it was reused.
  void waitForSerial(std::uint64_t serial) {
    Slot& slot = slots[serial % slots.size()];
    if (slot.serial == serial) waitForSlot(slot);
  }

  // The picture an upload may overwrite: never the latest (the next reuse shows it), and of the
  // others the one sampled longest ago, so the wait for its readers is the shortest.
  Uploaded& pictureToOverwrite() {
    Uploaded* best = nullptr;
    for (Uploaded& p : pictures)
      if (&p != latest && (best == nullptr || p.lastSampledBy < best->lastSampledBy)) best = &p;
    return best != nullptr ? *best : pictures.front();
  }

  // Binds the command slot for the next serial; waits only while that slot is still executing.
  Slot& startSlot(std::uint64_t serial) {
    Slot& slot = slots[serial % slots.size()];
    waitForSlot(slot);
    PS_VK_CHECK(vkResetFences(device.device(), 1, &slot.fence));
    PS_VK_CHECK(vkResetCommandPool(device.device(), slot.pool, 0));
    VkCommandBufferBeginInfo begin{};
    begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    PS_VK_CHECK(vkBeginCommandBuffer(slot.commands, &begin));
    return slot;
  }

  void waitForSlot(Slot& slot) {
    if (!slot.submitted) return;
    PS_VK_CHECK(vkWaitForFences(device.device(), 1, &slot.fence, VK_TRUE, std::numeric_limits<std::uint64_t>::max()));
    slot.submitted = false;
  }

  void destroy() noexcept {
    for (Slot& slot : slots) {
      // Must not throw from here; a lost device leaves nothing to wait for anyway.
      if (slot.submitted)
        (void)vkWaitForFences(device.device(), 1, &slot.fence, VK_TRUE, std::numeric_limits<std::uint64_t>::max());
      if (slot.fence != VK_NULL_HANDLE) vkDestroyFence(device.device(), slot.fence, nullptr);
      if (slot.pool != VK_NULL_HANDLE) vkDestroyCommandPool(device.device(), slot.pool, nullptr);
    }
    slots.clear();
    pictures.clear();
    latest = nullptr;
    if (descriptorPool != VK_NULL_HANDLE) vkDestroyDescriptorPool(device.device(), descriptorPool, nullptr);
    descriptorPool = VK_NULL_HANDLE;
  }

  void writeEyeSets(Uploaded& picture, Projection projection) {
    const FrameTextures& textures = *picture.textures;
    std::array<VkDescriptorImageInfo, kMaxEyes * EquirectPipeline::kPlaneBindings> images{};
    std::array<VkWriteDescriptorSet, kMaxEyes> writes{};
    const auto eyes = static_cast<std::uint32_t>(textures.eyeCount());
    for (std::uint32_t e = 0; e < eyes; ++e) {
      for (std::uint32_t b = 0; b < EquirectPipeline::kPlaneBindings; ++b) {
        // Fewer images than bindings (interleaved chroma, packed): the last one repeats, unread.
        const int image = std::min(static_cast<int>(b), textures.imageCount() - 1);
        images[e * EquirectPipeline::kPlaneBindings + b] = {pipeline.sampler(projection),
                                                            textures.imageView(static_cast<int>(e), image),
                                                            textures.sampledLayout()};
      }
      writes[e] = {};
      writes[e].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
      writes[e].dstSet = picture.eyeSets[e];
      writes[e].dstBinding = 0;
      writes[e].descriptorCount = EquirectPipeline::kPlaneBindings;
      writes[e].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
      writes[e].pImageInfo = &images[e * EquirectPipeline::kPlaneBindings];
    }
    vkUpdateDescriptorSets(device.device(), eyes, writes.data(), 0, nullptr);
  }

  FrameTicket begin(Slot& slot, std::uint64_t serial) {
    slot.serial = serial;
    slot.sampled = latest;
    latest->lastSampledBy = serial;
    lastSerial = serial;
    recording = &slot;
    return FrameTicket{serial};
  }

  // Notes how much a draw whose target pixels span `span` radians minifies the current
  // picture, for the mips and packing of the next upload.
  void noteMinification(AnglePerPixel span) {
    const Slot& slot = *recording;
    const VkExtent2D eye = slot.sampled->textures->lumaEyeExtent();
    if (eye.width == 0 || eye.height == 0) return;
    const double longitudeSpan = halfSphere ? kPi : 2 * kPi;
    const double texelAcross = longitudeSpan / static_cast<double>(eye.width);
    const double texelDown = kPi / static_cast<double>(eye.height);
    // Rounded towards reading more levels: the smaller texel for the most, the larger for the fewest.
    recordingNeeds.mostTexelsPerPixel =
        std::max(recordingNeeds.mostTexelsPerPixel, span.most / std::min(texelAcross, texelDown));
    recordingNeeds.fewestTexelsPerPixel =
        std::min(recordingNeeds.fewestTexelsPerPixel, span.fewest / std::max(texelAcross, texelDown));
  }

  // After a frame's draws: what the next upload is made for.
  void updateUploadNeeds() {
    const LevelNeeds seen = recordingNeeds;
    recordingNeeds = LevelNeeds{0, std::numeric_limits<double>::infinity()};
    if (seen.mostTexelsPerPixel <= 0) return;  // nothing drawn
    const bool first = std::isinf(uploadNeeds.mostTexelsPerPixel);
    if (first || seen.mostTexelsPerPixel >= uploadNeeds.mostTexelsPerPixel ||
        ++framesSinceMost > kMinificationHoldFrames) {
      uploadNeeds.mostTexelsPerPixel = seen.mostTexelsPerPixel;
      framesSinceMost = 0;
    }
    if (first || seen.fewestTexelsPerPixel <= uploadNeeds.fewestTexelsPerPixel ||
        ++framesSinceFewest > kMinificationHoldFrames) {
      uploadNeeds.fewestTexelsPerPixel = seen.fewestTexelsPerPixel;
      framesSinceFewest = 0;
    }
  }

  void reportFit(const FrameView& frame, const PictureFit& fit) {
    if (fit.level == reportedLevel) return;
    reportedLevel = fit.level;
    if (fit.level == 0) return;
    spdlog::info("a {}x{} picture is larger than this device's images ({}x{}, maxImageDimension2D {}): shown at "
                 "mip level {}, {}x{} per eye",
                 frame.width, frame.height, fit.lumaLimit.width, fit.lumaLimit.height, fit.maxImageDimension2D,
                 fit.level, fit.eyeExtent.width, fit.eyeExtent.height);
  }

  // Rotates stage directions so that the source's centre, at yawOffset (right positive), comes
  // out at longitude 0: about +Y by yawOffset (a ray at longitude L comes out at L - yawOffset).
  glm::quat yawTurn() const { return glm::angleAxis(yawOffset, glm::vec3(0.0f, 1.0f, 0.0f)); }

  // Makes what a draw of `eye` sampling `region` reads of the current picture ready (a
  // deferred copy); before recording, so before the submit that makes it visible.
  void fillFor(Eye eye, const UvRegion& region, const char* what) {
    FrameTextures& textures = *current(what).sampled->textures;
    textures.fill(eyeIndex(textures, eye), region);
  }

  Slot& current(const char* what) {
    if (recording == nullptr) throw std::logic_error(std::string(what) + " needs beginFrame first");
    return *recording;
  }

  // Records one full-target draw of the current frame's `eye` picture with `constants`.
  void record(const PushConstants& constants, bool wholeSphere, Eye eye, const RenderTarget& target,
              const char* what) {
    Slot& slot = current(what);
    const VkCommandBuffer commands = slot.commands;
    const auto eyeSet = static_cast<std::size_t>(eyeIndex(*slot.sampled->textures, eye));

    // Wait for earlier draws into and copies out of the same image (an earlier frame may use it).
    recordTransition(commands, {target.image, 0, 1, target.layoutBefore, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                                VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                                VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
                                VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT});

    const DrawAttachment attachment = drawAttachment(target);
    VkRenderingAttachmentInfo color{};
    color.sType = VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO;
    color.imageView = attachment.view;
    color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    color.loadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;  // every pixel is drawn
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    VkRenderingInfo rendering{};
    rendering.sType = VK_STRUCTURE_TYPE_RENDERING_INFO;
    rendering.renderArea = {{0, 0}, target.extent};
    rendering.layerCount = 1;
    rendering.colorAttachmentCount = 1;
    rendering.pColorAttachments = &color;
    vkCmdBeginRendering(commands, &rendering);

    vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_GRAPHICS,
                      pipeline.pipelineFor({attachment.format, slot.sampled->textures->packing(), wholeSphere, halfSphere}));
    vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline.layout(), 0, 1,
                            &slot.sampled->eyeSets[eyeSet], 0, nullptr);
    const VkViewport viewport{0.0f, 0.0f, static_cast<float>(target.extent.width),
                              static_cast<float>(target.extent.height), 0.0f, 1.0f};
    vkCmdSetViewport(commands, 0, 1, &viewport);
    const VkRect2D scissor{{0, 0}, target.extent};
    vkCmdSetScissor(commands, 0, 1, &scissor);

    vkCmdPushConstants(commands, pipeline.layout(), kPushStages, 0, sizeof(constants), &constants);
    vkCmdDraw(commands, 3, 1, 0, 0);
    vkCmdEndRendering(commands);

    if (target.layoutAfter != VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL) {
      const bool toTransfer = target.layoutAfter == VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
      recordTransition(commands, {target.image, 0, 1, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, target.layoutAfter,
                                  VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT,
                                  toTransfer ? VK_PIPELINE_STAGE_TRANSFER_BIT : VK_PIPELINE_STAGE_ALL_COMMANDS_BIT,
                                  toTransfer ? VK_ACCESS_TRANSFER_READ_BIT : VK_ACCESS_MEMORY_READ_BIT});
    }
  }
};

EquirectRenderer::EquirectRenderer(const Device& device, const RendererOptions& options)
    : impl_(std::make_unique<Impl>(device, options)) {}
EquirectRenderer::EquirectRenderer(EquirectRenderer&&) noexcept = default;
EquirectRenderer& EquirectRenderer::operator=(EquirectRenderer&&) noexcept = default;
EquirectRenderer::~EquirectRenderer() = default;

void EquirectRenderer::prepareTarget(const RenderTarget& target, Projection projection) {
  const VkFormat format = drawAttachment(target).format;
  const bool half = projection == Projection::Equirect180;
  // The views of a picture decide its packing; a display's first frame is unpacked.
  impl_->pipeline.pipelineFor({format, PlanePacking::Planes, false, half});
  impl_->pipeline.pipelineFor({format, PlanePacking::Packed, false, half});
}

FrameTicket EquirectRenderer::beginFrame(const FrameView& frame, const FrameLayout& layout, float yawOffsetDeg) {
  return beginFrame(frame, layout, yawOffsetDeg, nullptr);
}

FrameTicket EquirectRenderer::beginFrame(const FrameView& frame, const FrameLayout& layout, float yawOffsetDeg,
                                         std::shared_ptr<const void> bytesOwner) {
  Impl& s = *impl_;
  if (s.recording != nullptr) throw std::logic_error("beginFrame called twice without submit");
  checkFrame(frame, layout.stereo);
  const std::uint64_t serial = s.lastSerial + 1;
  Uploaded& picture = s.pictureToOverwrite();
  // Frames still in flight may sample these images (a reused picture outlives its slot's frame).
  s.waitForSerial(picture.lastSampledBy);
  Impl::Slot& slot = s.startSlot(serial);

  // Only the latest picture is drawn again (reuseLastFrame): the one before it copies no more.
  if (s.latest != nullptr) s.latest->textures->dropPending();
  picture.textures->stage(frame, layout.stereo, s.uploadNeeds, std::move(bytesOwner));
  s.reportFit(frame, picture.textures->fit());
  picture.textures->recordUpload(slot.commands);
  s.writeEyeSets(picture, layout.projection);

  const auto rows = yuvToRgbRows(frame.format, frame.matrix, frame.range);
  for (int i = 0; i < 3; ++i) s.frameConstants.yuvToRgb[i] = rows[i];
  s.yawOffset = glm::radians(yawOffsetDeg);
  s.halfSphere = layout.projection == Projection::Equirect180;
  s.latest = &picture;
  return s.begin(slot, serial);
}

FrameTicket EquirectRenderer::reuseLastFrame() {
  Impl& s = *impl_;
  if (s.recording != nullptr) throw std::logic_error("reuseLastFrame called twice without submit");
  if (s.latest == nullptr) throw std::logic_error("reuseLastFrame needs a frame uploaded by beginFrame first");
  const std::uint64_t serial = s.lastSerial + 1;
  return s.begin(s.startSlot(serial), serial);
}

bool EquirectRenderer::hasFrame() const { return impl_->latest != nullptr; }

void EquirectRenderer::drawView(const View& view, Eye eye, const RenderTarget& target) {
  PushConstants constants = impl_->frameConstants;
  // Turning the view by the source's yaw offset is the same as turning the source the other way.
  const glm::mat3 rotation = glm::mat3_cast(impl_->yawTurn() * glm::normalize(view.orientation));
  for (int i = 0; i < 3; ++i) constants.viewToStage[i] = glm::vec4(rotation[i], 0.0f);
  constants.tanFov = glm::vec4(std::tan(view.fov.angleLeft), std::tan(view.fov.angleRight), std::tan(view.fov.angleUp),
                               std::tan(view.fov.angleDown));
  impl_->fillFor(eye, pinholeUvRegion(rotation, view.fov, impl_->halfSphere), "drawView");
  impl_->record(constants, false, eye, target, "drawView");
  impl_->noteMinification(pinholeAnglePerPixel(view.fov, target.extent.width, target.extent.height));
}

void EquirectRenderer::drawEquirect(Eye eye, const RenderTarget& target) {
  PushConstants constants = impl_->frameConstants;
  const glm::mat3 rotation = glm::mat3_cast(impl_->yawTurn());
  for (int i = 0; i < 3; ++i) constants.viewToStage[i] = glm::vec4(rotation[i], 0.0f);
  impl_->fillFor(eye, UvRegion{}, "drawEquirect");
  impl_->record(constants, true, eye, target, "drawEquirect");
  // A target row spans the same latitude everywhere; across, a pixel spans less towards the
  // poles, and the shader's footprint is the larger of the two.
  const double across = 2 * kPi / static_cast<double>(target.extent.width);
  const double down = kPi / static_cast<double>(target.extent.height);
  impl_->noteMinification({std::max(across, down), down});
}

void EquirectRenderer::recordReadback(const OffscreenTarget& target) {
  target.recordReadback(impl_->current("recordReadback").commands);
}

void EquirectRenderer::submit(const SubmitSync& sync) {
  Impl& s = *impl_;
  Impl::Slot& slot = s.current("submit");
  if (sync.wait.size() != sync.waitStages.size())
    throw std::invalid_argument("SubmitSync needs one wait stage per wait semaphore");
  s.recording = nullptr;  // even if the submit throws, this frame's recording is over
  s.updateUploadNeeds();
  submitCommands(s.device.queue(), slot.commands, slot.fence, sync);
  slot.submitted = true;
}

void EquirectRenderer::wait(FrameTicket ticket) {
  Impl& s = *impl_;
  Impl::Slot& slot = s.slots[ticket.serial % s.slots.size()];
  if (slot.serial != ticket.serial) return;  // the slot was reused, so that frame finished long ago
  if (s.recording == &slot) throw std::logic_error("wait on a frame that was not submitted");
  s.waitForSlot(slot);
}

}  // namespace ps::engine
