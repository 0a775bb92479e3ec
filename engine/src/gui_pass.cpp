#include "engine/gui_pass.h"

#include <imgui.h>
#include <imgui_impl_vulkan.h>
#include <spdlog/spdlog.h>

#include <array>
#include <cfloat>
#include <cmath>
#include <deque>
#include <map>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <utility>
#include <vector>

#include "engine/device.h"
#include "engine/offscreen_target.h"
#include "engine/srgb_format.h"
#include "engine/vk_check.h"
#include "gui_picture.h"
#include "vk_util.h"

namespace ps::engine {

namespace {

// The backend reports its own Vulkan results through a plain function pointer (no user
// data), so this cannot carry a location; it logs and throws like PS_VK_CHECK.
void checkBackendResult(VkResult result) {
  if (result < 0) throwVulkanError(result, "Dear ImGui Vulkan backend", __FILE__, __LINE__);
}

// Makes a context current for a scope and restores the one before: no global "current"
// leaks from one pass into another.
class CurrentContext {
 public:
  explicit CurrentContext(ImGuiContext* context) : previous_(ImGui::GetCurrentContext()) {
    ImGui::SetCurrentContext(context);
  }
  ~CurrentContext() { ImGui::SetCurrentContext(previous_); }
  CurrentContext(const CurrentContext&) = delete;
  CurrentContext& operator=(const CurrentContext&) = delete;

 private:
  ImGuiContext* previous_;
};

using PassKey = std::tuple<ImGuiLoad, VkImageLayout, VkImageLayout>;

}  // namespace

struct ImGuiPass::Impl {
  const Device* device;
  ImGuiPassOptions options;
  ImGuiContext* context = nullptr;
  bool backendReady = false;
  VkDescriptorPool descriptorPool = VK_NULL_HANDLE;
  std::map<PassKey, VkRenderPass> renderPasses;  // all compatible: same format, one subpass

  struct Slot {
    VkCommandPool pool = VK_NULL_HANDLE;
    VkCommandBuffer commands = VK_NULL_HANDLE;
    VkFence fence = VK_NULL_HANDLE;
    VkFramebuffer framebuffer = VK_NULL_HANDLE;  // of the slot's last draw; freed when it has finished
  };
  std::vector<Slot> slots;
  std::uint64_t drawn = 0;

  // The picture and where this frame shows it; the recording state its draw-list callback needs.
  std::optional<ImGuiPicture> picture;
  struct PictureDraw {
    Impl* impl;
    PictureCorners corners;
  };
  std::deque<PictureDraw> pictureDraws;  // stable addresses: the draw list keeps pointers to them
  VkCommandBuffer recording = VK_NULL_HANDLE;
  VkRenderPass recordingPass = VK_NULL_HANDLE;
  VkExtent2D recordingExtent{};
  VkExtent2D currentExtent{};  // of the target being built, for picture()'s pixels
  std::optional<GuiInput> input;    // for the next frame
  std::vector<int> keysHeld;        // ImGui key indices pressed last frame: released this one
  bool mouseWasDown = false;
  bool wantsPointer = false, wantsKeyboard = false;

  // Our keys in ImGui 1.86's KeysDown[] (its key map points at these indices).
  static int keyIndex(GuiKey k) { return static_cast<int>(k) + 1; }

  void feedInput() {
    ImGuiIO& io = ImGui::GetIO();
    for (int k : keysHeld) io.KeysDown[k] = false;
    keysHeld.clear();
    if (!input) return;
    const GuiInput& in = *input;
    io.MousePos = in.pointer ? ImVec2(in.pointer->x, in.pointer->y) : ImVec2(-FLT_MAX, -FLT_MAX);
    // A press and release between two frames must still be seen as a click: down this frame.
    io.MouseDown[0] = in.pointerDown || (in.pointerPressed && !mouseWasDown);
    mouseWasDown = io.MouseDown[0];
    io.MouseWheel = in.wheel;
    io.KeyCtrl = in.ctrl;
    io.KeyShift = in.shift;
    for (const GuiKeyPress& p : in.keys) {
      io.KeysDown[keyIndex(p.key)] = true;
      keysHeld.push_back(keyIndex(p.key));
      io.KeyCtrl = io.KeyCtrl || p.ctrl;
      io.KeyShift = io.KeyShift || p.shift;
    }
    for (char32_t c : in.text) io.AddInputCharacter(static_cast<unsigned>(c));
    input.reset();
  }
  std::uint32_t recordingSlot = 0;

