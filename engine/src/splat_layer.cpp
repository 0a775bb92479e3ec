#include "engine/splat_layer.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

#include <glm/matrix.hpp>
#include <spdlog/spdlog.h>

#include "descriptor_pool.h"
#include "engine/device.h"
#include "engine/gpu_resources.h"
#include "engine/image_barrier.h"
#include "engine/srgb_format.h"
#include "splat_gpu_clock.h"
#include "splat_gpu_cloud.h"
#include "splat_pipeline.h"
#include "splat_shader_data.h"

namespace ps::engine {

namespace {

void memoryBarrier(VkCommandBuffer commands, VkPipelineStageFlags srcStage, VkAccessFlags srcAccess,
                   VkPipelineStageFlags dstStage, VkAccessFlags dstAccess) {
  VkMemoryBarrier barrier{};
  barrier.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
  barrier.srcAccessMask = srcAccess;
  barrier.dstAccessMask = dstAccess;
  vkCmdPipelineBarrier(commands, srcStage, dstStage, 0, 1, &barrier, 0, nullptr, 0, nullptr);
}

constexpr VkPipelineStageFlags kCompute = VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT;
constexpr VkAccessFlags kShaderReadWrite = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT;

float largestAxisScale(const glm::mat4& m) {
  return std::max({glm::length(glm::vec3(m[0])), glm::length(glm::vec3(m[1])), glm::length(glm::vec3(m[2]))});
}

}  // namespace

struct SplatLayer::Impl {
  struct Cloud {
    std::shared_ptr<const scenes::SplatCloud> pending;  // to upload at the next prepare()
    std::unique_ptr<SplatGpuCloud> gpu;
    glm::mat4 cloudToStage{1.0f};
    bool visible = true;
    std::uint64_t lastUse = 0;
    std::uint32_t sorted = 0;  // splats sorted in the last frame
    // The readback of the last sort, when one was asked for.
    GpuBuffer readback;
    std::uint32_t readbackCount = 0;
  };
  // An eye's accumulation attachment (alpha-weighted depth, alpha) and its resolve set.
  struct Accumulation {
    GpuImage image;
    DescriptorPool pool;
    VkDescriptorSet set = VK_NULL_HANDLE;
    std::uint64_t lastUse = 0;
  };

  explicit Impl(const Device& d) : device(d), pipeline(d), clock(d, kMaxEyes) {}

  Cloud& at(CloudId id) {
    auto it = clouds.find(id);
    if (it == clouds.end()) throw std::out_of_range("SplatLayer: no cloud with id " + std::to_string(id));
    return it->second;
  }

