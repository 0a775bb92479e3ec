#pragma once
// The film-frame overlay: the original film camera's frustum and frame
// rectangle drawn inside the capture, with the finished film clip playing inside the
// rectangle in sync with the shot's timeline, so a viewer sees the finished shot inside its
// recreation. Toggled by the user (window: C; headset: the menu button). Drawn per eye by
// ViewOverlay, within its Dear ImGui pass: lines on the draw list, the clip through
// engine::ImGuiPass::pictureQuad (perspective-correct on the frame's plane).
#include <memory>
#include <optional>
#include <string>

#include "engine/gui_pass.h"
#include "engine/overlay_geometry.h"
#include "engine/overlay_layer.h"
#include "scenes/camera.h"
#include "ui/clip_follower.h"
#include "ui/film_frame.h"
#include "ui/palette.h"
#include "ui/view_projection.h"

namespace ps::player {

struct FilmFrameOptions {
  scenes::FilmCamera camera;
  bool visible = true;  // at the start
};

class FilmFrameOverlay {
 public:
  // Opens the camera's clip when it has one; a clip that does not open is logged and the
  // frame is drawn empty.
  explicit FilmFrameOverlay(FilmFrameOptions options);

  bool visible() const { return visible_; }
  void setVisible(bool visible) { visible_ = visible; }

  // Once per display frame: asks for the clip's picture at the shot time (never waits).
  void update(double shotSeconds);
  // The same, waiting until the picture is decoded: stills.
  void updateAndWait(double shotSeconds);

  // The pass painted into is new: it holds no clip picture yet.
  void pictureDropped() { shown_.reset(); }
  // Inside ViewOverlay's ImGui build step, for one eye.
  void paint(engine::ImGuiPass& pass, const ui::ViewProjection& eye, double shotSeconds, const ui::Palette& palette);
  // The same as the overlay layer's geometry (relative to the capture point, geometry()) and
  // picture (handed to `layer` when a new one is decoded). The geometry is rebuilt only when
  // the camera at t, the picture's presence or the visibility changed; returns whether it was.
  bool updateGeometry(engine::OverlayLayer& layer, double shotSeconds);
  const engine::OverlayGeometry& geometry() const { return geometry_; }
  // The layer painted into is new: it holds no clip picture yet.
  void layerDropped() {
    inLayer_.reset();
    built_.reset();
  }

 private:
  FilmFrameOptions options_;
  bool visible_;
  std::unique_ptr<ui::ClipFollower> clip_;
  std::shared_ptr<const ui::Thumbnail> shown_;  // the clip picture handed to the pass
  std::shared_ptr<const ui::Thumbnail> inLayer_;  // the one handed to the overlay layer
  // What geometry_ was built from.
  struct Built {
    bool visible = false;
    bool withPicture = false;
    scenes::CameraState camera;
    friend bool operator==(const Built&, const Built&) = default;
  };
  std::optional<Built> built_;
  engine::OverlayGeometry geometry_;
};

}  // namespace ps::player
