#pragma once
// FrameContext: the command ring of one device's display frames. Every GPU command of a
// display frame (uploads, compute, every eye's pass, the GUI, readbacks) is recorded into the
// one command buffer begin() hands out and goes to the queue in one submit().
//
//   FrameRecording& rec = context.begin();   // waits only for the slot's previous frame
//   ... layers record into rec.commands ...
//   context.submit(display.sync);            // one vkQueueSubmit; returns at once
//
// It owns the ring's fences, the Disposer (what is handed to it is freed once the frame that
// last used it has finished, learned from those fences) and the device's PipelineCache.
// Thread: the owner's. Destruction waits for this context's frames (not the whole device).
#include <cstdint>
#include <memory>
#include <string_view>

#include <vulkan/vulkan.h>

#include "engine/disposer.h"
#include "engine/pipeline_cache.h"
#include "engine/submit_sync.h"

namespace ps::engine {

class Device;

// What is recorded into during one display frame.
struct FrameRecording {
  const Device& device;
  VkCommandBuffer commands = VK_NULL_HANDLE;
  std::uint64_t serial = 0;  // this frame's; serials start at 1 and only increase
  Disposer& disposer;
  PipelineCache& pipelines;
  // The newest serial known to have finished on the GPU when this frame began: what a layer
  // may read back (queries, buffers) without waiting.
  std::uint64_t completed = 0;
};

class FrameContext {
 public:
  // `device` must outlive the context. framesInFlight: 2 or 3.
  explicit FrameContext(const Device& device, std::uint32_t framesInFlight = 2, std::string_view name = "frame");
  FrameContext(const FrameContext&) = delete;
  FrameContext& operator=(const FrameContext&) = delete;
  ~FrameContext();

  const Device& device() const;
  // Starts the next frame's command buffer. Blocks only while the slot it reuses is still on
  // the GPU; frees what the disposer holds for frames known to be finished.
  FrameRecording& begin();
  bool recording() const;
  // Ends and submits the frame begun last, chained by `sync`. Throws std::logic_error without
  // a begin(). The recording is over even if the submit throws.
  void submit(const SubmitSync& sync = {});
  // Blocks until frame `serial` has finished (at once for frames already known finished).
  void wait(std::uint64_t serial);
  void waitAll();
  // The newest serial known to have finished on the GPU (polls the fences, never blocks).
  std::uint64_t completedSerial();
  std::uint64_t lastSubmitted() const;
  // vkQueueSubmit calls made by this context: one per display frame.
  std::uint64_t submitCount() const;

  Disposer& disposer();
  PipelineCache& pipelines();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ps::engine
