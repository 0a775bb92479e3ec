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
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "engine/device.h"
#include "engine/frame_context.h"
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

  // One set of the backend's vertex and index buffers (and the picture's texture): a draw
  // reuses the set of the draw `slots.size()` before it, once the frame that drew it has finished.
  struct Slot {
    FrameContext* context = nullptr;  // of the frame that last drew with this set; null: none
    std::uint64_t serial = 0;         // that frame
    VkFramebuffer framebuffer = VK_NULL_HANDLE;  // of the slot's last draw; freed when it has finished
  };
  std::vector<Slot> slots;
  std::uint64_t drawn = 0;
  // The frames of draw() (which submits on its own) and of the font upload.
  std::optional<FrameContext> ownFrames;

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

  void createSlots() { slots.resize(options.framesInFlight); }

  // Waits for the slot's previous frame, then frees what only it used. Throws when that frame
  // is the one being recorded (more draws in one frame than the pass has slots).
  Slot& reuse(Slot& slot, const FrameRecording& frame) {
    if (slot.context != nullptr) {
      if (slot.context->recording() && slot.serial > slot.context->lastSubmitted())
        throw std::logic_error("ImGuiPass: more draws in one frame than its framesInFlight (" +
                               std::to_string(slots.size()) + ")");
      slot.context->wait(slot.serial);
    }
    if (slot.framebuffer != VK_NULL_HANDLE) vkDestroyFramebuffer(vk(), slot.framebuffer, nullptr);
    slot.framebuffer = VK_NULL_HANDLE;
    (void)frame;
    return slot;
  }

  // Forgets the frames of `context` (which is going away, after waiting for them).
  void forget(const FrameContext& frames) {
    for (Slot& slot : slots)
      if (slot.context == &frames) slot.context = nullptr;
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
    FrameRecording& upload = ownFrames->begin();
    ImGui_ImplVulkan_CreateFontsTexture(upload.commands);
    ownFrames->submit();
    ownFrames->waitAll();
    ImGui_ImplVulkan_DestroyFontUploadObjects();
  }

  void destroy() noexcept {
    for (Slot& slot : slots) {
      try {
        if (slot.context != nullptr && slot.serial <= slot.context->lastSubmitted()) slot.context->wait(slot.serial);
      } catch (const std::exception& e) {
        spdlog::warn("{}: {}", options.name, e.what());  // a lost device: nothing left to wait for
      }
    }
    picture.reset();
    if (context != nullptr) {
      CurrentContext current(context);
      if (backendReady) ImGui_ImplVulkan_Shutdown();
      ImGui::DestroyContext(context);
      context = nullptr;
    }
    for (Slot& slot : slots)
      if (slot.framebuffer != VK_NULL_HANDLE) vkDestroyFramebuffer(vk(), slot.framebuffer, nullptr);
    slots.clear();
    ownFrames.reset();
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
    s.ownFrames.emplace(device, 2, s.options.name);
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
  FrameContext& frames = *s.ownFrames;
  FrameRecording& frame = frames.begin();
  try {
    record(frames, frame, target, load, build);
  } catch (...) {
    frames.submit();  // an empty frame: the recording is over either way
    throw;
  }
  if (readback != nullptr) readback->recordReadback(frame.commands);
  frames.submit(sync);
}

void ImGuiPass::record(FrameContext& context, FrameRecording& frame, const RenderTarget& target, ImGuiLoad load,
                       const std::function<void()>& build) {
  Impl& s = *impl_;
  if (target.format != s.options.format)
    throw std::invalid_argument("ImGuiPass: the target's format is not the one the pass was made for");
  const auto slotIndex = static_cast<std::uint32_t>(s.drawn % s.slots.size());
  Impl::Slot& slot = s.reuse(s.slots[slotIndex], frame);
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
  slot.context = &context;
  slot.serial = frame.serial;

  const VkCommandBuffer commands = frame.commands;
  if (!s.pictureDraws.empty()) s.picture->recordUpload(commands, slotIndex);
  VkClearValue clear{};
  VkRenderPassBeginInfo rp{};
  rp.sType = VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO;
  rp.renderPass = pass;
  rp.framebuffer = slot.framebuffer;
  rp.renderArea.extent = target.extent;
  rp.clearValueCount = 1;
  rp.pClearValues = &clear;
  vkCmdBeginRenderPass(commands, &rp, VK_SUBPASS_CONTENTS_INLINE);
  s.recording = commands;
  s.recordingPass = pass;
  s.recordingExtent = target.extent;
  s.recordingSlot = slotIndex;
  ImGui_ImplVulkan_RenderDrawData(ImGui::GetDrawData(), commands);
  vkCmdEndRenderPass(commands);
  ++s.drawn;
}

void ImGuiPass::forgetFrames(const FrameContext& context) { impl_->forget(context); }

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
  const Impl::Slot& last = s.slots[(s.drawn - 1) % s.slots.size()];
  if (last.context != nullptr) last.context->wait(last.serial);
}

}  // namespace ps::engine
