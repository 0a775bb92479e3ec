#pragma once
// The narration's caption fixed in the visitor's view (the config's "captions": "head_locked"):
// a visitor may never find the marker whose card carries it. Text on a dark band, centred a little
// below the line of sight at reading distance, drawn by an overlay layer over everything.
#include <memory>
#include <string>

#include <glm/vec3.hpp>

#include "engine/overlay_layer.h"
#include "engine/view.h"

namespace ps::kiosk {

inline constexpr float kCaptionDistanceM = 1.5f;
inline constexpr float kCaptionDropM = 0.35f;  // below the line of sight, at that distance

// Where the caption stands for a head (a view between the eyes): fixed in the head's frame.
glm::vec3 headLockedAnchor(const engine::View& head);

class HeadLockedCaption {
 public:
  // The layer drawing `text` (lines split at '\n') in front of `head`, made on `device` the
  // first time; null when there is no text.
  engine::Layer* at(const engine::Device& device, const std::string& text, const engine::View& head);
  void deviceReplaced() { layer_.reset(); }

 private:
  std::unique_ptr<engine::OverlayLayer> layer_;
  std::shared_ptr<const engine::FontAtlas> atlas_;
};

}  // namespace ps::kiosk
