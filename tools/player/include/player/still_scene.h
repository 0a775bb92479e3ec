#pragma once
// One still of a shot, headlessly: the plate as the background (absent for a bare set; an RGB-D
// plate as geometry around the capture point), the
// shot's sets and splat captures, then the markers and the film frame, in one eye pass on a device of the caller's.
// What `perfectshot render` writes to a PNG.
#include <vector>

#include "engine/device.h"
#include "engine/render_still.h"
#include "engine/rgba_image.h"
#include "player/rgbd_picture.h"
#include "player/set_scene.h"
#include "player/shot_sets.h"
#include "player/shot_splats.h"
#include "player/splat_scene.h"
#include "player/view_overlay.h"
#include "scenes/frame_view.h"
#include "scenes/result.h"

namespace ps::player {

// What one still shows besides the view itself.
struct StillScene {
  const FrameView* plate = nullptr;  // null: no background (a bare set)
  // An RGB-D plate's colour and depth (and its background layer), drawn as geometry instead of
  // `plate`; null: none.
  const RgbdPictureFrame* rgbd = nullptr;
  engine::RgbdPlacement rgbdPlacement;
  std::vector<PlacedSet> sets;
  std::vector<PlacedSplats> splats;  // drawn after the sets, through their depth
  ViewOverlay* overlay = nullptr;  // null: nothing over the view; its origin is the caller's to set
  double shotSeconds = 0;
};

// An Error as engine::renderStill's: a frame the layout cannot split has the where "frame",
// an output the device cannot hold "output size"; the caller, who knows the file and the
// option, names them.
Result<engine::RgbaImage> renderStillScene(const engine::Device& device, StillScene scene,
                                           const engine::StillRequest& request);

}  // namespace ps::player
