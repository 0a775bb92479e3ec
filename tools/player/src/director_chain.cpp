#include "player/director_chain.h"

#include <algorithm>

namespace ps::player {

DirectorChain::DirectorChain(std::vector<LoopDirector*> directors) : directors_(std::move(directors)) {
  std::erase(directors_, nullptr);
}

LoopDirector* DirectorChain::get() {
  if (directors_.empty()) return nullptr;
  return directors_.size() == 1 ? directors_.front() : this;
}

bool DirectorChain::onEvents(const xr::DisplayEvents& events) {
  bool takesVisibility = false;
  for (LoopDirector* d : directors_) takesVisibility = d->onEvents(events) || takesVisibility;
  return takesVisibility;
}

void DirectorChain::onFrame(xr::DisplayFrame& frame) {
  for (LoopDirector* d : directors_) d->onFrame(frame);
}

void DirectorChain::onInput(xr::RawInput& input) {
  for (LoopDirector* d : directors_) d->onInput(input);
}

void DirectorChain::onShown(const xr::DisplayFrame& frame, const media::PlayerFrame& shown) {
  for (LoopDirector* d : directors_) d->onShown(frame, shown);
}

void DirectorChain::onOverlay(ViewOverlay& overlay) {
  for (LoopDirector* d : directors_) d->onOverlay(overlay);
}

void DirectorChain::addLayers(const engine::Device& device, std::vector<engine::Layer*>& layers) {
  for (LoopDirector* d : directors_) d->addLayers(device, layers);
}

void DirectorChain::deviceReplaced() {
  for (LoopDirector* d : directors_) d->deviceReplaced();
}

}  // namespace ps::player
