#pragma once
// Several drivers of the player loop at once (a venue's alignment and a walkthrough's recorder or
// tour), called in the order given: each sees the frame and the input as the ones before it left
// them (the venue's stage first, then the recorder records it). Thread: the player loop's.
#include <vector>

#include "player/loop_director.h"

namespace ps::player {

class DirectorChain : public LoopDirector {
 public:
  // The directors must outlive the chain; null ones are left out.
  explicit DirectorChain(std::vector<LoopDirector*> directors);
  bool empty() const { return directors_.empty(); }
  // The one director when there is only one (no chain needed), else this chain; null when empty.
  LoopDirector* get();

  bool onEvents(const xr::DisplayEvents& events) override;
  void onFrame(xr::DisplayFrame& frame) override;
  void onInput(xr::RawInput& input) override;
  void onShown(const xr::DisplayFrame& frame, const media::PlayerFrame& shown) override;
  void onOverlay(ViewOverlay& overlay) override;
  void addLayers(const engine::Device& device, std::vector<engine::Layer*>& layers) override;
  void deviceReplaced() override;

 private:
  std::vector<LoopDirector*> directors_;
};

}  // namespace ps::player
