#include "engine/frame_renderer.h"

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>

#include "engine/device.h"
#include "engine/gpu_resources.h"
#include "engine/image_barrier.h"
#include "engine/vk_check.h"

namespace ps::engine {

VkFormat pickDepthFormat(const Device& device) {
  for (VkFormat format : {VK_FORMAT_D32_SFLOAT, VK_FORMAT_X8_D24_UNORM_PACK32, VK_FORMAT_D16_UNORM}) {
    VkFormatProperties properties{};
    vkGetPhysicalDeviceFormatProperties(device.physicalDevice(), format, &properties);
    if ((properties.optimalTilingFeatures & VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT) != 0) return format;
  }
  throw std::runtime_error("the Vulkan device offers no depth attachment format");
}

namespace {

// Orders one pass's attachment writes before the next pass's loads and writes of the same images.
void recordAttachmentBarrier(VkCommandBuffer commands) {
  constexpr VkPipelineStageFlags kStages = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT |
                                           VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT |
                                           VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
  VkMemoryBarrier barrier{};
  barrier.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
  barrier.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
  barrier.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT |
                          VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
  vkCmdPipelineBarrier(commands, kStages, kStages, 0, 1, &barrier, 0, nullptr, 0, nullptr);
}

}  // namespace

struct FrameRenderer::Impl {
  explicit Impl(const Device& d) : device(d), depthFormat(pickDepthFormat(d)) {}

  struct OwnDepth {
    GpuImage image;
    std::uint64_t lastUse = 0;
  };

  // The renderer's depth image of `extent` for the n-th eye drawn this frame (two eyes of one
  // size draw one after the other in one command buffer, so they could share one image; one
  // each keeps the passes free of a write-after-write wait between them).
  OwnDepth& ownDepth(VkExtent2D extent, std::size_t n, std::uint64_t serial) {
    const auto key = std::make_tuple(extent.width, extent.height, n);
    auto it = depths.find(key);
    if (it == depths.end()) {
      ImageDesc desc;
      desc.format = depthFormat;
      desc.extent = extent;
      desc.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
      desc.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
      it = depths.emplace(key, OwnDepth{GpuImage(device, desc, "eye depth " + std::to_string(n)), 0}).first;
    }
    it->second.lastUse = serial;
    return it->second;
  }

  // Sizes not drawn for a while (a resized window) go to the disposer.
  void dropStale(FrameRecording& frame) {
    for (auto it = depths.begin(); it != depths.end();) {
      if (frame.serial - it->second.lastUse > 8) {
        frame.disposer.dispose(it->second.lastUse, std::move(it->second.image));
        it = depths.erase(it);
      } else {
        ++it;
      }
    }
  }

