#include "engine/equirect_layer.h"

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
#include "engine/vk_check.h"
#include "background_job.h"
#include "equirect_pipeline.h"
#include "frame_textures.h"
#include "pinhole_footprint.h"
#include "scenes/yuv_to_rgb.h"

namespace ps::engine {

namespace {

constexpr std::uint32_t kMaxEyes = 2;
constexpr double kPi = 3.14159265358979323846;

// Which of a picture's eyes `eye` reads: mono pictures show their one eye to both.
int eyeIndex(const FrameTextures& textures, Eye eye) { return textures.eyeCount() == 1 || eye == Eye::Left ? 0 : 1; }

// One uploaded picture and the descriptor sets that sample it.
struct Uploaded {
  std::unique_ptr<FrameTextures> textures;
  std::array<VkDescriptorSet, kMaxEyes> eyeSets{};
  std::uint64_t lastSampledBy = 0;  // serial of the latest frame that reads these images
  bool uploadPending = false;       // staged; its upload is not recorded yet
};

}  // namespace

struct EquirectLayer::Impl {
  Impl(FrameContext& c, std::uint32_t count) : context(c), device(c.device()), pipeline(device, c.pipelines()) {
    if (count < 1 || count > 3) throw std::invalid_argument("EquirectLayer: pictures must be 1, 2 or 3");
    try {
      create(count);
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
    device.setName(descriptorPool, VK_OBJECT_TYPE_DESCRIPTOR_POOL, "equirect layer");
    pictures.resize(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::array<VkDescriptorSetLayout, kMaxEyes> layouts{pipeline.setLayout(), pipeline.setLayout()};
      VkDescriptorSetAllocateInfo setInfo{};
      setInfo.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
      setInfo.descriptorPool = descriptorPool;
      setInfo.descriptorSetCount = kMaxEyes;
      setInfo.pSetLayouts = layouts.data();
      Uploaded& picture = pictures[i];
      PS_VK_CHECK(vkAllocateDescriptorSets(device.device(), &setInfo, picture.eyeSets.data()));
      const std::string name = "picture " + std::to_string(i);
      for (std::uint32_t e = 0; e < kMaxEyes; ++e)
        device.setName(picture.eyeSets[e], VK_OBJECT_TYPE_DESCRIPTOR_SET, name + " eye " + std::to_string(e));
      picture.textures = std::make_unique<FrameTextures>(device, name);
    }
  }

  void destroy() noexcept {
    dropAhead();
    pictures.clear();
    latest = nullptr;
    if (descriptorPool != VK_NULL_HANDLE) vkDestroyDescriptorPool(device.device(), descriptorPool, nullptr);
    descriptorPool = VK_NULL_HANDLE;
  }

  // The picture an upload may overwrite: never the latest (the next frames show it again), and
  // of the others the one sampled longest ago, so the wait for its readers is the shortest.
  // A picture staged ahead is not overwritten either.
  Uploaded& pictureToOverwrite() {
    Uploaded* best = nullptr;
    for (Uploaded& p : pictures)
      if (&p != latest && !(ahead && &p == ahead->picture) && (best == nullptr || p.lastSampledBy < best->lastSampledBy))
        best = &p;
    return best != nullptr ? *best : pictures.front();
  }

  // Waits for the copy of the frame staged ahead; false (and it is dropped) when the copy failed.
  bool finishAheadCopy() noexcept {
    if (!ahead) return false;
    try {
      if (copier) copier->wait();
      return true;
    } catch (const std::exception& e) {
      // setPicture copies the frame again on the loop thread, and reports what is wrong with it.
      spdlog::debug("equirect layer: copying the frame staged ahead failed: {}", e.what());
      ahead.reset();
      return false;
    }
  }

  // Forgets the frame staged ahead (after its copy ends): its picture is free again.
  void dropAhead() noexcept {
    if (!finishAheadCopy()) return;
    ahead->picture->textures->dropPending();
    ahead.reset();
  }

  // The picture the frames show from now: its eye sets, colour conversion, yaw and projection.
  void makeLatest(Uploaded& picture, const FrameView& frame, Projection projection, float yawOffsetDeg) {
    // Only the latest picture is drawn again: the one before it copies no more.
    if (latest != nullptr && latest != &picture) latest->textures->dropPending();
    reportFit(frame, picture.textures->fit());
    picture.uploadPending = true;
    writeEyeSets(picture, projection);
    const auto rows = yuvToRgbRows(frame.format, frame.matrix, frame.range);
    for (int i = 0; i < 3; ++i) pictureConstants.yuvToRgb[i] = rows[i];
    yawOffset = glm::radians(yawOffsetDeg);
    halfSphere = projection == Projection::Equirect180;
    latest = &picture;
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

  // Notes how much a draw whose target pixels span `span` radians minifies the latest picture,
  // for the mips and packing of the next upload.
  void noteMinification(AnglePerPixel span) {
    const VkExtent2D eye = latest->textures->lumaEyeExtent();
    if (eye.width == 0 || eye.height == 0) return;
    const double longitudeSpan = halfSphere ? kPi : 2 * kPi;
    const double texelAcross = longitudeSpan / static_cast<double>(eye.width);
    const double texelDown = kPi / static_cast<double>(eye.height);
    // Rounded towards reading more levels: the smaller texel for the most, the larger for the fewest.
    frameNeeds.mostTexelsPerPixel = std::max(frameNeeds.mostTexelsPerPixel, span.most / std::min(texelAcross, texelDown));
    frameNeeds.fewestTexelsPerPixel =
        std::min(frameNeeds.fewestTexelsPerPixel, span.fewest / std::max(texelAcross, texelDown));
  }

  // After a frame's eyes: what the next upload is made for. Unknown until a frame has drawn
  // something (the first upload makes the whole chain, unpacked), then the extremes of the
  // recent frames': a display's views keep their field of view, so they predict the next ones.
  // Held for a while rather than following every frame, so views that alternate (a thumbnail,
  // then the main view) do not reallocate the pictures each time their needs differ.
  void updateUploadNeeds() {
    const LevelNeeds seen = frameNeeds;
    frameNeeds = LevelNeeds{0, std::numeric_limits<double>::infinity()};
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

  // The constants of one eye's draw, and what it needs of the picture: filled before the
  // frame's submit, and noted for the next upload.
  PushConstants prepareEye(const EyePass& pass) {
    PushConstants constants = pictureConstants;
    FrameTextures& textures = *latest->textures;
    const int eye = eyeIndex(textures, pass.eye);
    if (pass.wholeSphere) {
      const glm::mat3 rotation = glm::mat3_cast(yawTurn());
      for (int i = 0; i < 3; ++i) constants.viewToStage[i] = glm::vec4(rotation[i], 0.0f);
      textures.fill(eye, UvRegion{});
      // A target row spans the same latitude everywhere; across, a pixel spans less towards the
      // poles, and the shader's footprint is the larger of the two.
      const double across = 2 * kPi / static_cast<double>(pass.extent.width);
      const double down = kPi / static_cast<double>(pass.extent.height);
      noteMinification({std::max(across, down), down});
      return constants;
    }
    // At infinity only the eye's orientation counts; turning the view by the source's yaw
    // offset is the same as turning the source the other way.
    const View& view = pass.camera.view();
    const glm::mat3 rotation = glm::mat3_cast(yawTurn() * glm::normalize(view.orientation));
    for (int i = 0; i < 3; ++i) constants.viewToStage[i] = glm::vec4(rotation[i], 0.0f);
    constants.tanFov = pass.camera.tanFov();
    textures.fill(eye, pinholeUvRegion(rotation, view.fov, halfSphere));
    noteMinification(pinholeAnglePerPixel(view.fov, pass.extent.width, pass.extent.height));
    return constants;
  }

  FrameContext& context;
  const Device& device;
  EquirectPipeline pipeline;
  VkDescriptorPool descriptorPool = VK_NULL_HANDLE;
  std::vector<Uploaded> pictures;
  Uploaded* latest = nullptr;        // what the frames show
  PushConstants pictureConstants{};  // the latest picture's colour conversion; eyes add their own
  float yawOffset = 0;               // radians, of the latest picture
  bool halfSphere = false;           // the latest picture is a 180-degree source
  // Minification (luma texels of the source per target pixel) of the eyes drawn: the most and
  // the fewest in the frame being prepared, and what the next upload is made for.
  static constexpr int kMinificationHoldFrames = 90;
  LevelNeeds frameNeeds{0, std::numeric_limits<double>::infinity()};
  LevelNeeds uploadNeeds;
  int framesSinceMost = 0;
  int framesSinceFewest = 0;
  std::uint32_t reportedLevel = 0;  // the held level last logged: a reduced picture is logged once
  // The prepared frame: its serial and each eye's constants, by EyePass::index.
  std::uint64_t preparedSerial = 0;
  std::vector<PushConstants> eyeConstants;
  // A frame staged ahead (stageAhead) and not shown yet: its picture is filled on `copier`'s
  // thread, which touches nothing else; the rest is the owner's, read by the copy only while it
  // runs, and changed only after it was waited for.
  struct Ahead {
    std::int64_t key = 0;
    Uploaded* picture = nullptr;
    FrameView frame;
    std::shared_ptr<const void> bytesOwner;
    FrameLayout layout;
    float yawOffsetDeg = 0;
    bool matches(std::int64_t k, const FrameLayout& l, float yaw) const {
      return key == k && layout.projection == l.projection && layout.stereo == l.stereo && yawOffsetDeg == yaw;
    }
  };
  std::optional<Ahead> ahead;
  std::unique_ptr<BackgroundJob> copier;  // made by the first stageAhead that copies
};

EquirectLayer::EquirectLayer(FrameContext& context, std::uint32_t pictures)
    : impl_(std::make_unique<Impl>(context, pictures)) {}

EquirectLayer::~EquirectLayer() {
  if (!impl_) return;
  impl_->dropAhead();  // nothing copies into the pictures once the disposer holds them
  std::uint64_t lastUse = 0;
  for (const Uploaded& p : impl_->pictures) lastUse = std::max(lastUse, p.lastSampledBy);
  FrameContext& context = impl_->context;
  context.disposer().dispose(lastUse, std::move(impl_));
}

bool EquirectLayer::hasPicture() const { return impl_->latest != nullptr; }

void EquirectLayer::preparePipelines(VkFormat colorFormat, VkFormat depthFormat, Projection projection) {
  const bool half = projection == Projection::Equirect180;
  // The views of a picture decide its packing; a display's first frame is unpacked.
  impl_->pipeline.pipelineFor({colorFormat, depthFormat, PlanePacking::Planes, false, half});
  impl_->pipeline.pipelineFor({colorFormat, depthFormat, PlanePacking::Packed, false, half});
}

void EquirectLayer::setPicture(const FrameView& frame, const FrameLayout& layout, float yawOffsetDeg,
                               std::shared_ptr<const void> bytesOwner) {
  Impl& s = *impl_;
  checkFrame(frame, layout.stereo);
  // A frame staged ahead keeps its picture only where another one is left to overwrite.
  if (s.pictures.size() < 3) s.dropAhead();
  Uploaded& picture = s.pictureToOverwrite();
  // Frames still in flight may sample these images (a picture outlives the frame that uploaded it).
  if (picture.lastSampledBy > s.context.lastSubmitted())
    throw std::logic_error("EquirectLayer::setPicture: the frame being recorded already draws the picture it would "
                           "overwrite; set the picture before the frame's prepare");
  s.context.wait(picture.lastSampledBy);
  picture.textures->stage(frame, layout.stereo, s.uploadNeeds, std::move(bytesOwner));
  s.makeLatest(picture, frame, layout.projection, yawOffsetDeg);
}

bool EquirectLayer::stageAhead(std::int64_t key, const FrameView& frame, const FrameLayout& layout,
                               float yawOffsetDeg, std::shared_ptr<const void> bytesOwner) {
  Impl& s = *impl_;
  if (s.context.recording())
    throw std::logic_error("EquirectLayer::stageAhead while a frame is being recorded; stage after its submit");
  if (bytesOwner == nullptr) throw std::invalid_argument("EquirectLayer::stageAhead needs the frame's bytesOwner");
  if (s.ahead && s.ahead->matches(key, layout, yawOffsetDeg)) return true;
  s.dropAhead();
  // Of the pictures no submitted frame samples any more, the one sampled longest ago.
  const std::uint64_t finished = s.context.completedSerial();
  Uploaded* free = nullptr;
  for (Uploaded& p : s.pictures)
    if (&p != s.latest && p.lastSampledBy <= finished && (free == nullptr || p.lastSampledBy < free->lastSampledBy))
      free = &p;
  if (free == nullptr) return false;
  bool copy = false;
  try {
    copy = free->textures->plan(frame, layout.stereo, s.uploadNeeds, bytesOwner);
  } catch (const std::invalid_argument&) {
    return false;  // a frame that does not fit, or a picture the device cannot hold: setPicture says so
  }
  s.ahead = Impl::Ahead{key, free, frame, std::move(bytesOwner), layout, yawOffsetDeg};
  if (copy) {
    if (!s.copier) s.copier = std::make_unique<BackgroundJob>([&s] { s.ahead->picture->textures->copy(s.ahead->frame); });
    s.copier->start();
  }
  return true;
}

bool EquirectLayer::showStaged(std::int64_t key, const FrameLayout& layout, float yawOffsetDeg) {
  Impl& s = *impl_;
  if (!s.ahead || !s.ahead->matches(key, layout, yawOffsetDeg) || !s.finishAheadCopy()) return false;
  Uploaded& picture = *s.ahead->picture;
  s.makeLatest(picture, s.ahead->frame, layout.projection, yawOffsetDeg);
  s.ahead.reset();
  return true;
}

std::optional<std::int64_t> EquirectLayer::stagedKey() const {
  return impl_->ahead ? std::optional<std::int64_t>(impl_->ahead->key) : std::nullopt;
}

void EquirectLayer::prepare(FrameRecording& frame, std::span<const EyePass> eyes) {
  Impl& s = *impl_;
  s.preparedSerial = frame.serial;
  s.eyeConstants.clear();
  if (s.latest == nullptr) return;  // nothing to show yet: the eyes stay cleared
  Uploaded& picture = *s.latest;
  if (picture.uploadPending) {
    picture.textures->recordUpload(frame.commands);
    picture.uploadPending = false;
  }
  picture.lastSampledBy = frame.serial;
  s.eyeConstants.resize(eyes.size());
  for (const EyePass& pass : eyes) s.eyeConstants.at(pass.index) = s.prepareEye(pass);
  s.updateUploadNeeds();
}

void EquirectLayer::record(FrameRecording& frame, const EyePass& pass) {
  Impl& s = *impl_;
  // Over a sphere the compositor draws itself, the background is that sphere's.
  if (s.latest == nullptr || pass.overSphere) return;
  if (s.preparedSerial != frame.serial || pass.index >= s.eyeConstants.size())
    throw std::logic_error("EquirectLayer::record without this frame's prepare");
  const Uploaded& picture = *s.latest;
  const VkCommandBuffer commands = frame.commands;
  const auto eyeSet = static_cast<std::size_t>(eyeIndex(*picture.textures, pass.eye));
  vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_GRAPHICS,
                    s.pipeline.pipelineFor({pass.colorFormat, pass.depthFormat, picture.textures->packing(),
                                            pass.wholeSphere, s.halfSphere}));
  vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, s.pipeline.layout(), 0, 1,
                          &picture.eyeSets[eyeSet], 0, nullptr);
  vkCmdPushConstants(commands, s.pipeline.layout(), kPushStages, 0, sizeof(PushConstants),
                     &s.eyeConstants[pass.index]);
  vkCmdDraw(commands, 3, 1, 0, 0);
}

}  // namespace ps::engine
