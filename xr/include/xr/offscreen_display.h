#pragma once
// The offscreen display: scripted views into engine-owned images, no window, no headset.
// What `perfectshot play --display offscreen` and tests use. Unpaced (display times are the
// steady clock's now) or stepped (display frame n is at startTime + n * step: offline
// rendering of every video frame, deterministic). Frames chosen by readBack are copied out by
// the frame's own submit (DisplayFrame::recordAfterDraw) and endFrame waits for that submit
// (DisplayFrame::drawnOnGpu); pixels() then holds one image per eye for the caller to
// write. Scripted input is handed in with queueInput.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "engine/device.h"
#include "engine/rgba_image.h"
#include "scenes/result.h"
#include "xr/display.h"

namespace ps::xr {

struct OffscreenDisplayOptions {
  std::uint32_t width = 960;  // pixels per eye
  std::uint32_t height = 540;
  int eyes = 1;               // 1: mono (Eye::Left), 2: left and right from the same head view
  // The head's view for display frame `index` shown at `time` (seconds); empty: straight ahead, 100x62 degrees.
  std::function<engine::View(std::uint64_t index, double time)> view;
  double startTime = 0;  // seconds, with step > 0
  double step = 0;       // seconds between display frames; 0: unpaced on the steady clock
  std::function<bool(std::uint64_t index)> readBack;  // empty: none
  engine::DeviceOptions device;
};

class OffscreenDisplay final : public Display {
 public:
  // An Error when no Vulkan device can render.
  static Result<std::unique_ptr<OffscreenDisplay>> create(const OffscreenDisplayOptions& options);
  ~OffscreenDisplay() override;

  std::string_view name() const override { return "offscreen"; }
  // Scripted views and input: none of the optional features.
  DisplayCapabilities capabilities() const override { return {}; }
  const engine::Device& device() const override;
  DisplayEvents poll() override;
  std::optional<DisplayFrame> beginFrame() override;
  void endFrame(DisplayFrame& frame) override;
  RawInput input() override;
  void requestQuit() override;

  // Input for the next input() call: its edges join what is already queued (appendEdges), its
  // levels replace the queued ones.
  void queueInput(const RawInput& input);
  // The eyes of the latest read-back frame, valid after its endFrame.
  const std::vector<engine::RgbaImage>& pixels() const;
  // The index of that frame; empty before the first.
  std::optional<std::uint64_t> pixelsIndex() const;

 private:
  struct Impl;
  explicit OffscreenDisplay(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ps::xr
