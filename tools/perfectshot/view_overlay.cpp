#include "view_overlay.h"

#include <stdexcept>

#include <algorithm>

#include <glm/vec2.hpp>

#include "ui/view_projection.h"

namespace ps::tools {

namespace {

bool isSrgb(VkFormat f) {
  return f == VK_FORMAT_R8G8B8A8_SRGB || f == VK_FORMAT_B8G8R8A8_SRGB || f == VK_FORMAT_A8B8G8R8_SRGB_PACK32;
}

glm::vec2 sizeOf(VkExtent2D e) { return {static_cast<float>(e.width), static_cast<float>(e.height)}; }

}  // namespace

ViewOverlay::ViewOverlay(ViewOverlayOptions options) : options_(std::move(options)), index_(options_.markers) {
  if (options_.filmFrame) film_ = std::make_unique<FilmFrameOverlay>(*options_.filmFrame);
}

void ViewOverlay::setMarkers(std::vector<scenes::Marker> markers) {
  options_.markers = std::move(markers);
  index_ = scenes::MarkerTimeIndex(options_.markers);
  activeTime_.reset();
}

const std::vector<std::size_t>& ViewOverlay::activeAt(double shotSeconds) const {
  if (activeTime_ != shotSeconds) {
    index_.activeAt(shotSeconds, active_);
    activeTime_ = shotSeconds;
    mostVisited_ = std::max(mostVisited_, index_.lastVisited());
  }
  return active_;
}

ViewOverlay::~ViewOverlay() = default;

bool ViewOverlay::hasContent() const { return !options_.markers.empty() || film_ != nullptr || panel_ != nullptr; }

void ViewOverlay::setInput(const engine::GuiInput& input) { input_ = input; }

void ViewOverlay::update(double shotSeconds) {
  // The clip follows the shot time, played or scrubbed alike.
  if (film_) film_->update(shotSeconds);
  // A card closes with its marker's window.
  if (paint_.open && (*paint_.open >= options_.markers.size() ||
                      scenes::markerOpacity(options_.markers[*paint_.open], shotSeconds) <= 0))
    paint_.open.reset();
}

engine::View ViewOverlay::inShotSpace(const engine::View& view) const {
  engine::View v = view;
  v.position -= origin_;
  return v;
}

std::vector<ui::MarkerSprite> ViewOverlay::layout(const engine::View& view, VkExtent2D extent,
                                                  double shotSeconds) const {
  return ui::layoutMarkers(options_.markers, activeAt(shotSeconds), shotSeconds,
                           ui::ViewProjection(inShotSpace(view), sizeOf(extent)), options_.style);
}

void ViewOverlay::draw(const engine::Device& device, const engine::View& view, const engine::RenderTarget& target,
                       double shotSeconds, const engine::SubmitSync& sync, const engine::OffscreenTarget* readback,
                       bool withPanel, engine::GuiFrame into) {
  if (into && (readback != nullptr || !sync.wait.empty() || !sync.signal.empty()))
    throw std::invalid_argument("ViewOverlay::draw into a display frame takes no sync or readback of its own");
  if (!pass_ || passFormat_ != target.format) {
    if (pass_) pass_->wait();
    engine::ImGuiPassOptions o;
    o.format = target.format;
    o.name = "view overlay";
    o.framesInFlight = options_.framesInFlight;
    pass_ = std::make_unique<engine::ImGuiPass>(device, o);
    passFormat_ = target.format;
    if (film_) film_->pictureDropped();
  }
  engine::RenderTarget over = target;
  over.layoutBefore = target.layoutAfter;  // drawn over the view the equirect pass left there
  const ui::ViewProjection eye(inShotSpace(view), sizeOf(target.extent));
  const ui::Palette palette(isSrgb(target.format));
  engine::ImGuiPass& pass = *pass_;
  const bool panel = withPanel && panel_;
  if (panel && input_) pass.setInput(*input_);
  input_.reset();
  const auto build = [&] {
        if (film_) film_->paint(pass, eye, shotSeconds, palette);
        // The panel may edit the markers: before they are laid out and painted.
        if (panel) panel_(sizeOf(target.extent), shotSeconds);
        ui::paintMarkers(options_.markers,
                         ui::layoutMarkers(options_.markers, activeAt(shotSeconds), shotSeconds, eye, options_.style),
                         paint_, palette);
  };
  if (into)
    pass.record(*into.context, *into.frame, over, engine::ImGuiLoad::Keep, build);
  else
    pass.draw(over, engine::ImGuiLoad::Keep, build, sync, readback);
}

void ViewOverlay::wait() {
  if (pass_) pass_->wait();
}

void ViewOverlay::deviceReplaced() {
  pass_.reset();
  passFormat_ = VK_FORMAT_UNDEFINED;
}

}  // namespace ps::tools