  Accumulation& accumulation(VkExtent2D extent, std::size_t eye, std::uint64_t serial) {
    const auto key = std::make_tuple(extent.width, extent.height, eye);
    auto it = accumulations.find(key);
    if (it == accumulations.end()) {
      ImageDesc desc;
      desc.format = pipeline.accumulationFormat();
      desc.extent = extent;
      desc.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
      Accumulation a;
      a.image = GpuImage(device, desc, "splat accumulation " + std::to_string(eye));
      a.pool = DescriptorPool(device, 1, {{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1}}, "splat resolve");
      a.set = a.pool.allocate(pipeline.resolveSetLayout());
      const VkDescriptorImageInfo info{pipeline.sampler(), a.image.view(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
      VkWriteDescriptorSet write{};
      write.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
      write.dstSet = a.set;
      write.dstBinding = 0;
      write.descriptorCount = 1;
      write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
      write.pImageInfo = &info;
      vkUpdateDescriptorSets(device.device(), 1, &write, 0, nullptr);
      it = accumulations.emplace(key, std::move(a)).first;
    }
    it->second.lastUse = serial;
    return it->second;
  }

  void dropStale(FrameRecording& frame) {
    for (auto it = accumulations.begin(); it != accumulations.end();) {
      if (frame.serial - it->second.lastUse > 8) {
        frame.disposer.dispose(it->second.lastUse, std::move(it->second));
        it = accumulations.erase(it);
      } else {
        ++it;
      }
    }
  }

  // A removed cloud's buffers, until the next prepare() hands them to the disposer.
  struct Removal {
    std::uint64_t lastUse = 0;
    std::unique_ptr<SplatGpuCloud> gpu;
    GpuBuffer readback;
  };

  void upload(FrameRecording& frame, Cloud& cloud);
  void sort(FrameRecording& frame, Cloud& cloud, std::uint32_t count, bool readback);

  const Device& device;
  SplatPipeline pipeline;
  SplatGpuClock clock;
  std::map<CloudId, Cloud> clouds;
  CloudId nextId = 1;
  Stats stats;
  std::map<std::tuple<std::uint32_t, std::uint32_t, std::size_t>, Accumulation> accumulations;
  // This frame's: the clouds to draw, back to front, and each pass's slot among the eyes sorted for.
  std::vector<Cloud*> order;
  std::vector<int> eyeSlots;
  std::vector<Removal> removals;
  bool warnedEyes = false;
};

void SplatLayer::Impl::upload(FrameRecording& frame, Cloud& cloud) {
  if (cloud.gpu) {
    stats.gpuBytes -= cloud.gpu->bytes();
    frame.disposer.dispose(cloud.lastUse, std::move(cloud.gpu));
  }
  cloud.gpu.reset();
  frame.disposer.dispose(cloud.lastUse, std::move(cloud.readback));
  cloud.readback = GpuBuffer();
  cloud.readbackCount = 0;
  const std::shared_ptr<const scenes::SplatCloud> data = std::move(cloud.pending);
  cloud.pending.reset();
  ++stats.uploads;
  if (data->empty()) return;
  GpuBuffer staging;
  cloud.gpu = std::make_unique<SplatGpuCloud>(device, pipeline, *data, frame.commands, staging);
  frame.disposer.dispose(frame.serial, std::move(staging));
  stats.gpuBytes += cloud.gpu->bytes();
}

void SplatLayer::Impl::sort(FrameRecording& frame, Cloud& cloud, std::uint32_t count, bool readback) {
  const VkCommandBuffer commands = frame.commands;
  const SplatGpuCloud& gpu = *cloud.gpu;
  const VkPipelineLayout layout = pipeline.cloudLayout();
  const VkPipelineCache cache = frame.pipelines.handle();
  const auto bind = [&](VkPipeline p, int set) {
    vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_COMPUTE, p);
    const VkDescriptorSet s = gpu.set(set);
    vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_COMPUTE, layout, 0, 1, &s, 0, nullptr);
  };
  // The cull writes keys into buffer A (set 1's destination); the four passes go A->B->A->B->A.
  bind(pipeline.compute(cache, SplatPipeline::Compute::Cull), 1);
  vkCmdDispatch(commands, (count + kSplatGroup - 1) / kSplatGroup, 1, 1);
  memoryBarrier(commands, kCompute, VK_ACCESS_SHADER_WRITE_BIT, kCompute, kShaderReadWrite);
  const std::uint32_t blocks = splatSortBlocks(count);
  for (std::uint32_t pass = 0; pass < 4; ++pass) {
    const SplatSortPush push{pass * 8, blocks};
    const int set = static_cast<int>(pass % 2);
    bind(pipeline.compute(cache, SplatPipeline::Compute::Histogram), set);
    vkCmdPushConstants(commands, layout, VK_SHADER_STAGE_COMPUTE_BIT | VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof push, &push);
    vkCmdDispatch(commands, blocks, 1, 1);
    memoryBarrier(commands, kCompute, VK_ACCESS_SHADER_WRITE_BIT, kCompute, kShaderReadWrite);
    bind(pipeline.compute(cache, SplatPipeline::Compute::Scan), set);
    vkCmdDispatch(commands, 1, 1, 1);
    memoryBarrier(commands, kCompute, VK_ACCESS_SHADER_WRITE_BIT, kCompute, kShaderReadWrite);
    bind(pipeline.compute(cache, SplatPipeline::Compute::Scatter), set);
    vkCmdDispatch(commands, blocks, 1, 1);
    memoryBarrier(commands, kCompute, VK_ACCESS_SHADER_WRITE_BIT, kCompute, kShaderReadWrite);
  }
  cloud.sorted = count;
  if (!readback) return;
  const VkDeviceSize keyBytes = VkDeviceSize{count} * sizeof(std::uint32_t);
  if (cloud.readback.size() < 2 * keyBytes + sizeof(SplatDrawArgs)) {
    frame.disposer.dispose(cloud.lastUse, std::move(cloud.readback));
    cloud.readback = GpuBuffer(device, 2 * keyBytes + sizeof(SplatDrawArgs), VK_BUFFER_USAGE_TRANSFER_DST_BIT, true,
                               "splat sort readback");
  }
  memoryBarrier(commands, kCompute, VK_ACCESS_SHADER_WRITE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT,
                VK_ACCESS_TRANSFER_READ_BIT);
  const VkBufferCopy keys{0, 0, keyBytes}, indices{0, keyBytes, keyBytes}, args{0, 2 * keyBytes, sizeof(SplatDrawArgs)};
  vkCmdCopyBuffer(commands, gpu.keys(), cloud.readback.handle(), 1, &keys);
  vkCmdCopyBuffer(commands, gpu.indices(), cloud.readback.handle(), 1, &indices);
  vkCmdCopyBuffer(commands, gpu.drawArgs(), cloud.readback.handle(), 1, &args);
  memoryBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_HOST_BIT,
                VK_ACCESS_HOST_READ_BIT);
  cloud.readbackCount = count;
}

