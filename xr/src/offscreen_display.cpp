#include "xr/offscreen_display.h"

#include <chrono>
#include <limits>
#include <stdexcept>
#include <utility>

#include "engine/offscreen_target.h"
#include "engine/vk_check.h"

namespace ps::xr {

namespace {

// Commands that copy the read-back frames out, after the renderer's submit on the same queue
// (queue order plus the renderer's transition to TRANSFER_SRC make the copy wait for the draw).
class ReadbackCommands {
 public:
  explicit ReadbackCommands(const engine::Device& device) : device_(device) {
    VkCommandPoolCreateInfo pool{};
    pool.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
    pool.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pool.queueFamilyIndex = device.queueFamily();
    PS_VK_CHECK(vkCreateCommandPool(device.device(), &pool, nullptr, &pool_));
    device.setName(pool_, VK_OBJECT_TYPE_COMMAND_POOL, "offscreen readback");
    VkCommandBufferAllocateInfo alloc{};
    alloc.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    alloc.commandPool = pool_;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    PS_VK_CHECK(vkAllocateCommandBuffers(device.device(), &alloc, &commands_));
    VkFenceCreateInfo fence{};
    fence.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
    PS_VK_CHECK(vkCreateFence(device.device(), &fence, nullptr, &fence_));
    device.setName(fence_, VK_OBJECT_TYPE_FENCE, "offscreen readback");
  }
  ReadbackCommands(const ReadbackCommands&) = delete;
  ReadbackCommands& operator=(const ReadbackCommands&) = delete;
  ~ReadbackCommands() {
    vkDestroyFence(device_.device(), fence_, nullptr);
    vkDestroyCommandPool(device_.device(), pool_, nullptr);
  }

  // Copies each target out and waits for it.
  void run(const std::vector<engine::OffscreenTarget>& targets) {
    PS_VK_CHECK(vkResetCommandBuffer(commands_, 0));
    VkCommandBufferBeginInfo begin{};
    begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    PS_VK_CHECK(vkBeginCommandBuffer(commands_, &begin));
    for (const auto& t : targets) t.recordReadback(commands_);
    PS_VK_CHECK(vkEndCommandBuffer(commands_));
    VkSubmitInfo submit{};
    submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &commands_;
    PS_VK_CHECK(vkResetFences(device_.device(), 1, &fence_));
    PS_VK_CHECK(vkQueueSubmit(device_.queue(), 1, &submit, fence_));
    PS_VK_CHECK(vkWaitForFences(device_.device(), 1, &fence_, VK_TRUE, std::numeric_limits<std::uint64_t>::max()));
  }

 private:
  const engine::Device& device_;
  VkCommandPool pool_ = VK_NULL_HANDLE;
  VkCommandBuffer commands_ = VK_NULL_HANDLE;
  VkFence fence_ = VK_NULL_HANDLE;
};

double steadySeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

struct OffscreenDisplay::Impl {
  OffscreenDisplayOptions options;
  engine::Device device;
  std::vector<engine::OffscreenTarget> targets;
  ReadbackCommands readback;
  std::vector<engine::RgbaImage> pixels;
  std::optional<std::uint64_t> pixelsIndex;
  InputActions queued;
  std::uint64_t next = 0;
  bool quit = false;

  Impl(const OffscreenDisplayOptions& o, engine::Device d) : options(o), device(std::move(d)), readback(device) {
    for (int e = 0; e < options.eyes; ++e)
      targets.emplace_back(device, options.width, options.height, e == 0 ? "offscreen left eye" : "offscreen right eye");
  }
};

OffscreenDisplay::OffscreenDisplay(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OffscreenDisplay::~OffscreenDisplay() = default;

Result<std::unique_ptr<OffscreenDisplay>> OffscreenDisplay::create(const OffscreenDisplayOptions& options) {
  if (options.eyes != 1 && options.eyes != 2) throw std::invalid_argument("OffscreenDisplay: eyes must be 1 or 2");
  auto device = engine::Device::create(options.device);
  if (!device) return device.error();
  return std::unique_ptr<OffscreenDisplay>(new OffscreenDisplay(std::make_unique<Impl>(options, std::move(*device))));
}

const engine::Device& OffscreenDisplay::device() const { return impl_->device; }

DisplayEvents OffscreenDisplay::poll() {
  DisplayEvents ev;
  ev.quit = impl_->quit;
  return ev;
}

std::optional<DisplayFrame> OffscreenDisplay::beginFrame() {
  Impl& s = *impl_;
  DisplayFrame frame;
  frame.index = s.next++;
  frame.period = s.options.step;
  frame.predictedDisplayTime =
      s.options.step > 0 ? s.options.startTime + static_cast<double>(frame.index) * s.options.step : steadySeconds();
  const engine::View view = s.options.view ? s.options.view(frame.index, frame.predictedDisplayTime)
                                           : engine::viewFromV360({0, 0, 0, 100, 62});
  for (std::size_t e = 0; e < s.targets.size(); ++e)
    frame.eyes.push_back({e == 0 ? Eye::Left : Eye::Right, view, s.targets[e].target()});
  return frame;
}

void OffscreenDisplay::endFrame(DisplayFrame& frame) {
  Impl& s = *impl_;
  if (!frame.submitted || !s.options.readBack || !s.options.readBack(frame.index)) return;
  s.readback.run(s.targets);
  s.pixels.clear();
  for (const auto& t : s.targets) s.pixels.push_back(t.pixels());
  s.pixelsIndex = frame.index;
}

InputActions OffscreenDisplay::input() { return std::exchange(impl_->queued, InputActions{}); }

void OffscreenDisplay::requestQuit() { impl_->quit = true; }

void OffscreenDisplay::queueInput(const InputActions& in) {
  InputActions& q = impl_->queued;
  addEdges(q, in);
  q.shuttle = in.shuttle;
  q.grabbing = in.grabbing;
  q.aim = in.aim;
}

const std::vector<engine::RgbaImage>& OffscreenDisplay::pixels() const { return impl_->pixels; }
std::optional<std::uint64_t> OffscreenDisplay::pixelsIndex() const { return impl_->pixelsIndex; }

}  // namespace ps::xr
