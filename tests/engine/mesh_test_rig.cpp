#include "mesh_test_rig.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

#include "engine/image_barrier.h"

namespace ps::test {

glm::u8vec4 EyePicture::at(int x, int y) const {
  const std::size_t i = (static_cast<std::size_t>(y) * color.width + static_cast<std::size_t>(x)) * 4;
  return {color.pixels[i], color.pixels[i + 1], color.pixels[i + 2], color.pixels[i + 3]};
}

float EyePicture::depthAt(int x, int y) const {
  return depth[static_cast<std::size_t>(y) * color.width + static_cast<std::size_t>(x)];
}

Silhouette silhouetteOf(const engine::RgbaImage& image, int threshold) {
  Silhouette s{static_cast<int>(image.width), 0, static_cast<int>(image.height), 0};
  for (std::uint32_t y = 0; y < image.height; ++y)
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const std::uint8_t* p = &image.pixels[(std::size_t{y} * image.width + x) * 4];
      if (std::max({p[0], p[1], p[2]}) <= threshold) continue;
      s.left = std::min(s.left, static_cast<int>(x));
      s.right = std::max(s.right, static_cast<int>(x) + 1);
      s.top = std::min(s.top, static_cast<int>(y));
      s.bottom = std::max(s.bottom, static_cast<int>(y) + 1);
    }
  return s;
}

engine::EyeCamera eyeAt(glm::vec3 position, float fovDeg) {
  engine::View view;
  view.position = position;
  view.fov = engine::symmetricFov(fovDeg, fovDeg);
  return engine::EyeCamera(view);
}

int srgbByte(float linear) {
  const float c = std::clamp(linear, 0.0f, 1.0f);
  const float encoded = c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
  return static_cast<int>(std::lround(encoded * 255.0f));
}

MeshRig::MeshRig(const engine::Device& device, std::uint32_t width, std::uint32_t height, std::size_t eyes)
    : device_(device), width_(width), height_(height), context_(device, 2, "mesh test"), renderer_(device) {
  if (renderer_.depthFormat() != VK_FORMAT_D32_SFLOAT)
    throw std::runtime_error("the mesh tests read depth back as D32_SFLOAT, which this device does not draw with");
  for (std::size_t i = 0; i < eyes; ++i) {
    EyeImages eye;
    eye.color = std::make_unique<engine::OffscreenTarget>(device, width, height, "mesh eye " + std::to_string(i));
    engine::ImageDesc desc;
    desc.format = VK_FORMAT_D32_SFLOAT;
    desc.extent = {width, height};
    desc.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    desc.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
    eye.depth = engine::GpuImage(device, desc, "mesh eye depth " + std::to_string(i));
    eye.depthReadback = engine::GpuBuffer(device, VkDeviceSize{width} * height * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                          true, "mesh eye depth readback");
    eyes_.push_back(std::move(eye));
  }
}

MeshRig::~MeshRig() { context_.waitAll(); }

std::vector<EyePicture> MeshRig::render(std::span<engine::Layer* const> layers,
                                        std::span<const engine::EyeCamera> cameras) {
  if (cameras.size() > eyes_.size()) throw std::invalid_argument("more cameras than the rig has eyes");
  std::vector<engine::EyeDraw> draws;
  for (std::size_t i = 0; i < cameras.size(); ++i) {
    engine::RenderTarget target = eyes_[i].color->target();
    if (unormView_) {
      target.view = target.encodedView;
      target.format = target.encodedFormat;
      target.encodedView = VK_NULL_HANDLE;
      target.encodedFormat = VK_FORMAT_UNDEFINED;
    }
    target.depthImage = eyes_[i].depth.handle();
    target.depthView = eyes_[i].depth.view();
    target.depthFormat = VK_FORMAT_D32_SFLOAT;
    target.depthLayoutBefore = VK_IMAGE_LAYOUT_UNDEFINED;
    target.depthLayoutAfter = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    draws.push_back({i == 0 ? ps::Eye::Left : ps::Eye::Right, cameras[i], target, false});
  }
  engine::FrameRecording& frame = context_.begin();
  renderer_.record(frame, draws, layers);
  for (std::size_t i = 0; i < cameras.size(); ++i) {
    eyes_[i].color->recordReadback(frame.commands);
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 0, 1};
    region.imageExtent = {width_, height_, 1};
    vkCmdCopyImageToBuffer(frame.commands, eyes_[i].depth.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                           eyes_[i].depthReadback.handle(), 1, &region);
  }
  VkMemoryBarrier toHost{};
  toHost.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
  toHost.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  toHost.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
  vkCmdPipelineBarrier(frame.commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &toHost, 0,
                       nullptr, 0, nullptr);
  const std::uint64_t serial = frame.serial;
  context_.submit();
  context_.wait(serial);
  std::vector<EyePicture> pictures;
  for (std::size_t i = 0; i < cameras.size(); ++i) {
    EyePicture p;
    p.color = eyes_[i].color->pixels();
    p.depth.resize(std::size_t{width_} * height_);
    std::memcpy(p.depth.data(), eyes_[i].depthReadback.mapped(), p.depth.size() * sizeof(float));
    pictures.push_back(std::move(p));
  }
  return pictures;
}

EyePicture MeshRig::renderOne(engine::Layer& layer, const engine::EyeCamera& camera) {
  engine::Layer* layers[] = {&layer};
  return std::move(render(layers, std::span(&camera, 1)).front());
}

}  // namespace ps::test
