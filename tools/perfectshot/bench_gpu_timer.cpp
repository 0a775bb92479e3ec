#include "bench_gpu_timer.h"

#include <chrono>
#include <span>
#include <vector>

#include "bench_common.h"
#include "engine/eye_camera.h"
#include "engine/vk_check.h"

namespace ps::tools {

GpuTimer::GpuTimer(const engine::Device& device) : device_(device) {
  std::uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(device.physicalDevice(), &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(device.physicalDevice(), &count, families.data());
  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(device.physicalDevice(), &properties);
  if (families[device.queueFamily()].timestampValidBits == 0) return;
  period_ = properties.limits.timestampPeriod;
  VkQueryPoolCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO;
  info.queryType = VK_QUERY_TYPE_TIMESTAMP;
  info.queryCount = 2;
  PS_VK_CHECK(vkCreateQueryPool(device.device(), &info, nullptr, &pool_));
}

GpuTimer::~GpuTimer() {
  if (pool_ != VK_NULL_HANDLE) vkDestroyQueryPool(device_.device(), pool_, nullptr);
}

void GpuTimer::begin(VkCommandBuffer commands) const {
  if (!available()) return;
  vkCmdResetQueryPool(commands, pool_, 0, 2);
  vkCmdWriteTimestamp(commands, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, pool_, 0);
}

void GpuTimer::end(VkCommandBuffer commands) const {
  if (available()) vkCmdWriteTimestamp(commands, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, pool_, 1);
}

double GpuTimer::milliseconds() const {
  std::uint64_t ticks[2] = {};
  PS_VK_CHECK(vkGetQueryPoolResults(device_.device(), pool_, 0, 2, sizeof ticks, ticks, sizeof(std::uint64_t),
                                    VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT));
  return static_cast<double>(ticks[1] - ticks[0]) * period_ * 1e-6;
}

Timing measureEye(int frames, engine::FrameContext& context, engine::FrameRenderer& renderer,
                  const engine::OffscreenTarget& target, const GpuTimer& timer, engine::Layer* layer) {
  engine::View view;
  view.position = {0.0f, kEyeHeight, 0.0f};
  view.fov = engine::symmetricFov(90, 90);
  const engine::EyeDraw eye{Eye::Left, engine::EyeCamera(view), target.target(), false};
  return measureEyes(frames, context, renderer, std::span(&eye, 1), timer, layer);
}

Timing measureEyes(int frames, engine::FrameContext& context, engine::FrameRenderer& renderer,
                   std::span<const engine::EyeDraw> eyes, const GpuTimer& timer, engine::Layer* layer) {
  std::vector<engine::Layer*> layers;
  if (layer != nullptr) layers.push_back(layer);
  std::vector<double> gpu, wall;
  for (int i = 0; i < frames + 2; ++i) {  // the first two pay for the upload and the pipelines
    engine::FrameRecording& frame = context.begin();
    timer.begin(frame.commands);
    renderer.record(frame, eyes, layers);
    timer.end(frame.commands);
    const std::uint64_t serial = frame.serial;
    const auto start = std::chrono::steady_clock::now();
    context.submit();
    context.wait(serial);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (i < 2) continue;
    wall.push_back(ms);
    if (timer.available()) gpu.push_back(timer.milliseconds());
  }
  Timing t;
  t.wallMs = median(wall);
  t.gpuMs = timer.available() ? median(gpu) : t.wallMs;
  return t;
}

}  // namespace ps::tools
