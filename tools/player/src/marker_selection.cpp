#include "player/marker_selection.h"

#include <spdlog/spdlog.h>

#include <glm/gtc/quaternion.hpp>

#include "xr/head_position.h"
#include "ui/view_projection.h"

namespace ps::player {

namespace {
constexpr float kToleranceDeg = 2.5f;  // markerOnRay's: a pin is hit within this of the ray
}  // namespace

MarkerSelection::MarkerSelection(ViewOverlay& overlay, media::NarrationController* narration, bool gazeDwell)
    : overlay_(overlay), narration_(narration) {
  if (gazeDwell) dwell_.emplace();
}

void MarkerSelection::toggle(std::size_t index) {
  ui::MarkerPaint& paint = overlay_.paint();
  const scenes::Marker& marker = overlay_.markers().at(index);
  if (paint.open == index) {
    paint.open.reset();
    if (narration_ != nullptr && narration_->speaking() == marker.id) narration_->stop();
    spdlog::info("markers: closed \"{}\"", marker.id);
    return;
  }
  paint.open = index;
  spdlog::info("markers: opened \"{}\"", marker.id);
  if (narration_ != nullptr && marker.narration)
    if (Status s = narration_->select(marker.id); !s) spdlog::warn("markers: {}", s.error().message());
}

bool MarkerSelection::apply(const xr::DisplayFrame& frame, const Commands& in, double shotSeconds,
                            double nowSeconds) {
  if (in.toggleFilmFrame && overlay_.filmFrame() != nullptr) {
    FilmFrameOverlay& film = *overlay_.filmFrame();
    film.setVisible(!film.visible());
    spdlog::info("film frame: {}", film.visible() ? "shown" : "hidden");
  }
  if (frame.eyes.empty() || overlay_.markers().empty()) return false;
  const xr::EyeTarget& first = frame.eyes.front();
  bool consumed = false;
  if (in.viewClicked) {
    const auto sprites = overlay_.layout(first.view, first.target.extent, shotSeconds);
    const ui::ViewProjection eye(overlay_.inShotSpace(first.view), {static_cast<float>(first.target.extent.width),
                                                                    static_cast<float>(first.target.extent.height)});
    if (auto hit = ui::markerAtPixel(sprites, *in.viewClicked, eye, overlay_.sceneHitInShotSpace())) toggle(*hit);
  }
  if (in.select && in.aim) {
    const glm::vec3 dir = in.aim->orientation * glm::vec3(0, 0, -1);
    const glm::vec3 from = in.aim->position - overlay_.origin();
    if (auto hit = ui::markerOnRay(overlay_.markers(), overlay_.activeAt(shotSeconds), shotSeconds, from, dir,
                                   overlay_.style(), kToleranceDeg, overlay_.sceneHitInShotSpace())) {
      toggle(*hit);
      consumed = true;
    }
  }
  if (dwell_) {
    const glm::vec3 head = xr::headPosition(frame.eyes) - overlay_.origin();
    const glm::vec3 gaze = first.view.orientation * glm::vec3(0, 0, -1);
    const auto gazed = ui::markerOnRay(overlay_.markers(), overlay_.activeAt(shotSeconds), shotSeconds, head, gaze,
                                       overlay_.style(), kToleranceDeg, overlay_.sceneHitInShotSpace());
    // An open card stays open while it is looked at: the dwell only opens.
    if (auto fire = dwell_->update(nowSeconds, gazed); fire && overlay_.paint().open != *fire) toggle(*fire);
  }
  return consumed;
}

void MarkerSelection::refreshPaint(double nowSeconds) {
  ui::MarkerPaint& paint = overlay_.paint();
  paint.caption.clear();
  if (paint.open && narration_ != nullptr && narration_->speaking() == overlay_.markers()[*paint.open].id)
    paint.caption = narration_->caption();
  paint.dwelling = dwell_ ? dwell_->target() : std::nullopt;
  paint.dwellProgress = dwell_ ? dwell_->progress(nowSeconds) : 0.0f;
}

}  // namespace ps::player
