#include "engine/overlay_layer.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <stdexcept>
#include <string>

#include <glm/mat4x4.hpp>
#include <glm/vec4.hpp>

#include "engine/device.h"
#include "engine/gpu_resources.h"
#include "engine/image_barrier.h"
#include "engine/vk_check.h"
#include "shader_library.h"

namespace ps::engine {

namespace {

struct PushConstants {
  glm::mat4 viewProjection;
  glm::vec4 extentAlphaScale;  // width, height, alpha factor, pixels per tan unit
  glm::vec4 nearBias;          // near plane, relative depth bias
};

// Marks on a surface are pulled this fraction of their distance toward the eye, so a line on the
// floor is not lost in the floor's own depth.
constexpr float kDepthBias = 1e-3f;

// The descriptor pool, shared with the disposer's releases of sets that outlive the layer.
struct Pool {
  const Device& device;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  explicit Pool(const Device& d) : device(d) {}
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  ~Pool() {
    if (pool != VK_NULL_HANDLE) vkDestroyDescriptorPool(device.device(), pool, nullptr);
  }
};

// A texture the fragment shader samples, and the set that binds it with the atlas.
struct Picture {
  GpuImage image;
  VkDescriptorSet set = VK_NULL_HANDLE;
};

void upload(FrameRecording& frame, const GpuImage& image, const std::uint8_t* bytes, std::size_t size,
            const std::string& name) {
  GpuBuffer staging(frame.device, size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true, name + " staging");
  std::memcpy(staging.mapped(), bytes, size);
  recordTransition(frame.commands, {image.handle(), 0, 1, VK_IMAGE_LAYOUT_UNDEFINED,
                                    VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, 0,
                                    VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT});
  VkBufferImageCopy region{};
  region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.imageExtent = {image.desc().extent.width, image.desc().extent.height, 1};
  vkCmdCopyBufferToImage(frame.commands, staging.handle(), image.handle(), VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1,
                         &region);
  recordTransition(frame.commands, {image.handle(), 0, 1, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                    VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_TRANSFER_BIT,
                                    VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT,
                                    VK_ACCESS_SHADER_READ_BIT});
  frame.disposer.dispose(frame.serial, std::move(staging));
}

}  // namespace

struct OverlayLayer::Impl {
  Impl(const Device& d, std::shared_ptr<const FontAtlas> a)
      : device(d), atlas(std::move(a)), pool(std::make_shared<Pool>(d)), vertex(d, "overlay.vert"),
        fragment(d, "overlay.frag") {
    if (!atlas) throw std::invalid_argument("OverlayLayer: no font atlas");
    const VkDevice vk = d.device();
    VkSamplerCreateInfo samplerInfo{};
    samplerInfo.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO;
    samplerInfo.magFilter = samplerInfo.minFilter = VK_FILTER_LINEAR;
    samplerInfo.mipmapMode = VK_SAMPLER_MIPMAP_MODE_NEAREST;
    samplerInfo.addressModeU = samplerInfo.addressModeV = samplerInfo.addressModeW =
        VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    PS_VK_CHECK(vkCreateSampler(vk, &samplerInfo, nullptr, &sampler));
    d.setName(sampler, VK_OBJECT_TYPE_SAMPLER, "overlay sampler");

    std::array<VkDescriptorSetLayoutBinding, 2> bindings{};
    for (std::uint32_t i = 0; i < bindings.size(); ++i) {
      bindings[i].binding = i;
      bindings[i].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
      bindings[i].descriptorCount = 1;
      bindings[i].stageFlags = VK_SHADER_STAGE_FRAGMENT_BIT;
    }
    VkDescriptorSetLayoutCreateInfo setInfo{};
    setInfo.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
    setInfo.bindingCount = static_cast<std::uint32_t>(bindings.size());
    setInfo.pBindings = bindings.data();
    PS_VK_CHECK(vkCreateDescriptorSetLayout(vk, &setInfo, nullptr, &setLayout));
    d.setName(setLayout, VK_OBJECT_TYPE_DESCRIPTOR_SET_LAYOUT, "overlay set layout");

    constexpr std::uint32_t kSets = 8;  // a picture resized while older frames still use theirs
    const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 2 * kSets};
    VkDescriptorPoolCreateInfo poolInfo{};
    poolInfo.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
    poolInfo.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
    poolInfo.maxSets = kSets;
    poolInfo.poolSizeCount = 1;
    poolInfo.pPoolSizes = &size;
    PS_VK_CHECK(vkCreateDescriptorPool(vk, &poolInfo, nullptr, &pool->pool));
    d.setName(pool->pool, VK_OBJECT_TYPE_DESCRIPTOR_POOL, "overlay descriptors");

