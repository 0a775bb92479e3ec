#include "mesh_recycler.h"

#include <utility>

namespace ps::engine {

namespace {

constexpr std::size_t kKeep = 8;  // of each kind: a few frames in flight and their staging

bool sameImage(const ImageDesc& a, const ImageDesc& b) {
  return a.format == b.format && a.extent.width == b.extent.width && a.extent.height == b.extent.height &&
         a.mipLevels == b.mipLevels && a.usage == b.usage && a.alternateFormat == b.alternateFormat &&
         a.aspect == b.aspect;
}

}  // namespace

struct MeshRecycler::State {
  struct FreeBuffer {
    GpuBuffer buffer;
    VkBufferUsageFlags usage;
    bool hostVisible;
  };
  std::vector<FreeBuffer> buffers;
  std::vector<GpuImage> images;
  std::uint64_t reused = 0;
};

MeshRecycler::MeshRecycler() : state_(std::make_shared<State>()) {}
MeshRecycler::~MeshRecycler() = default;

GpuBuffer MeshRecycler::buffer(const Device& device, VkDeviceSize size, VkBufferUsageFlags usage, bool hostVisible,
                               std::string_view name) {
  auto& free = state_->buffers;
  for (auto it = free.begin(); it != free.end(); ++it) {
    const VkDeviceSize have = it->buffer.size();
    if (it->usage != usage || it->hostVisible != hostVisible || have < size || have > 2 * size) continue;
    GpuBuffer taken = std::move(it->buffer);
    free.erase(it);
    ++state_->reused;
    return taken;
  }
  return GpuBuffer(device, size, usage, hostVisible, name);
}

GpuImage MeshRecycler::image(const Device& device, const ImageDesc& desc, std::string_view name) {
  auto& free = state_->images;
  for (auto it = free.begin(); it != free.end(); ++it) {
    if (!sameImage(it->desc(), desc)) continue;
    GpuImage taken = std::move(*it);
    free.erase(it);
    ++state_->reused;
    return taken;
  }
  return GpuImage(device, desc, name);
}

void MeshRecycler::recycle(Disposer& disposer, std::uint64_t lastUse, GpuBuffer buffer, VkBufferUsageFlags usage,
                           bool hostVisible) {
  if (buffer.handle() == VK_NULL_HANDLE) return;
  auto held = std::make_shared<GpuBuffer>(std::move(buffer));
  disposer.disposeWith(lastUse, [weak = std::weak_ptr<State>(state_), held, usage, hostVisible]() {
    const auto state = weak.lock();
    if (!state || state->buffers.size() >= kKeep) return;  // freed with `held`
    state->buffers.push_back({std::move(*held), usage, hostVisible});
  });
}

void MeshRecycler::recycle(Disposer& disposer, std::uint64_t lastUse, GpuImage image) {
  if (image.handle() == VK_NULL_HANDLE) return;
  auto held = std::make_shared<GpuImage>(std::move(image));
  disposer.disposeWith(lastUse, [weak = std::weak_ptr<State>(state_), held]() {
    const auto state = weak.lock();
    if (!state || state->images.size() >= kKeep) return;
    state->images.push_back(std::move(*held));
  });
}

std::uint64_t MeshRecycler::reused() const { return state_->reused; }

}  // namespace ps::engine
