#pragma once
// Draws layers into offscreen eyes that keep their depth, and reads back both: what the mesh
// layer's tests look at. Each eye's target brings its own D32 depth image (transfer source),
// which the frame renderer then stores instead of discarding.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include "engine/device.h"
#include "engine/eye_camera.h"
#include "engine/frame_context.h"
#include "engine/frame_renderer.h"
#include "engine/gpu_resources.h"
#include "engine/layer.h"
#include "engine/offscreen_target.h"
#include "engine/rgba_image.h"

namespace ps::test {

// One eye's picture (sRGB bytes) and depth (reverse-Z) as read back.
struct EyePicture {
  engine::RgbaImage color;
  std::vector<float> depth;
  glm::u8vec4 at(int x, int y) const;
  glm::u8vec4 at(glm::vec2 pixel) const { return at(static_cast<int>(pixel.x), static_cast<int>(pixel.y)); }
  float depthAt(int x, int y) const;
  float depthAt(glm::vec2 pixel) const { return depthAt(static_cast<int>(pixel.x), static_cast<int>(pixel.y)); }
};

// The covered pixels' bounds in pixel edges: columns [left, right), rows [top, bottom).
struct Silhouette {
  int left = 0, right = 0, top = 0, bottom = 0;
  bool empty() const { return right <= left; }
};
// Pixels whose red, green or blue is above `threshold`.
Silhouette silhouetteOf(const engine::RgbaImage& image, int threshold = 64);

// An eye at `position` looking down -Z, with a symmetric fov of `fovDeg` both ways.
engine::EyeCamera eyeAt(glm::vec3 position, float fovDeg = 90.0f);

// The sRGB byte of a linear value, as the target encodes it.
int srgbByte(float linear);

class MeshRig {
 public:
  MeshRig(const engine::Device& device, std::uint32_t width, std::uint32_t height, std::size_t eyes = 2);
  ~MeshRig();
  // One frame: every layer into every eye (one camera per eye), then the readbacks; waits.
  std::vector<EyePicture> render(std::span<engine::Layer* const> layers, std::span<const engine::EyeCamera> cameras);
  EyePicture renderOne(engine::Layer& layer, const engine::EyeCamera& camera);
  // Draw through the targets' UNORM view, as into a window's UNORM swapchain image: what is
  // written is stored as it is, so a layer must encode to sRGB itself.
  void drawThroughUnormView(bool unorm) { unormView_ = unorm; }
  engine::FrameContext& context() { return context_; }
  glm::vec2 extent() const { return {static_cast<float>(width_), static_cast<float>(height_)}; }

 private:
  struct EyeImages {
    std::unique_ptr<engine::OffscreenTarget> color;
    engine::GpuImage depth;
    engine::GpuBuffer depthReadback;
  };
  const engine::Device& device_;
  std::uint32_t width_, height_;
  engine::FrameContext context_;
  engine::FrameRenderer renderer_;
  std::vector<EyeImages> eyes_;
  bool unormView_ = false;
};

}  // namespace ps::test
