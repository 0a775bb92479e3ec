#include "player/view_overlay.h"

#include <stdexcept>

#include <algorithm>

#include <glm/geometric.hpp>
#include <glm/vec2.hpp>

#include "engine/srgb_format.h"
#include "engine/font_atlas.h"
#include "ui/blocking_geometry.h"
#include "ui/headset_menu_geometry.h"
#include "ui/marker_geometry.h"
#include "ui/view_projection.h"

namespace ps::player {

namespace {

constexpr float kGazeGlowDeg = 4.0f;  // the gaze glow's radius, a visual angle

glm::vec2 sizeOf(VkExtent2D e) { return {static_cast<float>(e.width), static_cast<float>(e.height)}; }

}  // namespace

ViewOverlay::ViewOverlay(ViewOverlayOptions options) : options_(std::move(options)), index_(options_.markers) {
  if (options_.filmFrame) film_ = std::make_unique<FilmFrameOverlay>(*options_.filmFrame);
  if (options_.openAtStart && *options_.openAtStart < options_.markers.size()) paint_.open = options_.openAtStart;
}

void ViewOverlay::setMarkers(std::vector<scenes::Marker> markers) {
  options_.markers = std::move(markers);
  index_ = scenes::MarkerTimeIndex(options_.markers);
  activeTime_.reset();
  ++markersRevision_;
}

void ViewOverlay::setItem(ViewOverlayOptions options) {
  options_ = std::move(options);
  film_ = options_.filmFrame ? std::make_unique<FilmFrameOverlay>(*options_.filmFrame) : nullptr;
  paint_ = ui::MarkerPaint{};
  if (options_.openAtStart && *options_.openAtStart < options_.markers.size()) paint_.open = options_.openAtStart;
  index_ = scenes::MarkerTimeIndex(options_.markers);
  activeTime_.reset();
  ++markersRevision_;
  built_.reset();  // the layer's geometry is built again for the new markers
  panel_ = {};
  input_.reset();
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

bool ViewOverlay::hasContent() const {
  return !options_.markers.empty() || film_ != nullptr || panel_ != nullptr || options_.headBox.has_value() ||
         !options_.blocking.empty() || remoteRay_.has_value() || playArea_.has_value() || options_.floorGrid ||
         tape_.has_value() || liveBadge_.has_value() || pointer_.has_value() || menu_.has_value() || gaze_.has_value();
}

void ViewOverlay::setInput(const engine::GuiInput& input) { input_ = input; }

void ViewOverlay::update(double shotSeconds) {
  // The clip follows the shot time, played or scrubbed alike.
  if (film_) film_->update(shotSeconds);
  // A card closes with its marker's window; one open from the start stays open through its
  // fade in (opacity 0 at its t_in).
  const auto closes = [&](std::size_t i) {
    const scenes::Marker& m = options_.markers[i];
    return options_.openAtStart == i ? !scenes::markerActive(m, shotSeconds) : scenes::markerOpacity(m, shotSeconds) <= 0;
  };
  if (paint_.open && (*paint_.open >= options_.markers.size() || closes(*paint_.open))) paint_.open.reset();
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
  const ui::Palette palette(engine::isSrgbFormat(target.format));
  engine::ImGuiPass& pass = *pass_;
  const bool panel = withPanel && panel_;
  if (panel && input_) pass.setInput(*input_);
  input_.reset();
  const auto build = [&] {
    // Once the markers and the film frame reach the eyes as a layer, only the panel is painted here.
    const bool painted = layer_ == nullptr;
    if (film_ && painted) film_->paint(pass, eye, shotSeconds, palette);
    // The panel may edit the markers: before they are laid out and painted.
    if (panel) panel_(sizeOf(target.extent), shotSeconds);
    if (painted)
      ui::paintMarkers(options_.markers,
                       ui::layoutMarkers(options_.markers, activeAt(shotSeconds), shotSeconds, eye, options_.style),
                       paint_, palette);
  };
  if (into)
    pass.record(*into.context, *into.frame, over, engine::ImGuiLoad::Keep, build);
  else
    pass.draw(over, engine::ImGuiLoad::Keep, build, sync, readback);
}

std::span<engine::Layer* const> ViewOverlay::layers(const engine::Device& device, std::span<const OverlayEye> eyes,
                                                     double shotSeconds) {
  if (!layer_) {
    // One atlas for the process: rasterised once, shared by every layer made after a device change.
    layer_ = std::make_unique<engine::OverlayLayer>(device, engine::FontAtlas::shared());
    layerList_ = {layer_.get()};
    if (film_) film_->layerDropped();
    built_.reset();
  }
  // The part that follows the views every frame: where the markers land in each eye.
  sprites_.resize(eyes.size());
  const std::vector<std::size_t>& active = activeAt(shotSeconds);
  for (std::size_t i = 0; i < eyes.size(); ++i)
    ui::layoutMarkers(options_.markers, active, shotSeconds,
                      ui::ViewProjection(inShotSpace(eyes[i].view), sizeOf(eyes[i].extent)), options_.style,
                      sprites_[i]);
  const bool fresh = !built_;
  const bool styleChanged = fresh || !(built_->style == options_.style);
  const bool markersChanged = styleChanged || built_->sprites != sprites_ || !(built_->paint == paint_) ||
                              built_->markersRevision != markersRevision_;
  if (styleChanged) {
    grid_.clear();
    if (options_.floorGrid) ui::buildFloorGrid(options_.style, grid_);
  }
  if (markersChanged) {
    cards_.clear();
    edges_.resize(eyes.size());
    for (std::size_t i = 0; i < eyes.size(); ++i) {
      // Cards are sized in the first eye's pixels and drawn in every eye from where it stands;
      // edge arrows belong to the eye they were laid out for.
      otherCards_.clear();
      edges_[i].clear();
      ui::buildMarkerGeometry(options_.markers, sprites_[i], paint_, layer_->atlas(), i == 0 ? cards_ : otherCards_,
                              edges_[i]);
    }
  }
  const bool filmChanged = film_ && film_->updateGeometry(*layer_, shotSeconds);
  // The head box shows as the eyes (their middle, in stage space) near its faces.
  float headBoxAlpha = 0;
  if (options_.headBox && !eyes.empty()) {
    glm::vec3 head(0.0f);
    for (const OverlayEye& eye : eyes) head += eye.view.position;
    headBoxAlpha = ui::headBoxFloorAlpha(*options_.headBox, head / static_cast<float>(eyes.size()));
  }
  const bool blockingChanged =
      !options_.blocking.empty() &&
      (fresh || !built_->blockingAt || ui::blockingMovesBetween(options_.blocking, *built_->blockingAt, shotSeconds));
  if (blockingChanged) {
    blocking_.clear();
    ui::buildBlockingGeometry(options_.blocking, shotSeconds, layer_->atlas(), blocking_);
  }
  const bool pointerChanged = fresh || built_->remotePointerRevision != remotePointerRevision_;
  if (pointerChanged) {
    remotePointer_.clear();
    if (remoteRay_) buildRemotePointer(*remoteRay_);
  }
  const bool playAreaChanged = fresh || built_->playArea != playArea_;
  if (playAreaChanged) {
    playAreaGeometry_.clear();
    if (playArea_)
      playAreaGeometry_.polyline(*playArea_, engine::linearColour(120, 220, 120, 0.8f), 0.04f, engine::WidthUnit::Metres,
                                 true);
  }
  const bool tapeChanged = fresh || built_->tape != tape_;
  if (tapeChanged) {
    tapeGeometry_.clear();
    if (tape_) ui::buildMeasurementGeometry(*tape_, layer_->atlas(), tapeGeometry_);
  }
  const bool menuChanged = fresh || built_->menu != menu_ || built_->keyboard != keyboard_;
  if (menuChanged) {
    menuGeometry_.clear();
    // Sized for the first eye, as the cards are.
    const float pxPerDeg = eyes.empty() ? 0.0f
                                        : ui::pixelsPerDegree(eyes.front().view.fov,
                                                              static_cast<float>(eyes.front().extent.height));
    if (menu_ && !eyes.empty()) ui::buildHeadsetMenuGeometry(*menu_, pxPerDeg, layer_->atlas(), menuGeometry_);
    if (keyboard_ && !eyes.empty())
      ui::buildHeadsetKeyboardGeometry(*keyboard_, pxPerDeg, layer_->atlas(), menuGeometry_);
  }
  const bool rebuilt = markersChanged || filmChanged || blockingChanged || pointerChanged || playAreaChanged ||
                       tapeChanged || menuChanged || built_->origin != origin_ || built_->headBoxAlpha != headBoxAlpha;
  if (rebuilt) {
    headBox_.clear();
    if (options_.headBox) ui::buildHeadBoxFloor(*options_.headBox, headBoxAlpha, headBox_);
    common_.clear();
    common_.append(grid_);
    if (film_) common_.append(film_->geometry());
    common_.append(cards_);
    common_.append(menuGeometry_);
    // Laid out relative to the capture point; the eyes see the display's stage space.
    common_.translate(origin_);
    common_.append(headBox_);  // in stage space already
    common_.append(blocking_);  // so is the blocking
    common_.append(remotePointer_);  // and the other headset's pointer
    common_.append(playAreaGeometry_);  // and the runtime's play area
    common_.append(tapeGeometry_);      // and the tape's measurement
    commonWithoutPointer_ = common_.vertices.size();
    if (fresh) built_.emplace();
    built_->sprites.swap(sprites_);  // what was laid out is what is built now
    built_->paint = paint_;
    built_->style = options_.style;
    built_->markersRevision = markersRevision_;
    built_->origin = origin_;
    built_->headBoxAlpha = headBoxAlpha;
    if (blockingChanged) built_->blockingAt = shotSeconds;
    built_->remotePointerRevision = remotePointerRevision_;
    built_->playArea = playArea_;
    built_->tape = tape_;
    built_->menu = menu_;
    built_->keyboard = keyboard_;
  }
  // The controller's ray moves with the hand every frame, and the live badge with the head: they
  // go last, so a moved hand or head costs their few vertices again, not a rebuild of the cards.
  std::optional<std::pair<glm::vec3, glm::vec3>> pointer;
  if (pointer_) {
    glm::vec3 end = pointerEnd(*pointer_, shotSeconds);
    // On the headset menu's or keyboard's card, where that is nearer: the cards are laid out for
    // the first eye.
    if ((menu_ || keyboard_) && !eyes.empty()) {
      const ui::ViewProjection first(inShotSpace(eyes.front().view), sizeOf(eyes.front().extent));
      const engine::Ray inShot{pointer_->origin - origin_, pointer_->direction};
      std::optional<float> along;
      if (menu_)
        if (const auto hit = ui::rayOnHeadsetMenu(inShot, *menu_, first, layer_->atlas())) along = hit->alongM;
      if (keyboard_)
        if (const auto hit = ui::rayOnHeadsetKeyboard(inShot, *keyboard_, first); hit && (!along || hit->alongM < *along))
          along = hit->alongM;
      if (along && *along < glm::length(end - pointer_->origin)) end = pointer_->origin + *along * pointer_->direction;
    }
    pointer = std::pair{pointer_->origin, end};
  }
  const std::optional<glm::vec3> gaze = gazePoint();
  const bool pointerMoved = rebuilt || built_->pointer != pointer || built_->liveBadge != liveBadge_ ||
                            built_->gaze != gaze || built_->gazeHint != gazeHint_;
  if (pointerMoved) {
    common_.vertices.resize(commonWithoutPointer_);
    pointerGeometry_.clear();
    if (pointer) ui::buildPointerGeometry(pointer->first, pointer->second, pointerGeometry_);
    common_.append(pointerGeometry_);
    liveBadgeGeometry_.clear();
    if (liveBadge_) ui::buildLiveBadgeGeometry(*liveBadge_, layer_->atlas(), liveBadgeGeometry_);
    common_.append(liveBadgeGeometry_);
    gazeGeometry_.clear();
    perEye_.assign(edges_.begin(), edges_.end());
    perEye_.resize(eyes.size());
    if (gaze && !eyes.empty()) {
      // Sized for the first eye, as the cards are: a fixed visual angle.
      const float pxPerDeg = ui::pixelsPerDegree(eyes.front().view.fov, static_cast<float>(eyes.front().extent.height));
      gazeGeometry_.glow(*gaze, kGazeGlowDeg * pxPerDeg, engine::linearColour(255, 236, 150, 0.6f));
      if (gazeHint_)
        for (std::size_t i = 0; i < eyes.size(); ++i) {
          const ui::ViewProjection eye(eyes[i].view, sizeOf(eyes[i].extent));
          const glm::vec3 inEye = eye.toEye(*gaze);
          const std::optional<glm::vec2> px = eye.pixelOfEyePoint(inEye);
          if (px && eye.contains(*px)) continue;
          ui::edgeArrow(perEye_[i], ui::edgeIndicatorFor(inEye, eye.extent(), options_.style.edgeMarginPx), 22,
                        engine::linearColour(255, 236, 150, 0.9f), engine::linearColour(10, 10, 10, 0.8f));
        }
    }
    common_.append(gazeGeometry_);
    built_->pointer = pointer;
    built_->liveBadge = liveBadge_;
    built_->gaze = gaze;
    built_->gazeHint = gazeHint_;
  }
  if (rebuilt || pointerMoved) layer_->copyGeometry(common_, perEye_);
  return layerList_;
}

ui::SceneHit ViewOverlay::sceneHitInShotSpace() const {
  if (!sceneHit_) return {};
  return [hit = sceneHit_, origin = origin_](const engine::Ray& ray) {
    return hit(engine::Ray{ray.origin + origin, ray.direction});
  };
}

void ViewOverlay::setRemotePointer(std::optional<engine::Ray> ray) {
  const auto same = [](const std::optional<engine::Ray>& a, const std::optional<engine::Ray>& b) {
    return a.has_value() == b.has_value() && (!a || (a->origin == b->origin && a->direction == b->direction));
  };
  if (same(ray, remoteRay_)) return;
  remoteRay_ = ray;
  ++remotePointerRevision_;
}

void ViewOverlay::setPointer(std::optional<engine::Ray> ray) { pointer_ = ray; }

void ViewOverlay::setGaze(std::optional<engine::Ray> ray, bool hint) {
  gaze_ = ray;
  gazeHint_ = hint;
}

std::optional<glm::vec3> ViewOverlay::gazePoint() const {
  if (!gaze_) return std::nullopt;
  float length = kGazeReachM;
  if (sceneHit_)
    if (const auto hit = sceneHit_(*gaze_); hit && *hit < length) length = *hit;
  return gaze_->origin + length * gaze_->direction;
}

void ViewOverlay::setHeadsetMenu(std::optional<ui::HeadsetMenuView> menu) { menu_ = std::move(menu); }

void ViewOverlay::setHeadsetKeyboard(std::optional<ui::HeadsetKeyboardView> keyboard) {
  keyboard_ = std::move(keyboard);
}

glm::vec3 ViewOverlay::pointerEnd(const engine::Ray& ray, double shotSeconds) const {
  constexpr float kReachM = 4.0f;
  float length = kReachM;
  if (sceneHit_)
    if (const auto hit = sceneHit_(ray); hit && *hit < length) length = *hit;
  // A marker it points at (as the editor and the selection pick): the cursor on its pin.
  const glm::vec3 from = ray.origin - origin_;
  if (const auto m = ui::markerOnRay(options_.markers, activeAt(shotSeconds), shotSeconds, from, ray.direction,
                                     options_.style, 2.5f, sceneHitInShotSpace())) {
    const float along = glm::dot(ui::markerPoint(options_.markers[*m], options_.style) - from, ray.direction);
    if (along > 0 && along < length) length = along;
  }
  return ray.origin + length * ray.direction;
}

void ViewOverlay::setPlayArea(const std::optional<std::array<glm::vec3, 4>>& corners) { playArea_ = corners; }

void ViewOverlay::setTape(const std::optional<scenes::Measurement>& measurement) { tape_ = measurement; }

void ViewOverlay::setLiveBadge(const std::optional<ui::LiveBadge>& badge) { liveBadge_ = badge; }

void ViewOverlay::setBlocking(scenes::Blocking blocking) {
  options_.blocking = std::move(blocking);
  if (built_) built_->blockingAt.reset();  // built again at the next frame
}

void ViewOverlay::buildRemotePointer(const engine::Ray& ray) {
  constexpr float kReachM = 4.0f;
  float length = kReachM;
  if (sceneHit_)
    if (const auto hit = sceneHit_(ray); hit && *hit < length) length = *hit;
  const glm::vec4 colour = engine::linearColour(255, 80, 200, 0.9f);
  const glm::vec3 end = ray.origin + length * ray.direction;
  remotePointer_.segment(ray.origin, end, colour, 3.0f);
  remotePointer_.disc(end, {0, 0}, 6.0f, colour, 16);
}

void ViewOverlay::wait() {
  if (pass_) pass_->wait();
}

void ViewOverlay::deviceReplaced() {
  pass_.reset();
  layer_.reset();
  passFormat_ = VK_FORMAT_UNDEFINED;
}

}  // namespace ps::player
