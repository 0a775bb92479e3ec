#pragma once
// A driver of the player loop from outside it (the kiosk's visit cycle): it sees each pass's
// display events before the loop, each frame before its input and playback, what the player
// showed, and may add layers drawn over everything else. The loop keeps no policy of its own
// for what a director takes over. Thread: the player loop's.
#include <vector>

#include "engine/layer.h"
#include "media/player.h"
#include "xr/display.h"

namespace ps::player {

class ViewOverlay;

class LoopDirector {
 public:
  virtual ~LoopDirector() = default;
  LoopDirector(const LoopDirector&) = delete;
  LoopDirector& operator=(const LoopDirector&) = delete;

  // The display's events of this pass, before the loop acts on them. True: the director takes
  // the display's visibility over (the loop does not pause playback while it is hidden).
  virtual bool onEvents(const xr::DisplayEvents& events) = 0;
  // Each frame begun, its eyes placed, before input and the player's update: may move the eyes
  // (a recentred view) and ask the player to play, pause or seek.
  virtual void onFrame(xr::DisplayFrame& frame) = 0;
  // The display's input of that frame, before the bindings map it: may move the controllers'
  // poses as it moved the eyes (a recentred view aims where it is drawn).
  virtual void onInput(xr::RawInput& input) { (void)input; }
  // What the player's update showed in that frame.
  virtual void onShown(const xr::DisplayFrame& frame, const media::PlayerFrame& shown) = 0;
  // Each frame drawn with an overlay, before its layers are built: may set what the overlay
  // draws for the director (a guided tour's gaze).
  virtual void onOverlay(ViewOverlay& overlay) { (void)overlay; }
  // Layers drawn after the loop's own in this frame (made on `device`); may add none.
  virtual void addLayers(const engine::Device& device, std::vector<engine::Layer*>& layers) {
    (void)device;
    (void)layers;
  }
  // The display's device was replaced: drop what was made on the old one (its frames are over).
  virtual void deviceReplaced() {}

 protected:
  LoopDirector() = default;
};

}  // namespace ps::player