  const Device& device;
  VkFormat depthFormat;
  std::map<std::tuple<std::uint32_t, std::uint32_t, std::size_t>, OwnDepth> depths;
  std::vector<EyePass> passes;
  struct Attachments {
    VkImageView color, depth;
    VkImage depthImage;
    VkImageLayout depthBefore, depthAfter;
    bool keepDepth;
  };
  std::vector<Attachments> attachments;
};

FrameRenderer::FrameRenderer(const Device& device) : impl_(std::make_unique<Impl>(device)) {}
FrameRenderer::~FrameRenderer() = default;

VkFormat FrameRenderer::depthFormat() const { return impl_->depthFormat; }
std::span<const EyePass> FrameRenderer::lastPasses() const { return impl_->passes; }

void FrameRenderer::record(FrameRecording& frame, std::span<const EyeDraw> eyes, std::span<Layer* const> layers) {
  Impl& s = *impl_;
  const VkCommandBuffer commands = frame.commands;
  const bool encoded =
      !layers.empty() && std::all_of(layers.begin(), layers.end(), [](const Layer* l) { return l->writesEncoded(); });

  s.passes.clear();
  std::vector<Impl::Attachments>& attachments = s.attachments;  // kept, with its capacity, from frame to frame
  attachments.clear();
  for (std::size_t i = 0; i < eyes.size(); ++i) {
    const EyeDraw& draw = eyes[i];
    const RenderTarget& t = draw.target;
    const bool useEncoded = encoded && t.encodedView != VK_NULL_HANDLE;
    EyePass pass;
    pass.index = i;
    pass.eye = draw.eye;
    pass.camera = draw.camera;
    pass.extent = t.extent;
    pass.colorFormat = useEncoded ? t.encodedFormat : t.format;
    pass.encoded = useEncoded;
    pass.wholeSphere = draw.wholeSphere;
    pass.overSphere = draw.overSphere;
    pass.images.color = t.view;
    pass.images.colorFormat = t.format;
    pass.images.encoded = t.encodedView;
    pass.images.encodedFormat = t.encodedFormat;
    Impl::Attachments a{useEncoded ? t.encodedView : t.view, t.depthView, t.depthImage, t.depthLayoutBefore,
                  t.depthLayoutAfter, t.depthView != VK_NULL_HANDLE};
    if (t.depthView != VK_NULL_HANDLE) {
      pass.depthFormat = t.depthFormat;
    } else if (draw.wholeSphere) {
      // Only the background draws into a whole-sphere image, and it is at infinity: no depth
      // (an image of the sphere's size would cost its clear for nothing).
      a.depth = VK_NULL_HANDLE;
      a.depthImage = VK_NULL_HANDLE;
    } else {
      Impl::OwnDepth& own = s.ownDepth(t.extent, i, frame.serial);
      a.depth = own.image.view();
      a.depthImage = own.image.handle();
      a.depthBefore = VK_IMAGE_LAYOUT_UNDEFINED;
      a.depthAfter = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
      pass.depthFormat = s.depthFormat;
    }
    pass.images.depth = a.depth;
    s.passes.push_back(pass);
    attachments.push_back(a);
  }
  s.dropStale(frame);

  for (Layer* layer : layers) layer->prepare(frame, s.passes);

  for (std::size_t i = 0; i < eyes.size(); ++i) {
    const RenderTarget& t = eyes[i].target;
    const EyePass& pass = s.passes[i];
    const Impl::Attachments& a = attachments[i];
    // Wait for earlier draws into and copies out of the same images (an earlier frame may use them).
    recordTransition(commands, {t.image, 0, 1, t.layoutBefore, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                                VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                                VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
                                VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_COLOR_ATTACHMENT_READ_BIT});
    constexpr VkPipelineStageFlags kDepthStages =
        VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
    ImageTransition depthIn{a.depthImage, 0, 1, a.depthBefore, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL,
                            kDepthStages, VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT, kDepthStages,
                            VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT};
    depthIn.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
    if (a.depthImage != VK_NULL_HANDLE) recordTransition(commands, depthIn);

    // The eye's pass, ended around each layer that draws passes of its own and begun again
    // after it, loading what was drawn (so depth is stored whenever the pass is resumed).
    const auto ownPasses = [](const Layer* l) { return l->drawsOwnPasses(); };
    const bool suspends = std::any_of(layers.begin(), layers.end(), ownPasses);
    bool first = true;
    const auto begin = [&](bool lastPart) {
      VkRenderingAttachmentInfo color{};
      color.sType = VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO;
      color.imageView = a.color;
      color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
      color.loadOp = first ? VK_ATTACHMENT_LOAD_OP_CLEAR : VK_ATTACHMENT_LOAD_OP_LOAD;
      color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
      color.clearValue.color = {{0.0f, 0.0f, 0.0f, pass.overSphere ? 0.0f : 1.0f}};
      VkRenderingAttachmentInfo depth{};
      depth.sType = VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO;
      depth.imageView = a.depth;
      depth.imageLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
      depth.loadOp = first ? VK_ATTACHMENT_LOAD_OP_CLEAR : VK_ATTACHMENT_LOAD_OP_LOAD;
      depth.storeOp = a.keepDepth || !lastPart ? VK_ATTACHMENT_STORE_OP_STORE : VK_ATTACHMENT_STORE_OP_DONT_CARE;
      depth.clearValue.depthStencil = {0.0f, 0};
      VkRenderingInfo rendering{};
      rendering.sType = VK_STRUCTURE_TYPE_RENDERING_INFO;
      rendering.renderArea = {{0, 0}, t.extent};
      rendering.layerCount = 1;
      rendering.colorAttachmentCount = 1;
      rendering.pColorAttachments = &color;
      rendering.pDepthAttachment = a.depth != VK_NULL_HANDLE ? &depth : nullptr;
      vkCmdBeginRendering(commands, &rendering);
      const VkViewport viewport{0.0f, 0.0f, static_cast<float>(t.extent.width), static_cast<float>(t.extent.height),
                                0.0f, 1.0f};
      vkCmdSetViewport(commands, 0, 1, &viewport);
      const VkRect2D scissor{{0, 0}, t.extent};
      vkCmdSetScissor(commands, 0, 1, &scissor);
      first = false;
    };
    begin(!suspends);
    for (auto it = layers.begin(); it != layers.end(); ++it) {
      Layer* layer = *it;
      if (!layer->drawsOwnPasses()) {
        layer->record(frame, pass);
        continue;
      }
      vkCmdEndRendering(commands);
      recordAttachmentBarrier(commands);
      layer->record(frame, pass);
      recordAttachmentBarrier(commands);
      begin(std::none_of(it + 1, layers.end(), ownPasses));
    }
    vkCmdEndRendering(commands);

    if (t.layoutAfter != VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL) {
      const bool toTransfer = t.layoutAfter == VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
      recordTransition(commands, {t.image, 0, 1, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, t.layoutAfter,
                                  VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT,
                                  toTransfer ? VK_PIPELINE_STAGE_TRANSFER_BIT : VK_PIPELINE_STAGE_ALL_COMMANDS_BIT,
                                  toTransfer ? VK_ACCESS_TRANSFER_READ_BIT : VK_ACCESS_MEMORY_READ_BIT});
    }
    if (a.keepDepth && a.depthAfter != VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL) {
      const bool toTransfer = a.depthAfter == VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
      ImageTransition depthOut{a.depthImage, 0, 1, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL, a.depthAfter,
                               kDepthStages, VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
                               toTransfer ? VK_PIPELINE_STAGE_TRANSFER_BIT : VK_PIPELINE_STAGE_ALL_COMMANDS_BIT,
                               toTransfer ? VK_ACCESS_TRANSFER_READ_BIT : VK_ACCESS_MEMORY_READ_BIT};
      depthOut.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
      recordTransition(commands, depthOut);
    }
  }
}

}  // namespace ps::engine
