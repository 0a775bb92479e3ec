#pragma once
// Selecting narration markers in the player loop: a click on a marker in the
// window, the controller ray and trigger or a gaze that rests on one in the headset opens its
// card and plays its narration from where it stands (media::NarrationController); selecting
// it again, or its window ending, closes it. The card shows the narration's caption of the
// moment. Also: the film frame on and off (window C, headset menu button).
// Thread: the player loop's.
#include <optional>

#include "media/narration_controller.h"
#include "ui/marker_picking.h"
#include "player/view_overlay.h"
#include "player/commands.h"
#include "xr/display.h"

namespace ps::player {

class MarkerSelection {
 public:
  // overlay (and narration, when not null) must outlive this. gazeDwell: resting the head's
  // gaze on a marker selects it (headset).
  MarkerSelection(ViewOverlay& overlay, media::NarrationController* narration, bool gazeDwell);

  // Before the loop applies the input: returns true when the trigger's press went to a
  // marker (the loop must not also take it as play/pause).
  bool apply(const xr::DisplayFrame& frame, const Commands& in, double shotSeconds, double nowSeconds);
  // After the narration's update: the caption under the open card, the dwell ring.
  void refreshPaint(double nowSeconds);
  // Opens (or, when open, closes) the card of markers()[index].
  void toggle(std::size_t index);

 private:
  ViewOverlay& overlay_;
  media::NarrationController* narration_;
  std::optional<ui::GazeDwell> dwell_;
};

}  // namespace ps::player
