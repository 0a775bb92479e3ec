#pragma once
// GPU memory handed from one mesh-sequence frame to the next: when a set's meshes are replaced,
// its buffers and images (and the staging buffers of uploads) go to the frame's disposer as
// usual, but when the frame that last used them has finished they come back here instead of
// being freed, and the next upload takes one whose size fits (a buffer at least as large and
// at most twice the size asked for; an image of the same description). No waiting on the GPU:
// nothing comes back before its frame's fence has signalled. A few of each are kept; the rest
// are freed. Thread: the owner's (the disposer runs on it).
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include <vulkan/vulkan.h>

#include "engine/disposer.h"
#include "engine/gpu_resources.h"

namespace ps::engine {

class MeshRecycler {
 public:
  MeshRecycler();
  ~MeshRecycler();  // what is waiting in the disposer is freed there, as if never recycled
  MeshRecycler(const MeshRecycler&) = delete;
  MeshRecycler& operator=(const MeshRecycler&) = delete;

  GpuBuffer buffer(const Device& device, VkDeviceSize size, VkBufferUsageFlags usage, bool hostVisible,
                   std::string_view name);
  GpuImage image(const Device& device, const ImageDesc& desc, std::string_view name);

  // Back here once the frame `lastUse` has finished.
  void recycle(Disposer& disposer, std::uint64_t lastUse, GpuBuffer buffer, VkBufferUsageFlags usage, bool hostVisible);
  void recycle(Disposer& disposer, std::uint64_t lastUse, GpuImage image);

  std::uint64_t reused() const;  // buffers and images taken again instead of created

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace ps::engine