  static void drawPicture(const ImDrawList*, const ImDrawCmd* cmd) {
    const auto* d = static_cast<const PictureDraw*>(cmd->UserCallbackData);
    Impl& s = *d->impl;
    s.picture->recordDraw(s.recording, s.recordingPass, s.recordingExtent, s.recordingSlot, d->corners);
  }

  VkDevice vk() const { return device->device(); }

  VkRenderPass renderPass(ImGuiLoad load, VkImageLayout before, VkImageLayout after) {
    // Drawing over contents needs them in a defined layout; clearing discards them.
    if (load == ImGuiLoad::Clear) before = VK_IMAGE_LAYOUT_UNDEFINED;
    const PassKey key{load, before, after};
    if (auto it = renderPasses.find(key); it != renderPasses.end()) return it->second;
    VkAttachmentDescription colour{};
    colour.format = options.format;
    colour.samples = VK_SAMPLE_COUNT_1_BIT;
    colour.loadOp = load == ImGuiLoad::Clear ? VK_ATTACHMENT_LOAD_OP_CLEAR : VK_ATTACHMENT_LOAD_OP_LOAD;
    colour.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    colour.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    colour.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    colour.initialLayout = before;
    colour.finalLayout = after;
    VkAttachmentReference ref{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
    VkSubpassDescription subpass{};
    subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
    subpass.colorAttachmentCount = 1;
    subpass.pColorAttachments = &ref;
    // In: after the view's pass (or a readback copy) that touched the image earlier on the
    // queue. Out: before whatever samples, copies or presents it next.
    std::array<VkSubpassDependency, 2> deps{};
    deps[0].srcSubpass = VK_SUBPASS_EXTERNAL;
    deps[0].dstSubpass = 0;
    deps[0].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
    deps[0].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    deps[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[0].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    deps[1].srcSubpass = 0;
    deps[1].dstSubpass = VK_SUBPASS_EXTERNAL;
    deps[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    deps[1].dstStageMask = VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT |
                           VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[1].dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_TRANSFER_READ_BIT |
                            VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    VkRenderPassCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO;
    info.attachmentCount = 1;
    info.pAttachments = &colour;
    info.subpassCount = 1;
    info.pSubpasses = &subpass;
    info.dependencyCount = static_cast<std::uint32_t>(deps.size());
    info.pDependencies = deps.data();
    VkRenderPass pass = VK_NULL_HANDLE;
    PS_VK_CHECK(vkCreateRenderPass(vk(), &info, nullptr, &pass));
    device->setName(pass, VK_OBJECT_TYPE_RENDER_PASS, options.name + " render pass");
    renderPasses.emplace(key, pass);
    return pass;
  }

  void createSlots() {
    slots.resize(options.framesInFlight);
    for (std::size_t i = 0; i < slots.size(); ++i) {
      Slot& slot = slots[i];
      VkCommandPoolCreateInfo poolInfo{};
      poolInfo.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
      poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
      poolInfo.queueFamilyIndex = device->queueFamily();
      PS_VK_CHECK(vkCreateCommandPool(vk(), &poolInfo, nullptr, &slot.pool));
      device->setName(slot.pool, VK_OBJECT_TYPE_COMMAND_POOL, options.name + " commands " + std::to_string(i));
      VkCommandBufferAllocateInfo alloc{};
      alloc.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
      alloc.commandPool = slot.pool;
      alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
      alloc.commandBufferCount = 1;
      PS_VK_CHECK(vkAllocateCommandBuffers(vk(), &alloc, &slot.commands));
      VkFenceCreateInfo fenceInfo{};
      fenceInfo.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
      fenceInfo.flags = VK_FENCE_CREATE_SIGNALED_BIT;
      PS_VK_CHECK(vkCreateFence(vk(), &fenceInfo, nullptr, &slot.fence));
      device->setName(slot.fence, VK_OBJECT_TYPE_FENCE, options.name + " fence " + std::to_string(i));
    }
  }

  // Waits for the slot's previous frame, then frees what only it used.
  Slot& reuse(Slot& slot) {
    PS_VK_CHECK(vkWaitForFences(vk(), 1, &slot.fence, VK_TRUE, UINT64_MAX));
    if (slot.framebuffer != VK_NULL_HANDLE) vkDestroyFramebuffer(vk(), slot.framebuffer, nullptr);
    slot.framebuffer = VK_NULL_HANDLE;
    PS_VK_CHECK(vkResetCommandPool(vk(), slot.pool, 0));
    return slot;
  }

  void begin(VkCommandBuffer commands) {
    VkCommandBufferBeginInfo begin{};
    begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    PS_VK_CHECK(vkBeginCommandBuffer(commands, &begin));
  }

  void submit(Slot& slot, const SubmitSync& sync) {
    PS_VK_CHECK(vkResetFences(vk(), 1, &slot.fence));
    submitCommands(device->queue(), slot.commands, slot.fence, sync);
  }

  void initBackend() {
    std::array<VkDescriptorPoolSize, 1> sizes{{{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 4}}};
    VkDescriptorPoolCreateInfo poolInfo{};
    poolInfo.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
    poolInfo.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
    poolInfo.maxSets = 4;
    poolInfo.poolSizeCount = static_cast<std::uint32_t>(sizes.size());
    poolInfo.pPoolSizes = sizes.data();
    PS_VK_CHECK(vkCreateDescriptorPool(vk(), &poolInfo, nullptr, &descriptorPool));
    device->setName(descriptorPool, VK_OBJECT_TYPE_DESCRIPTOR_POOL, options.name + " descriptors");

    ImGui_ImplVulkan_InitInfo info{};
    info.Instance = device->instance();
    info.PhysicalDevice = device->physicalDevice();
    info.Device = vk();
    info.QueueFamily = device->queueFamily();
    info.Queue = device->queue();
    info.DescriptorPool = descriptorPool;
    info.MinImageCount = std::max<std::uint32_t>(2, options.framesInFlight);
    info.ImageCount = info.MinImageCount;  // the backend's vertex buffers cycle with our slots
    info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
    info.CheckVkResultFn = checkBackendResult;
    // Any of this pass's render passes will do: they are all compatible.
    if (!ImGui_ImplVulkan_Init(&info, renderPass(ImGuiLoad::Clear, VK_IMAGE_LAYOUT_UNDEFINED,
                                                 VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL)))
      throw std::runtime_error("Dear ImGui's Vulkan backend did not initialise");
    backendReady = true;

    // The font atlas, uploaded once and waited for: construction is not in the frame loop.
    Slot& slot = reuse(slots[0]);
    begin(slot.commands);
    ImGui_ImplVulkan_CreateFontsTexture(slot.commands);
    submit(slot, {});
    PS_VK_CHECK(vkWaitForFences(vk(), 1, &slot.fence, VK_TRUE, UINT64_MAX));
    ImGui_ImplVulkan_DestroyFontUploadObjects();
  }

  void destroy() noexcept {
    for (Slot& slot : slots) {
      if (slot.fence != VK_NULL_HANDLE) (void)vkWaitForFences(vk(), 1, &slot.fence, VK_TRUE, UINT64_MAX);
    }
    picture.reset();
    if (context != nullptr) {
      CurrentContext current(context);
      if (backendReady) ImGui_ImplVulkan_Shutdown();
      ImGui::DestroyContext(context);
      context = nullptr;
    }
    for (Slot& slot : slots) {
      if (slot.framebuffer != VK_NULL_HANDLE) vkDestroyFramebuffer(vk(), slot.framebuffer, nullptr);
      if (slot.fence != VK_NULL_HANDLE) vkDestroyFence(vk(), slot.fence, nullptr);
      if (slot.pool != VK_NULL_HANDLE) vkDestroyCommandPool(vk(), slot.pool, nullptr);
    }
    slots.clear();
    for (auto& [key, pass] : renderPasses) vkDestroyRenderPass(vk(), pass, nullptr);
    renderPasses.clear();
    if (descriptorPool != VK_NULL_HANDLE) vkDestroyDescriptorPool(vk(), descriptorPool, nullptr);
    descriptorPool = VK_NULL_HANDLE;
  }
};

ImGuiPass::ImGuiPass(const Device& device, const ImGuiPassOptions& options) : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.device = &device;
  s.options = options;
  if (s.options.framesInFlight < 2) s.options.framesInFlight = 2;  // the backend needs two buffer sets
  try {
    // CreateContext makes the new context current when none is: put the caller's back.
    ImGuiContext* const previous = ImGui::GetCurrentContext();
    s.context = ImGui::CreateContext();
    ImGui::SetCurrentContext(previous);
    CurrentContext current(s.context);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a panel has no layout to remember: never write imgui.ini
    io.LogFilename = nullptr;
    const std::pair<ImGuiKey_, GuiKey> keys[] = {
        {ImGuiKey_Backspace, GuiKey::Backspace}, {ImGuiKey_Delete, GuiKey::Delete}, {ImGuiKey_Enter, GuiKey::Enter},
        {ImGuiKey_Tab, GuiKey::Tab},           {ImGuiKey_LeftArrow, GuiKey::Left}, {ImGuiKey_RightArrow, GuiKey::Right},
        {ImGuiKey_UpArrow, GuiKey::Up},        {ImGuiKey_DownArrow, GuiKey::Down}, {ImGuiKey_Home, GuiKey::Home},
        {ImGuiKey_End, GuiKey::End},           {ImGuiKey_Escape, GuiKey::Escape},  {ImGuiKey_A, GuiKey::A},
        {ImGuiKey_C, GuiKey::C},               {ImGuiKey_V, GuiKey::V},            {ImGuiKey_X, GuiKey::X},
        {ImGuiKey_Y, GuiKey::Y},               {ImGuiKey_Z, GuiKey::Z}};
    for (const auto& [imgui, ours] : keys) io.KeyMap[imgui] = Impl::keyIndex(ours);
    if (isSrgbFormat(s.options.format)) {
      // Widget colours are designed as sRGB bytes; an sRGB target encodes what it is given.
      ImGuiStyle& style = ImGui::GetStyle();
      for (ImVec4& c : style.Colors)
        for (float* v : {&c.x, &c.y, &c.z}) *v = *v <= 0.04045f ? *v / 12.92f : std::pow((*v + 0.055f) / 1.055f, 2.4f);
    }
    if (io.Fonts->AddFontFromFileTTF(s.options.fontFile.c_str(), s.options.fontPixels) == nullptr)
      throw std::runtime_error("cannot read the font " + s.options.fontFile.string());
    s.createSlots();
    s.initBackend();
    s.picture.emplace(device, s.options.framesInFlight,
                      isSrgbFormat(s.options.format) ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM,
                      s.options.name + " picture");
  } catch (...) {
    s.destroy();
    throw;
  }
}

ImGuiPass::~ImGuiPass() { impl_->destroy(); }

void ImGuiPass::draw(const RenderTarget& target, ImGuiLoad load, const std::function<void()>& build,
                     const SubmitSync& sync, const OffscreenTarget* readback) {
  Impl& s = *impl_;
  if (target.format != s.options.format)
    throw std::invalid_argument("ImGuiPass: the target's format is not the one the pass was made for");
  CurrentContext current(s.context);
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(target.extent.width), static_cast<float>(target.extent.height));
  io.DeltaTime = 1.0f / 60;  // nothing animates: ImGui only asks that it be positive
  s.feedInput();
  ImGui_ImplVulkan_NewFrame();
  ImGui::NewFrame();
  s.pictureDraws.clear();
  s.currentExtent = target.extent;
  build();
  ImGui::Render();
  s.wantsPointer = io.WantCaptureMouse;
  s.wantsKeyboard = io.WantTextInput;

  const auto slotIndex = static_cast<std::uint32_t>(s.drawn % s.slots.size());
  Impl::Slot& slot = s.reuse(s.slots[slotIndex]);
  const VkRenderPass pass = s.renderPass(load, target.layoutBefore, target.layoutAfter);
  VkFramebufferCreateInfo fbInfo{};
  fbInfo.sType = VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO;
  fbInfo.renderPass = pass;
  fbInfo.attachmentCount = 1;
  fbInfo.pAttachments = &target.view;
  fbInfo.width = target.extent.width;
  fbInfo.height = target.extent.height;
  fbInfo.layers = 1;
  PS_VK_CHECK(vkCreateFramebuffer(s.vk(), &fbInfo, nullptr, &slot.framebuffer));

  s.begin(slot.commands);
  if (!s.pictureDraws.empty()) s.picture->recordUpload(slot.commands, slotIndex);
  VkClearValue clear{};
  VkRenderPassBeginInfo rp{};
  rp.sType = VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO;
  rp.renderPass = pass;
  rp.framebuffer = slot.framebuffer;
  rp.renderArea.extent = target.extent;
  rp.clearValueCount = 1;
  rp.pClearValues = &clear;
  vkCmdBeginRenderPass(slot.commands, &rp, VK_SUBPASS_CONTENTS_INLINE);
  s.recording = slot.commands;
  s.recordingPass = pass;
  s.recordingExtent = target.extent;
  s.recordingSlot = slotIndex;
  ImGui_ImplVulkan_RenderDrawData(ImGui::GetDrawData(), slot.commands);
  vkCmdEndRenderPass(slot.commands);
  if (readback != nullptr) readback->recordReadback(slot.commands);
  s.submit(slot, sync);
  ++s.drawn;
}

void ImGuiPass::setPicture(const std::uint8_t* rgba, std::uint32_t width, std::uint32_t height) {
  impl_->picture->set(rgba, width, height);
}

void ImGuiPass::picture(float x0, float y0, float x1, float y1) {
  // Target pixels to clip coordinates (w = 1: no perspective); recordDraw knows the extent.
  const VkExtent2D e = impl_->currentExtent;
  const float w = static_cast<float>(e.width), h = static_cast<float>(e.height);
  if (w == 0 || h == 0) return;
  const auto clip = [&](float x, float y) { return glm::vec4(x / w * 2 - 1, y / h * 2 - 1, 0, 1); };
  pictureQuad({clip(x0, y0), clip(x1, y0), clip(x0, y1), clip(x1, y1)});
}

void ImGuiPass::pictureQuad(const PictureCorners& clipCorners) {
  Impl& s = *impl_;
  if (s.picture->empty()) return;
  s.pictureDraws.push_back({&s, clipCorners});
  ImDrawList& list = *ImGui::GetBackgroundDrawList();
  list.AddCallback(&Impl::drawPicture, &s.pictureDraws.back());
  // The backend binds its own pipeline and buffers again for what follows.
  list.AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void ImGuiPass::setInput(const GuiInput& input) { impl_->input = input; }
bool ImGuiPass::wantsPointer() const { return impl_->wantsPointer; }
bool ImGuiPass::wantsKeyboard() const { return impl_->wantsKeyboard; }

void ImGuiPass::wait() {
  Impl& s = *impl_;
  if (s.drawn == 0) return;
  Impl::Slot& last = s.slots[(s.drawn - 1) % s.slots.size()];
  PS_VK_CHECK(vkWaitForFences(s.vk(), 1, &last.fence, VK_TRUE, UINT64_MAX));
}

}  // namespace ps::engine
