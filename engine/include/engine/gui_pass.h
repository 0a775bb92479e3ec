#pragma once
// ImGuiPass: draws the frames of one Dear ImGui context into colour images with Vulkan.
// A target is drawn either cleared (a panel's own texture, an OpenXR quad-layer image)
// or over what it holds (a window's view, composited after the equirect pass).
//
// Each pass owns its ImGui context and the Vulkan backend's state inside it; the
// context is current only inside draw() and the constructor/destructor, and the one
// that was current before is restored, so several passes (and tests) coexist.
// record() records into a display frame's one command buffer (frame_context.h), after
// what is recorded there before it (the eyes' passes: the render pass's dependencies order
// it after them); draw() does the same in a frame of the pass's own and submits it. Either
// waits only for the frame that used the same set of the backend's buffers (framesInFlight
// draws before).
// Thread: the owner's (the player loop).
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include <glm/vec4.hpp>
#include <vulkan/vulkan.h>

#include "engine/frame_context.h"
#include "engine/submit_sync.h"
#include "engine/gui_input.h"
#include "engine/render_target.h"

namespace ps::engine {

class Device;
class OffscreenTarget;

struct ImGuiPassOptions {
  VkFormat format = VK_FORMAT_R8G8B8A8_SRGB;  // of every target this pass draws into
  std::filesystem::path fontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  float fontPixels = 28;  // the font's rasterised size: draw at 1:1 so text stays crisp
  std::uint32_t framesInFlight = 2;  // draws that may be on the GPU at once (frames x draws per frame)
  std::string name = "imgui";
};

using PictureCorners = std::array<glm::vec4, 4>;

enum class ImGuiLoad { Clear, Keep };

// Where a GUI draw goes: into a display frame of a frame context (ImGuiPass::record), or,
// when empty, a frame of the pass's own (ImGuiPass::draw).
struct GuiFrame {
  FrameContext* context = nullptr;
  FrameRecording* frame = nullptr;
  explicit operator bool() const { return frame != nullptr; }
};  // Clear: to transparent black; Keep: draw over the contents

class ImGuiPass {
 public:
  // Throws VulkanError, or std::runtime_error when the font cannot be read.
  ImGuiPass(const Device& device, const ImGuiPassOptions& options);
  ImGuiPass(const ImGuiPass&) = delete;
  ImGuiPass& operator=(const ImGuiPass&) = delete;
  // Waits for this pass's frames still on the GPU.
  ~ImGuiPass();

  // One frame: makes the context current, sets the display size to the target's extent,
  // calls `build` between NewFrame and Render (it issues the ImGui calls) and records the draw
  // into `target` (format as in the options), in `frame` of `context` (which must outlive the
  // pass, or be handed to forgetFrames() first, once its frames are done).
  void record(FrameContext& context, FrameRecording& frame, const RenderTarget& target, ImGuiLoad load,
              const std::function<void()>& build);
  // The same in a frame of the pass's own, with an optional readback of the target (then
  // readback->pixels() after wait()), submitted with `sync`.
  void draw(const RenderTarget& target, ImGuiLoad load, const std::function<void()>& build,
            const SubmitSync& sync = {}, const OffscreenTarget* readback = nullptr);
  // `context` is going away, its frames finished: the pass no longer waits on it.
  void forgetFrames(const FrameContext& context);
  // The picture (RGBA8, sRGB bytes, width * height * 4) that picture() shows from the next
  // draw on; copied. Uploaded once into each frame slot's texture.
  void setPicture(const std::uint8_t* rgba, std::uint32_t width, std::uint32_t height);
  // Inside draw()'s build step: shows the picture in [x0, x1] x [y0, y1] (target pixels) on
  // the background draw list, in order with what is drawn there before and after it.
  void picture(float x0, float y0, float x1, float y1);
  // The same, into any quadrilateral given by its corners in clip coordinates (Vulkan: y down,
  // 0 <= z <= w in front), in the order of the picture's (0,0) (1,0) (0,1) (1,1) corners: a
  // picture on a plane in space, interpolated perspective-correctly and clipped by the GPU.
  void pictureQuad(const PictureCorners& clipCorners);

  // Interactive panels: the input the next draw's frame sees (pointer, keys, text). Without
  // it a pass only draws (what ImGui widgets do is not asked). The keys are pressed for that
  // frame and released in the next.
  void setInput(const GuiInput& input);
  // After a draw: whether the last frame's widgets wanted the pointer (it is over a panel or
  // drags a widget) or the keyboard (a text field has focus): the caller's own use of them waits.
  bool wantsPointer() const;
  bool wantsKeyboard() const;

  // Blocks until the last draw has finished on the GPU.
  void wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ps::engine