    const VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                                   sizeof(PushConstants)};
    VkPipelineLayoutCreateInfo layoutInfo{};
    layoutInfo.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
    layoutInfo.setLayoutCount = 1;
    layoutInfo.pSetLayouts = &setLayout;
    layoutInfo.pushConstantRangeCount = 1;
    layoutInfo.pPushConstantRanges = &push;
    PS_VK_CHECK(vkCreatePipelineLayout(vk, &layoutInfo, nullptr, &layout));
    d.setName(layout, VK_OBJECT_TYPE_PIPELINE_LAYOUT, "overlay pipeline layout");
  }

  ~Impl() {
    const VkDevice vk = device.device();
    vkDestroyPipelineLayout(vk, layout, nullptr);
    vkDestroyDescriptorSetLayout(vk, setLayout, nullptr);
    vkDestroySampler(vk, sampler, nullptr);
    // The sets go with the pool (or with the last of the disposer's releases that hold it).
  }

  // A texture of `extent` and `format` and a set binding it with the atlas; the one it replaces
  // goes to the disposer.
  void replacePicture(FrameRecording& frame, VkExtent2D extent, VkFormat format) {
    if (picture.set != VK_NULL_HANDLE) {
      frame.disposer.dispose(frame.serial, std::move(picture.image));
      frame.disposer.disposeWith(frame.serial, [p = pool, set = picture.set] {
        vkFreeDescriptorSets(p->device.device(), p->pool, 1, &set);
      });
    }
    picture.image = GpuImage(
        device, ImageDesc{format, extent, 1, VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT},
        "overlay picture");
    VkDescriptorSetAllocateInfo alloc{};
    alloc.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
    alloc.descriptorPool = pool->pool;
    alloc.descriptorSetCount = 1;
    alloc.pSetLayouts = &setLayout;
    PS_VK_CHECK(vkAllocateDescriptorSets(device.device(), &alloc, &picture.set));
    const std::array<VkDescriptorImageInfo, 2> images{
        VkDescriptorImageInfo{sampler, atlasImage.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
        VkDescriptorImageInfo{sampler, picture.image.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL}};
    std::array<VkWriteDescriptorSet, 2> writes{};
    for (std::uint32_t i = 0; i < writes.size(); ++i) {
      writes[i].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
      writes[i].dstSet = picture.set;
      writes[i].dstBinding = i;
      writes[i].descriptorCount = 1;
      writes[i].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
      writes[i].pImageInfo = &images[i];
    }
    vkUpdateDescriptorSets(device.device(), static_cast<std::uint32_t>(writes.size()), writes.data(), 0, nullptr);
  }

  void prepareTextures(FrameRecording& frame) {
    if (atlasImage.handle() == VK_NULL_HANDLE) {
      atlasImage = GpuImage(device,
                            ImageDesc{VK_FORMAT_R8_UNORM, {atlas->width(), atlas->height()}, 1,
                                      VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT},
                            "overlay font atlas");
      upload(frame, atlasImage, atlas->pixels().data(), atlas->pixels().size(), "overlay font atlas");
    }
    if (!pictureDirty && picture.set != VK_NULL_HANDLE) return;
    const bool none = pixelsWidth == 0 || pixelsHeight == 0;
    static const std::array<std::uint8_t, 4> white{255, 255, 255, 255};
    const VkExtent2D extent = none ? VkExtent2D{1, 1} : VkExtent2D{pixelsWidth, pixelsHeight};
    const VkExtent2D held = picture.image.desc().extent;
    if (picture.set == VK_NULL_HANDLE || held.width != extent.width || held.height != extent.height)
      replacePicture(frame, extent, VK_FORMAT_R8G8B8A8_SRGB);
    upload(frame, picture.image, none ? white.data() : pixels->data(), none ? white.size() : pixels->size(),
           "overlay picture");
    pictureDirty = false;
  }

  void prepareVertices(FrameRecording& frame) {
    if (geometryDirty) writeVertices(frame);
    if (current) lastUse[currentSlot] = frame.serial;
  }

  void writeVertices(FrameRecording& frame) {
    geometryDirty = false;
    ranges.clear();
    std::size_t count = common.vertices.size();
    for (const OverlayGeometry& g : perEye) count += g.vertices.size();
    current = nullptr;
    if (count == 0) return;
    // The geometry changes most frames (fades, the film camera's track): a ring of buffers,
    // grown when too small, instead of a new buffer each frame. The one written is the least
    // recently used of the others: with one write a frame, it was last used 3 or more frames
    // ago, which a frame context's 2 or 3 frames in flight have finished.
    std::size_t pick = currentSlot == 0 ? 1 : 0;
    for (std::size_t i = 0; i < kRing; ++i)
      if (i != currentSlot && lastUse[i] < lastUse[pick]) pick = i;
    GpuBuffer& slot = ring[pick];
    const VkDeviceSize bytes = count * sizeof(OverlayVertex);
    if (slot.size() < bytes) {
      if (slot.handle() != VK_NULL_HANDLE) frame.disposer.dispose(frame.serial, std::move(slot));
      slot = GpuBuffer(device, std::max<VkDeviceSize>(bytes, 2 * slot.size()), VK_BUFFER_USAGE_VERTEX_BUFFER_BIT,
                       true, "overlay vertices");
    }
    currentSlot = pick;
    current = &slot;
    std::size_t at = 0;
    const auto put = [&](const OverlayGeometry& g) {
      if (!g.vertices.empty())
        std::memcpy(slot.mapped() + at * sizeof(OverlayVertex), g.vertices.data(),
                    g.vertices.size() * sizeof(OverlayVertex));
      ranges.push_back({static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(g.vertices.size())});
      at += g.vertices.size();
    };
    put(common);
    for (const OverlayGeometry& g : perEye) put(g);
  }

  VkPipeline pipeline(FrameRecording& frame, const EyePass& eye, bool hidden) const {
    GraphicsPipelineDesc d;
    d.name = hidden ? "overlay hidden" : "overlay";
    d.layout = layout;
    d.vertex = vertex.handle();
    d.fragment = fragment.handle();
    d.bindings = {{0, sizeof(OverlayVertex), VK_VERTEX_INPUT_RATE_VERTEX}};
    d.attributes = {
        {0, 0, VK_FORMAT_R32G32B32_SFLOAT, static_cast<std::uint32_t>(offsetof(OverlayVertex, position))},
        {1, 0, VK_FORMAT_R32G32B32_SFLOAT, static_cast<std::uint32_t>(offsetof(OverlayVertex, toward))},
        {2, 0, VK_FORMAT_R32G32_SFLOAT, static_cast<std::uint32_t>(offsetof(OverlayVertex, offset))},
        {3, 0, VK_FORMAT_R32G32_SFLOAT, static_cast<std::uint32_t>(offsetof(OverlayVertex, uv))},
        {4, 0, VK_FORMAT_R32G32B32A32_SFLOAT, static_cast<std::uint32_t>(offsetof(OverlayVertex, colour))},
        {5, 0, VK_FORMAT_R32_UINT, static_cast<std::uint32_t>(offsetof(OverlayVertex, kind))},
    };
    d.depthTest = eye.depthFormat != VK_FORMAT_UNDEFINED;
    d.depthWrite = false;
    d.depthCompare = hidden ? VK_COMPARE_OP_LESS : VK_COMPARE_OP_GREATER_OR_EQUAL;
    d.blend = BlendMode::Alpha;
    d.colorFormat = eye.colorFormat;
    d.depthFormat = eye.depthFormat;
    return frame.pipelines.graphics(d);
  }

  const Device& device;
  std::shared_ptr<const FontAtlas> atlas;
  std::shared_ptr<Pool> pool;
  ShaderModule vertex, fragment;
  VkSampler sampler = VK_NULL_HANDLE;
  VkDescriptorSetLayout setLayout = VK_NULL_HANDLE;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  GpuImage atlasImage;
  Picture picture;
  std::uint32_t pixelsWidth = 0, pixelsHeight = 0;
  std::shared_ptr<const std::vector<std::uint8_t>> pixels;
  bool pictureDirty = true;
  OverlayGeometry common;
  std::vector<OverlayGeometry> perEye;
  bool geometryDirty = true;
  std::uint64_t geometrySets = 0;
  static constexpr std::size_t kRing = 4;
  std::array<GpuBuffer, kRing> ring;
  std::array<std::uint64_t, kRing> lastUse{};  // the serial of the last frame that drew from each
  std::size_t currentSlot = 0;
  GpuBuffer* current = nullptr;  // ring[currentSlot] while there is geometry: what records draw
  struct Range {
    std::uint32_t first = 0, count = 0;
  };
  std::vector<Range> ranges;  // common, then each eye's
  float hiddenOpacity = 0.25f;
};

