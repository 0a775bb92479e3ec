#pragma once
// The fade from black at a cut: black over the whole view, its opacity falling linearly from 1
// to 0 over the fade's seconds (FadeCurve: plain data), drawn by a layer over everything else
// (FadeLayer, an overlay layer of two screen triangles made on the display's device).
#include <memory>
#include <optional>

#include "engine/overlay_layer.h"

namespace ps::kiosk {

class FadeCurve {
 public:
  explicit FadeCurve(double seconds) : seconds_(seconds) {}
  void cut(double t) { start_ = t; }  // black now, clearing over the next seconds
  // 1 at the cut, 0 once cleared (and without a cut, or with a fade of 0 s).
  float opacity(double t) const;

 private:
  double seconds_;
  std::optional<double> start_;
};

class FadeLayer {
 public:
  // The layer drawing black at `opacity` over the views, made on `device` the first time;
  // null when there is nothing to draw (opacity 0).
  engine::Layer* at(const engine::Device& device, float opacity);
  void deviceReplaced() { layer_.reset(); }  // the old device's frames are over

 private:
  std::unique_ptr<engine::OverlayLayer> layer_;
  float opacity_ = -1;  // of the geometry set: set again only when it changes
};

}  // namespace ps::kiosk
