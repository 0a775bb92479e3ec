#pragma once
// Where things are on the scrubber panel, in the panel texture's pixels (origin top
// left, y down). One layout for the window and the headset: the panel is one image,
// composited along the window's bottom or placed in the world (panel_placement.h).
#include <glm/vec2.hpp>

#include "ui/scrub_drag.h"

namespace ps::ui {

struct PanelLayout {
  // 1024 x 128 keeps text crisp on a ~1.2 m panel at 1.5 m (about 23 px per degree,
  // above a current headset's ~20) and in a window of that width at 1:1.
  float width = 1024, height = 128;
  // Room above the strip, inside the panel's image, for the drag preview: the headset's
  // panel is one image (a quad layer); the window draws the preview over the view instead.
  float previewHeight = 0;
  float previewWidth = 256;  // the thumbnail (2:1, an equirect's aspect) above the cursor
  float previewThumbHeight = 128;
  float barLeft = 24, barRight = 1000;  // the bar's ends: fractions 0 and 1
  float barTop = 74, barBottom = 98;
  float grabSlack = 8;     // the grab band reaches this far above and below the bar
  float handleRadius = 30; // the playhead's handle sticks out of the band: grabbable above it

  float canvasHeight() const { return previewHeight + height; }  // the whole image
  float pixelAt(double fraction) const;  // bar fraction -> x pixel
  double fractionAt(float x) const;      // x pixel -> bar fraction, unclamped
  // A pointer at canvas coordinates uv (0..1 each over width x canvasHeight, v down) -> the
  // scrub gesture's input. Strip coordinates (barTop, ...) start below the preview room.
  PointerSample hit(glm::vec2 uv, double playhead, bool down) const;
};

// The headset's panel: the strip with room for the preview above it.
PanelLayout worldPanelLayout();

}  // namespace ps::ui