OverlayLayer::OverlayLayer(const Device& device, std::shared_ptr<const FontAtlas> atlas)
    : impl_(std::make_unique<Impl>(device, std::move(atlas))) {}

OverlayLayer::~OverlayLayer() = default;

const FontAtlas& OverlayLayer::atlas() const { return *impl_->atlas; }

void OverlayLayer::setGeometry(OverlayGeometry common, std::vector<OverlayGeometry> perEye) {
  impl_->common = std::move(common);
  impl_->perEye = std::move(perEye);
  impl_->geometryDirty = true;
  ++impl_->geometrySets;
}

void OverlayLayer::copyGeometry(const OverlayGeometry& common, std::span<const OverlayGeometry> perEye) {
  impl_->common.vertices.assign(common.vertices.begin(), common.vertices.end());
  impl_->perEye.resize(perEye.size());
  for (std::size_t i = 0; i < perEye.size(); ++i)
    impl_->perEye[i].vertices.assign(perEye[i].vertices.begin(), perEye[i].vertices.end());
  impl_->geometryDirty = true;
  ++impl_->geometrySets;
}

std::uint64_t OverlayLayer::geometrySets() const { return impl_->geometrySets; }

void OverlayLayer::setPicture(RgbaImage picture) {
  setPicture(picture.width, picture.height,
             std::make_shared<const std::vector<std::uint8_t>>(std::move(picture.pixels)));
}

