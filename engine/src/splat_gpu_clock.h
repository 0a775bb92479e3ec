#pragma once
// The splat layer's GPU time per frame, from timestamps around its passes (the sort in
// prepare(), each eye's draw in record()), read once the frame is known finished: never a
// wait. Where the queue has no timestamps, nothing is measured.
#include <array>
#include <cstdint>
#include <optional>

#include <vulkan/vulkan.h>

#include "engine/splat_governor.h"

namespace ps::engine {

class Device;

class SplatGpuClock {
 public:
  // Intervals timed per frame: the sort and up to `eyes` draws.
  SplatGpuClock(const Device& device, std::uint32_t eyes);
  SplatGpuClock(const SplatGpuClock&) = delete;
  SplatGpuClock& operator=(const SplatGpuClock&) = delete;
  ~SplatGpuClock();

  bool available() const { return pool_ != VK_NULL_HANDLE; }
  // Reads the frames finished by `completed`, then starts timing frame `serial`, which sorts
  // and draws `drawn` splats. Outside any rendering.
  void begin(VkCommandBuffer commands, std::uint64_t serial, std::uint64_t completed, std::uint64_t drawn);
  // An interval of the frame begun last; ignored once its intervals are used up or when the
  // frame is not timed.
  void start(VkCommandBuffer commands, std::uint64_t serial);
  void stop(VkCommandBuffer commands, std::uint64_t serial);
  // The newest frame measured.
  std::optional<SplatTiming> latest() const { return latest_; }

 private:
  static constexpr std::uint32_t kSlots = 8;  // more than the frames a context keeps in flight
  struct Slot {
    std::uint64_t serial = 0;
    std::uint64_t drawn = 0;
    std::uint32_t written = 0;  // timestamps recorded
    bool open = false;          // an interval started and not stopped
    bool pending = false;       // recorded and not read
  };
  void collect(std::uint64_t completed);
  Slot* timing(std::uint64_t serial);

  const Device& device_;
  std::uint32_t perSlot_ = 0;
  VkQueryPool pool_ = VK_NULL_HANDLE;
  double nsPerTick_ = 1.0;
  std::array<Slot, kSlots> slots_{};
  std::optional<SplatTiming> latest_;
};

}  // namespace ps::engine