SplatLayer::SplatLayer(const Device& device) : impl_(std::make_unique<Impl>(device)) {}
SplatLayer::~SplatLayer() = default;

SplatLayer::CloudId SplatLayer::add(std::shared_ptr<const scenes::SplatCloud> cloud, const glm::mat4& cloudToStage) {
  if (!cloud) throw std::invalid_argument("SplatLayer::add: a null cloud");
  checkSplatCloudFits(impl_->device, *cloud);
  const CloudId id = impl_->nextId++;
  Impl::Cloud& c = impl_->clouds[id];
  c.pending = std::move(cloud);
  c.cloudToStage = cloudToStage;
  return id;
}

void SplatLayer::replace(CloudId id, std::shared_ptr<const scenes::SplatCloud> cloud) {
  if (!cloud) throw std::invalid_argument("SplatLayer::replace: a null cloud");
  checkSplatCloudFits(impl_->device, *cloud);
  impl_->at(id).pending = std::move(cloud);
}

void SplatLayer::remove(CloudId id) {
  auto it = impl_->clouds.find(id);
  if (it == impl_->clouds.end()) return;
  // Frames that drew it may still be on the GPU: its buffers wait for the last of them there.
  if (it->second.gpu) impl_->stats.gpuBytes -= it->second.gpu->bytes();
  impl_->removals.push_back({it->second.lastUse, std::move(it->second.gpu), std::move(it->second.readback)});
  impl_->clouds.erase(it);
}

void SplatLayer::setTransform(CloudId id, const glm::mat4& cloudToStage) { impl_->at(id).cloudToStage = cloudToStage; }
void SplatLayer::setVisible(CloudId id, bool visible) { impl_->at(id).visible = visible; }
std::size_t SplatLayer::cloudCount() const { return impl_->clouds.size(); }
bool SplatLayer::timesItsWork() const { return impl_->clock.available(); }

SplatLayer::Stats SplatLayer::stats() const {
  Stats out = impl_->stats;
  out.timing = impl_->clock.latest();
  return out;
}