void OverlayLayer::setPicture(std::uint32_t width, std::uint32_t height,
                              std::shared_ptr<const std::vector<std::uint8_t>> rgba) {
  const std::size_t bytes = rgba ? rgba->size() : 0;
  if (bytes != std::size_t{width} * height * 4)
    throw std::invalid_argument("OverlayLayer::setPicture: " + std::to_string(bytes) + " bytes for a " +
                                std::to_string(width) + "x" + std::to_string(height) + " RGBA picture");
  impl_->pixelsWidth = width;
  impl_->pixelsHeight = height;
  impl_->pixels = width == 0 || height == 0 ? nullptr : std::move(rgba);
  impl_->pictureDirty = true;
}

void OverlayLayer::setHiddenOpacity(float opacity) {
  impl_->hiddenOpacity = std::clamp(opacity, 0.0f, kMaxHiddenOpacity);
}

float OverlayLayer::hiddenOpacity() const { return impl_->hiddenOpacity; }

void OverlayLayer::prepare(FrameRecording& frame, std::span<const EyePass>) {
  impl_->prepareTextures(frame);
  impl_->prepareVertices(frame);
}

void OverlayLayer::record(FrameRecording& frame, const EyePass& eye) {
  Impl& s = *impl_;
  if (eye.wholeSphere || s.current == nullptr) return;
  // What every eye shows, then what this one alone does.
  const std::array<Impl::Range, 2> draws{s.ranges[0],
                                         eye.index + 1 < s.ranges.size() ? s.ranges[eye.index + 1] : Impl::Range{}};
  const VkCommandBuffer cb = frame.commands;
  const VkDeviceSize zero = 0;
  const VkBuffer buffer = s.current->handle();
  vkCmdBindVertexBuffers(cb, 0, 1, &buffer, &zero);
  vkCmdBindDescriptorSets(cb, VK_PIPELINE_BIND_POINT_GRAPHICS, s.layout, 0, 1, &s.picture.set, 0, nullptr);
  const glm::vec2 extent(static_cast<float>(eye.extent.width), static_cast<float>(eye.extent.height));
  PushConstants push{};
  push.viewProjection = eye.camera.viewProjection();
  push.nearBias = {eye.camera.nearM(), kDepthBias, 0, 0};
  const float pxPerTan = eye.camera.projection()[0][0] * extent.x * 0.5f;
  const bool depth = eye.depthFormat != VK_FORMAT_UNDEFINED;
  // Hidden parts first, then what is in front: each pixel of an item takes one of the two.
  for (const bool hidden : {true, false}) {
    if (hidden && (!depth || s.hiddenOpacity <= 0)) continue;
    vkCmdBindPipeline(cb, VK_PIPELINE_BIND_POINT_GRAPHICS, s.pipeline(frame, eye, hidden));
    push.extentAlphaScale = {extent.x, extent.y, hidden ? s.hiddenOpacity : 1.0f, pxPerTan};
    vkCmdPushConstants(cb, s.layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(push),
                       &push);
    for (const Impl::Range& r : draws)
      if (r.count > 0) vkCmdDraw(cb, r.count, 1, r.first, 0);
  }
}

}  // namespace ps::engine
