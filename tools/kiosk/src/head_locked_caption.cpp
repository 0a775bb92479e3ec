#include "kiosk/head_locked_caption.h"

#include <algorithm>
#include <sstream>
#include <vector>

#include <glm/gtc/quaternion.hpp>

#include "engine/font_atlas.h"

namespace ps::kiosk {

glm::vec3 headLockedAnchor(const engine::View& head) {
  return head.position + head.orientation * glm::vec3(0, -kCaptionDropM, -kCaptionDistanceM);
}

engine::Layer* HeadLockedCaption::at(const engine::Device& device, const std::string& text, const engine::View& head) {
  if (text.empty()) return nullptr;
  if (!layer_) {
    if (!atlas_) atlas_ = engine::FontAtlas::shared();
    layer_ = std::make_unique<engine::OverlayLayer>(device, atlas_);
  }
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  constexpr float kPx = 28.0f, kLead = 1.25f * kPx, kPad = 10.0f;
  float widest = 0;
  for (const std::string& l : lines) widest = std::max(widest, atlas_->widthOf(l, kPx));
  const glm::vec3 anchor = headLockedAnchor(head);
  const float height = kLead * static_cast<float>(lines.size());
  engine::OverlayGeometry g;
  g.rect(anchor, {-widest / 2 - kPad, -kPad}, {widest / 2 + kPad, height + kPad}, glm::vec4(0, 0, 0, 0.6f));
  float y = 0;
  for (const std::string& l : lines) {
    g.text(*atlas_, anchor, {-atlas_->widthOf(l, kPx) / 2, y}, l, kPx, glm::vec4(1));
    y += kLead;
  }
  layer_->setGeometry(std::move(g));
  return layer_.get();
}

}  // namespace ps::kiosk