SplatLayer::SortReadback SplatLayer::sortReadback(CloudId id) const {
  SortReadback out;
  const Impl::Cloud& c = impl_->at(id);
  if (c.readbackCount == 0 || c.readback.mapped() == nullptr) return out;
  const std::size_t n = c.readbackCount;
  out.keys.resize(n);
  out.indices.resize(n);
  std::memcpy(out.keys.data(), c.readback.mapped(), n * sizeof(std::uint32_t));
  std::memcpy(out.indices.data(), c.readback.mapped() + n * sizeof(std::uint32_t), n * sizeof(std::uint32_t));
  SplatDrawArgs args;
  std::memcpy(&args, c.readback.mapped() + 2 * n * sizeof(std::uint32_t), sizeof args);
  out.visible = args.instanceCount;
  return out;
}

void SplatLayer::prepare(FrameRecording& frame, std::span<const EyePass> eyes) {
  Impl& s = *impl_;
  const VkCommandBuffer commands = frame.commands;
  const bool readback = readbackRequested_;
  readbackRequested_ = false;
  for (auto& removal : s.removals) frame.disposer.dispose(removal.lastUse, std::move(removal));
  s.removals.clear();
  s.dropStale(frame);
  s.order.clear();
  s.stats.sorted = 0;
  s.stats.clouds = 0;

  // The eyes sorted for: those that show a view (not a whole-sphere image), up to kMaxEyes.
  std::vector<const EyePass*> sortEyes;
  s.eyeSlots.assign(eyes.size(), -1);
  for (const EyePass& eye : eyes) {
    if (eye.wholeSphere || eye.images.depth == VK_NULL_HANDLE) continue;
    if (sortEyes.size() == kMaxEyes) {
      if (!s.warnedEyes) spdlog::warn("splats: a frame of more than {} eyes; the others show no splats", kMaxEyes);
      s.warnedEyes = true;
      continue;
    }
    s.eyeSlots[eye.index] = static_cast<int>(sortEyes.size());
    sortEyes.push_back(&eye);
  }

  for (auto& [id, cloud] : s.clouds)
    if (cloud.pending) s.upload(frame, cloud);
  if (sortEyes.empty()) return;

  // One sort for every eye, from their centre along their mean forward axis.
  glm::vec3 origin(0.0f), forward(0.0f);
  for (const EyePass* eye : sortEyes) {
    const glm::mat4 eyeToStage = glm::inverse(eye->camera.viewMatrix());
    origin += glm::vec3(eyeToStage[3]);
    forward -= glm::vec3(eyeToStage[2]);
  }
  origin /= static_cast<float>(sortEyes.size());
  forward = glm::length(forward) > 0.0f ? glm::normalize(forward) : glm::vec3(0.0f, 0.0f, -1.0f);

  std::uint64_t total = 0;
  for (auto& [id, cloud] : s.clouds)
    if (cloud.visible && cloud.gpu) total += cloud.gpu->count();
  if (total == 0) return;
  const double share = budget_ > 0 && total > budget_ ? static_cast<double>(budget_) / static_cast<double>(total) : 1.0;

  // Frames before this one may still read the constants and the draw arguments.
  memoryBarrier(commands,
                VK_PIPELINE_STAGE_VERTEX_SHADER_BIT | VK_PIPELINE_STAGE_DRAW_INDIRECT_BIT | kCompute |
                    VK_PIPELINE_STAGE_TRANSFER_BIT,
                0, VK_PIPELINE_STAGE_TRANSFER_BIT, 0);
  std::vector<std::pair<float, Impl::Cloud*>> byDistance;
  for (auto& [id, cloud] : s.clouds) {
    if (!cloud.visible || !cloud.gpu) continue;
    const SplatGpuCloud& gpu = *cloud.gpu;
    const auto count = static_cast<std::uint32_t>(
        std::min<std::uint64_t>(gpu.count(), static_cast<std::uint64_t>(static_cast<double>(gpu.count()) * share)));
    if (count == 0) continue;
    SplatFrameConstants constants{};
    const glm::mat4 stageToCloud = glm::inverse(cloud.cloudToStage);
    for (std::size_t e = 0; e < sortEyes.size(); ++e) {
      const EyePass& eye = *sortEyes[e];
      const EyeCamera& camera = eye.camera;
      SplatEyeData& data = constants.eyes[e];
      data.cloudToEye = camera.viewMatrix() * cloud.cloudToStage;
      data.tanFov = camera.tanFov();
      data.projection = glm::vec4(static_cast<float>(eye.extent.width), static_cast<float>(eye.extent.height),
                                  camera.projection()[2][2], camera.projection()[3][2]);
      const glm::vec3 eyeInStage = glm::vec3(glm::inverse(camera.viewMatrix())[3]);
      data.position = stageToCloud * glm::vec4(eyeInStage, 1.0f);
    }
    constants.cloudToStage = cloud.cloudToStage;
    constants.sortOrigin = glm::vec4(origin, 1.0f);
    constants.sortForward = glm::vec4(forward, 0.0f);
    constants.counts = glm::uvec4(count, static_cast<std::uint32_t>(sortEyes.size()),
                                  static_cast<std::uint32_t>(gpu.shDegree()), gpu.colourFloats());
    constants.cull = glm::vec4(sortEyes.front()->camera.nearM(), largestAxisScale(cloud.cloudToStage), 0.0f, 0.0f);
    vkCmdUpdateBuffer(commands, gpu.constants(), 0, sizeof constants, &constants);
    const SplatDrawArgs args;
    vkCmdUpdateBuffer(commands, gpu.drawArgs(), 0, sizeof args, &args);
    cloud.sorted = count;
    cloud.lastUse = frame.serial;
    const scenes::SplatBounds& b = gpu.bounds();
    const glm::vec3 centre = glm::vec3(cloud.cloudToStage * glm::vec4(0.5f * (b.min + b.max), 1.0f));
    byDistance.emplace_back(glm::dot(centre - origin, forward), &cloud);
  }
  memoryBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT, kCompute,
                VK_ACCESS_UNIFORM_READ_BIT | kShaderReadWrite);
  for (auto& [distance, cloud] : byDistance) s.stats.sorted += cloud->sorted;
  s.clock.begin(commands, frame.serial, frame.completed, s.stats.sorted);
  s.clock.start(commands, frame.serial);
  for (auto& [distance, cloud] : byDistance) s.sort(frame, *cloud, cloud->sorted, readback);
  s.clock.stop(commands, frame.serial);
  memoryBarrier(commands, kCompute, VK_ACCESS_SHADER_WRITE_BIT,
                VK_PIPELINE_STAGE_VERTEX_SHADER_BIT | VK_PIPELINE_STAGE_DRAW_INDIRECT_BIT,
                VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_UNIFORM_READ_BIT | VK_ACCESS_INDIRECT_COMMAND_READ_BIT);
  std::stable_sort(byDistance.begin(), byDistance.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (auto& [distance, cloud] : byDistance) s.order.push_back(cloud);
  s.stats.clouds = s.order.size();
}

