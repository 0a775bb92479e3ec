#include "player/still_scene.h"

#include <optional>
#include <span>
#include <stdexcept>

#include "engine/equirect_layer.h"
#include "engine/eye_camera.h"
#include "engine/frame_context.h"
#include "engine/frame_renderer.h"
#include "engine/offscreen_target.h"
#include "engine/rgbd_layer.h"

namespace ps::player {

Result<engine::RgbaImage> renderStillScene(const engine::Device& device, StillScene scene,
                                           const engine::StillRequest& request) {
  auto still = engine::makeStillTarget(device, request.width, request.height);
  if (!still) return still.error();
  engine::OffscreenTarget& target = **still;
  engine::FrameContext context(device, 2, "render");
  engine::FrameRenderer renderer(device);
  std::vector<engine::Layer*> layers;
  std::optional<engine::EquirectLayer> background;
  std::optional<engine::RgbdLayer> rgbd;
  if (scene.rgbd != nullptr) {
    rgbd.emplace(context);
    try {
      rgbd->setPlacement(scene.rgbdPlacement);
      rgbd->setPicture(scene.rgbd->colour, scene.rgbd->layout, scene.rgbd->depth, scene.rgbd->coding,
                       scene.rgbd->measure.get());
      if (const auto& bg = scene.rgbd->background)
        rgbd->setBackground(bg->colour, bg->layout, bg->depth, bg->coding, bg->measure.get());
    } catch (const std::invalid_argument& e) {
      return engine::frameError(e);
    }
    layers.push_back(&*rgbd);
  } else if (scene.plate != nullptr) {
    background.emplace(context, 1);
    try {
      background->setPicture(*scene.plate, request.layout, request.yawOffsetDeg);
    } catch (const std::invalid_argument& e) {
      return engine::frameError(e);
    }
    layers.push_back(&*background);
  }
  std::optional<SetScene> sets;
  if (!scene.sets.empty()) {
    sets.emplace(device, std::move(scene.sets));
    sets->showAt(scene.shotSeconds);
    layers.push_back(&sets->layer());
  }
  std::optional<SplatScene> splats;
  if (!scene.splats.empty()) {
    splats.emplace(device, std::move(scene.splats));
    splats->showAt(scene.shotSeconds);
    layers.push_back(&splats->layer());
  }
  if (scene.overlay != nullptr) {
    scene.overlay->update(scene.shotSeconds);
    if (FilmFrameOverlay* film = scene.overlay->filmFrame()) film->updateAndWait(scene.shotSeconds);
    const OverlayEye eye{request.view, {request.width, request.height}};
    for (engine::Layer* layer : scene.overlay->layers(device, std::span(&eye, 1), scene.shotSeconds))
      layers.push_back(layer);
  }
  const engine::EyeDraw eye{request.eye, engine::EyeCamera(request.view), target.target(), false};
  engine::FrameRecording& frame = context.begin();
  renderer.record(frame, std::span(&eye, 1), layers);
  target.recordReadback(frame.commands);
  context.submit();
  context.waitAll();
  return target.pixels();
}

}  // namespace ps::player
