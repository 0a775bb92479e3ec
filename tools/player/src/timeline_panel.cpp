#include "player/timeline_panel.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>

#include "engine/srgb_format.h"
#include "media/frame_stamp.h"
#include "ui/scrubber_panel.h"
#include "ui/timecode.h"
#include "xr/head_position.h"

namespace ps::player {

namespace {

// The window's panel spans the full width, scaled from the layout's pixels.
float windowScale(VkExtent2D extent, const ui::PanelLayout& layout) {
  return static_cast<float>(extent.width) / layout.width;
}

glm::vec2 windowOrigin(VkExtent2D extent, const ui::PanelLayout& layout) {
  return {0.0f, static_cast<float>(extent.height) - layout.canvasHeight() * windowScale(extent, layout)};
}

// The drag preview's pictures: the shot's plate (its proxy, else its keyframes), or a plain video's keyframes.
std::unique_ptr<ui::ThumbnailSource> openThumbnails(const TimelineOptions& options, Rational fps) {
  ui::ThumbnailOptions thumbs;
  thumbs.fps = fps;
  Result<std::unique_ptr<ui::ThumbnailSource>> source = Error{"", "no video for thumbnails", ""};
  if (options.plate)
    source = ui::ThumbnailSource::open(*options.plate, thumbs);
  else if (!options.videoUrl.empty())
    source = ui::ThumbnailSource::openKeyframes(options.videoUrl, thumbs);
  if (source) {
    spdlog::info("timeline: drag preview from the {}", (*source)->fromProxy() ? "proxy" : "keyframes");
    return std::move(*source);
  }
  if (!options.plate && options.videoUrl.empty())
    spdlog::debug("timeline: no plate, no drag preview");  // a shot of sets only
  else
    spdlog::warn("timeline: no drag preview ({})", source.error().message());
  return nullptr;
}

}  // namespace

TimelinePanel::TimelinePanel(xr::Display& display, ui::TimelineRange range, TimelineOptions options)
    : display_(display), range_(range), options_(std::move(options)), drag_(range) {
  thumbnails_ = openThumbnails(options_, range_.fps);
}

void TimelinePanel::setItem(ui::TimelineRange range, TimelineOptions options) {
  range_ = range;
  options_ = std::move(options);
  drag_ = ui::ScrubDrag(range);
  landing_.reset();
  drawnKey_.reset();  // the headset's panel image is drawn again
  // The last item's preview closes and the next one opens off the loop thread (a decoder each).
  takeThumbnails();
  thumbnailsOpening_ = std::async(std::launch::async, [old = std::move(thumbnails_), o = options_, fps = range_.fps]() mutable {
    old.reset();
    return openThumbnails(o, fps);
  });
}

void TimelinePanel::followRange(ui::TimelineRange range) {
  if (drag_.dragging()) return;
  range_ = range;
  drag_.setRange(range);
}

void TimelinePanel::takeThumbnails() {
  if (thumbnailsOpening_.valid() && thumbnailsOpening_.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
    thumbnails_ = thumbnailsOpening_.get();
}

TimelinePanel::~TimelinePanel() = default;

void TimelinePanel::setMarkers(std::vector<scenes::Marker> markers) {
  options_.markers = std::move(markers);
  drawnKey_.reset();  // the headset's panel image is drawn again
}

void TimelinePanel::deviceReplaced() {
  pass_.reset();
  drawnKey_.reset();  // the display's panel image went with the old session
  shownThumbnail_.reset();
}

void TimelinePanel::place(const xr::DisplayFrame& frame) {
  if (placed_ || frame.eyes.empty()) return;
  // World-locked where the head looks at the start: between the eyes, yaw only.
  const glm::vec3 head = xr::headPosition(frame.eyes);
  const glm::vec3 forward = frame.eyes.front().view.orientation * glm::vec3(0, 0, -1);
  const float yaw = std::atan2(-forward.x, -forward.z);
  layout_ = ui::worldPanelLayout();
  placement_ = ui::PanelPlacement::below(head, yaw, layout_.canvasHeight() / layout_.width);
  xr::WorldPanel panel;
  panel.center = placement_->center;
  panel.orientation = placement_->orientation;
  panel.widthM = placement_->widthM;
  panel.heightM = placement_->heightM;
  panel.pixels = {static_cast<std::uint32_t>(layout_.width), static_cast<std::uint32_t>(layout_.canvasHeight())};
  world_ = display_.setWorldPanel(panel);
  if (!world_) {
    // The window: the panel is composited over the view's bottom instead, the preview over the view.
    placement_.reset();
    layout_ = ui::PanelLayout{};
    windowExtent_ = frame.eyes.front().target.extent;
    bandPx_ = layout_.canvasHeight() * windowScale(windowExtent_, layout_);
  }
  placed_ = true;
  spdlog::info("timeline: panel {}", world_ ? "as a quad layer in the world" : "along the window's bottom");
}

bool TimelinePanel::capturesPress(glm::vec2 targetPx) const {
  return !world_ && bandPx_ > 0 && targetPx.y >= static_cast<float>(windowExtent_.height) - bandPx_;
}

ui::PointerSample TimelinePanel::pointer(const Commands& in, double playhead) const {
  if (world_) {
    ui::PointerSample p{std::nullopt, false, in.grabbing};
    if (!in.aim || !placement_) return p;
    const glm::vec3 dir = in.aim->orientation * glm::vec3(0, 0, -1);
    const auto uv = placement_->intersect(in.aim->position, dir);
    if (!uv) return p;
    return layout_.hit(*uv, playhead, in.grabbing);
  }
  ui::PointerSample p{std::nullopt, false, in.pointerDown};
  if (!in.pointer || windowExtent_.width == 0) return p;
  const float scale = windowScale(windowExtent_, layout_);
  const glm::vec2 origin = windowOrigin(windowExtent_, layout_);
  const glm::vec2 uv = (*in.pointer - origin) / (glm::vec2(layout_.width, layout_.canvasHeight()) * scale);
  return layout_.hit(uv, playhead, in.pointerDown);
}

bool TimelinePanel::applyInput(const xr::DisplayFrame& frame, const Commands& in,
                               const media::PlayerState& state, media::Player& player) {
  place(frame);
  takeThumbnails();
  if (!world_ && !frame.eyes.empty() &&
      (frame.eyes.front().target.extent.width != windowExtent_.width ||
       frame.eyes.front().target.extent.height != windowExtent_.height)) {
    windowExtent_ = frame.eyes.front().target.extent;  // resized: the bar's band follows
    bandPx_ = layout_.canvasHeight() * windowScale(windowExtent_, layout_);
  }
  const double playhead = range_.fractionOf(state.positionSeconds);
  bool pressed = false;
  const auto step = [&](const ui::PointerSample& p) {
    const ui::ScrubRequest r = drag_.update(p, state.playing);
    if (r.pause) player.pause();
    if (r.seekTo) player.seek(*r.seekTo);  // merged by the player: only the last one per pass is decoded
    if (r.landed && r.frame) {
      landing_ = *r.frame;
      spdlog::info("timeline: scrub released on frame {} ({})", *r.frame, ui::timecodeOf(*r.frame, range_.fps).text());
    }
    pressed = pressed || drag_.dragging() || r.landed || (p.down && p.overGrab);
  };
  if (!world_ && in.pointerPressed && !drag_.dragging()) {
    // A press since the last frame, perhaps a whole click: the gesture starts where it did.
    Commands press = in;
    press.pointer = in.pointerPressed;
    press.pointerDown = true;
    step(pointer(press, playhead));
  }
  step(pointer(in, playhead));
  return pressed;
}

void TimelinePanel::onShown(const media::PlayerFrame& shown) {
  if (!landing_ || shown.state.seeking) return;
  const std::int64_t frame = ui::frameAt(shown.state.positionSeconds, range_.fps);  // a shot frame
  if (frame != *landing_) return;
  const std::optional<int> stamp =
      shown.frame != nullptr ? media::readFrameStamp(shown.frame->view()) : std::nullopt;  // none outside the plate
  spdlog::info("timeline: landed on frame {} (stamp {})", frame, stamp ? std::to_string(*stamp) : "none");
  landing_.reset();
}

void TimelinePanel::draw(const engine::RenderTarget& target, engine::ImGuiLoad load, glm::vec2 origin, float scale,
                         const media::PlayerState& state, const engine::SubmitSync& sync, engine::GuiFrame into) {
  if (!pass_) {
    engine::ImGuiPassOptions o;
    o.format = target.format;
    o.name = "timeline panel";
    pass_ = std::make_unique<engine::ImGuiPass>(display_.device(), o);
  }
  ui::ScrubberPanelFrame f;
  f.bar = ui::barContent(state, range_, options_.chapters, options_.markers);
  f.cursor = drag_.cursor();
  if (f.cursor) {
    f.cursorFrame = drag_.requestedFrame();
    f.cursorTimecode = ui::timecodeOf(f.cursorFrame.value_or(f.bar.frame), range_.fps).text();
  }
  if (f.cursor && thumbnails_) {
    // Asked every frame of a drag (latest wins); shown once decoded, the last one until then.
    const media::TrackTime t = options_.plateTiming.at(range_.seekTargetAt(*f.cursor));
    if (t.inside()) thumbnails_->request(t.mediaSeconds);
    if (auto thumb = t.inside() ? thumbnails_->nearest(t.mediaSeconds) : nullptr) {
      if (thumb != shownThumbnail_) pass_->setPicture(thumb->rgba.data(), thumb->width, thumb->height);
      shownThumbnail_ = std::move(thumb);
      f.preview = true;
    }
  }
  const ui::PanelColours colours{engine::isSrgbFormat(target.format)};
  engine::ImGuiPass& pass = *pass_;
  const ui::PictureDrawer picture = [&pass](float x0, float y0, float x1, float y1) { pass.picture(x0, y0, x1, y1); };
  if (options_.episode)
    options_.episode->playhead = options_.episode->starts[options_.episode->current] + state.positionSeconds - range_.in;
  const auto build = [&] {
    ui::drawScrubberPanel(f, layout_, origin, scale, colours, picture);
    if (options_.episode) ui::drawEpisodeStrip(*options_.episode, layout_, origin, scale, colours);
  };
  if (into)
    pass.record(*into.context, *into.frame, target, load, build);
  else
    pass.draw(target, load, build, sync);
}

void TimelinePanel::drawWorldPanel(xr::DisplayFrame& frame, const media::PlayerState& state, engine::GuiFrame into) {
  if (!world_ || !frame.shouldRender) return;
  // Redrawn only when what it shows changes (a frame, the play state, the drag): the quad
  // layer shows the last image otherwise, so a paused panel costs nothing per frame.
  const std::optional<double> cursor = drag_.cursor();
  const std::optional<std::int64_t> cursorFrame = drag_.requestedFrame();
  const auto loop = state.loop ? std::pair{state.loop->inSeconds, state.loop->outSeconds} : std::pair{0.0, 0.0};
  std::shared_ptr<const ui::Thumbnail> thumb;
  if (cursor && thumbnails_) {
    // Latest wins; the worker decodes it. None where the cursor lies outside the plate.
    const media::TrackTime t = options_.plateTiming.at(range_.seekTargetAt(*cursor));
    if (t.inside()) {
      thumbnails_->request(t.mediaSeconds);
      thumb = thumbnails_->nearest(t.mediaSeconds);
    }
  }
  const PanelKey key{state.playing, ui::frameAt(state.positionSeconds, range_.fps), loop, cursorFrame, thumb.get(),
                     {range_.in, range_.out}};
  if (drawnKey_ == key) return;
  const std::optional<engine::RenderTarget> target = display_.acquireWorldPanel();
  if (!target) return;
  draw(*target, engine::ImGuiLoad::Clear, {0, 0}, 1, state, {}, into);
  frame.panelDrawn = true;
  drawnKey_ = key;
}

void TimelinePanel::drawOverViews(const xr::DisplayFrame& frame, const media::PlayerState& state,
                                  const engine::SubmitSync& sync, engine::GuiFrame into) {
  if (frame.eyes.empty()) return;
  engine::RenderTarget target = frame.eyes.front().target;
  target.layoutBefore = target.layoutAfter;  // drawn over the view the equirect pass left there
  draw(target, engine::ImGuiLoad::Keep, windowOrigin(target.extent, layout_), windowScale(target.extent, layout_),
       state, sync, into);
}

}  // namespace ps::player