void SplatLayer::record(FrameRecording& frame, const EyePass& eye) {
  Impl& s = *impl_;
  if (s.order.empty() || eye.index >= s.eyeSlots.size() || s.eyeSlots[eye.index] < 0) return;
  const VkCommandBuffer commands = frame.commands;
  Impl::Accumulation& accumulation = s.accumulation(eye.extent, eye.index, frame.serial);
  s.clock.start(commands, frame.serial);
  const bool encoded = eye.images.encoded != VK_NULL_HANDLE;
  const VkImageView colorView = encoded ? eye.images.encoded : eye.images.color;
  const VkFormat colorFormat = encoded ? eye.images.encodedFormat : eye.images.colorFormat;

  // The accumulation image's last reader was the previous resolve.
  recordTransition(commands, {accumulation.image.handle(), 0, 1, VK_IMAGE_LAYOUT_UNDEFINED,
                              VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT, 0,
                              VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT});

  std::array<VkRenderingAttachmentInfo, 2> colors{};
  for (auto& c : colors) {
    c.sType = VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO;
    c.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    c.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  }
  colors[0].imageView = colorView;
  colors[0].loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;
  colors[1].imageView = accumulation.image.view();
  colors[1].loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  colors[1].clearValue.color = {{0.0f, 0.0f, 0.0f, 0.0f}};
  VkRenderingAttachmentInfo depth{};
  depth.sType = VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO;
  depth.imageView = eye.images.depth;
  depth.imageLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
  depth.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;
  depth.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  VkRenderingInfo rendering{};
  rendering.sType = VK_STRUCTURE_TYPE_RENDERING_INFO;
  rendering.renderArea = {{0, 0}, eye.extent};
  rendering.layerCount = 1;
  rendering.colorAttachmentCount = 2;
  rendering.pColorAttachments = colors.data();
  rendering.pDepthAttachment = &depth;
  const VkViewport viewport{0.0f, 0.0f, static_cast<float>(eye.extent.width), static_cast<float>(eye.extent.height),
                            0.0f, 1.0f};
  const VkRect2D scissor{{0, 0}, eye.extent};

  vkCmdBeginRendering(commands, &rendering);
  vkCmdSetViewport(commands, 0, 1, &viewport);
  vkCmdSetScissor(commands, 0, 1, &scissor);
  vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_GRAPHICS,
                    s.pipeline.draw(frame.pipelines.handle(), colorFormat, eye.depthFormat));
  const SplatDrawPush push{static_cast<std::uint32_t>(s.eyeSlots[eye.index]), isSrgbFormat(colorFormat) ? 1u : 0u};
  for (Impl::Cloud* cloud : s.order) {
    const VkDescriptorSet set = cloud->gpu->set(0);  // reads buffer A: the sort's result
    vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, s.pipeline.cloudLayout(), 0, 1, &set, 0,
                            nullptr);
    vkCmdPushConstants(commands, s.pipeline.cloudLayout(), VK_SHADER_STAGE_COMPUTE_BIT | VK_SHADER_STAGE_VERTEX_BIT, 0,
                       sizeof push, &push);
    vkCmdDrawIndirect(commands, cloud->gpu->drawArgs(), 0, 1, sizeof(SplatDrawArgs));
  }
  vkCmdEndRendering(commands);

  // The accumulation to the resolve's sampler; the depth read by the splats' tests, then written.
  ImageTransition toRead{accumulation.image.handle(), 0, 1, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                         VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
                         VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT,
                         VK_ACCESS_SHADER_READ_BIT};
  recordTransition(commands, toRead);
  constexpr VkPipelineStageFlags kDepthStages =
      VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
  memoryBarrier(commands, kDepthStages, 0, kDepthStages, 0);

  rendering.colorAttachmentCount = 0;
  rendering.pColorAttachments = nullptr;
  vkCmdBeginRendering(commands, &rendering);
  vkCmdSetViewport(commands, 0, 1, &viewport);
  vkCmdSetScissor(commands, 0, 1, &scissor);
  vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_GRAPHICS,
                    s.pipeline.resolve(frame.pipelines.handle(), eye.depthFormat));
  vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, s.pipeline.resolveLayout(), 0, 1,
                          &accumulation.set, 0, nullptr);
  const SplatResolvePush resolve{glm::vec4(0.0f, 0.0f, eye.camera.projection()[2][2], eye.camera.projection()[3][2])};
  vkCmdPushConstants(commands, s.pipeline.resolveLayout(), VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof resolve, &resolve);
  vkCmdDraw(commands, 3, 1, 0, 0);
  vkCmdEndRendering(commands);
  s.clock.stop(commands, frame.serial);
}

}  // namespace ps::engine
