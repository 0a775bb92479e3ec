#include "player/player_loop.h"

#include "media/voice_file_input.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include <glm/gtc/quaternion.hpp>

#include "engine/eye_camera.h"
#include "engine/render_still.h"
#include "scenes/marker_navigation.h"
#include "xr/head_position.h"

namespace ps::player {

namespace {

// Each item's staged pictures are keyed in a range of their own: frame indices below 2^40.
constexpr std::int64_t kItemKeyStep = std::int64_t{1} << 40;
// The most an RGB-D plate's first frame waits for its depth to decode and be measured.
constexpr std::chrono::milliseconds kFirstRgbdPictureWait{2000};

double steadySeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

media::HeadOrientation headOf(const engine::View& view) {
  const glm::vec3 forward = view.orientation * glm::vec3(0, 0, -1);
  const glm::vec3 up = view.orientation * glm::vec3(0, 1, 0);
  return media::HeadOrientation{{forward.x, forward.y, forward.z}, {up.x, up.y, up.z}};
}

// The listener between the eyes, facing where the first eye faces, placed relative to the
// capture point (`origin`), around which the narration's voices stand.
media::ListenerPose listenerOf(const std::vector<xr::EyeTarget>& eyes, const glm::vec3& origin) {
  const glm::vec3 p = xr::headPosition(eyes) - origin;
  return media::ListenerPose{{p.x, p.y, p.z}, headOf(eyes.front().view)};
}

// Seconds per frame at the stream's nominal rate (30 fps when it does not say).
double nominalFrameSeconds(const media::StreamInfo& info) {
  return info.frameRate.valid() ? 1.0 / info.frameRate.toDouble() : 1.0 / 30;
}

// Where the shot ends (shot seconds): its out, else the end of the player's range (the plate's).
double shotEnd(const std::optional<double>& out, media::Player& player) {
  if (out) return *out;
  return player.transport().range().outSeconds.value_or(player.info().durationSeconds);
}

}  // namespace

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

PlayerLoop::PlayerLoop(xr::Display& display, media::Player& player, PlayerLoopOptions options)
    : display_(display),
      player_(&player),
      options_(std::move(options)),
      bindings_(options_.keyBindings, options_.controlBindings, options_.stick) {}

PlayerLoop::~PlayerLoop() {
  try {
    finish();
  } catch (const std::exception& e) {
    spdlog::warn("player loop: {}", e.what());  // a lost device: nothing left to wait for
  }
}

void PlayerLoop::applyInput(const Commands& in, double displayTime, const media::PlayerState& state) {
  const double frameSeconds = player_->transport().frameSeconds();  // a shot frame
  if (in.togglePlay || in.select) player_->togglePlay();
  itemStep_ = in.itemStep;
  if (in.stepFrames != 0) {
    player_->step(in.stepFrames);
    display_.hapticTick();
  }
  if (in.jumpSeconds != 0) player_->seek(std::max(options_.inSeconds, state.positionSeconds + in.jumpSeconds));
  if (in.jumpToStart) player_->seek(options_.inSeconds);
  if (in.jumpToEnd && player_->live() != nullptr) player_->goLive();
  if (in.jumpToEnd && options_.outSeconds) player_->seek(*options_.outSeconds - frameSeconds);
  if (in.nextMarker)
    if (const scenes::Marker* m = scenes::nextMarker(options_.markers, state.positionSeconds, frameSeconds))
      player_->seek(m->tIn);
  if (in.setLoopIn || in.setLoopOut) {
    media::LoopRegion region =
        state.loop.value_or(media::LoopRegion{options_.inSeconds, shotEnd(options_.outSeconds, *player_)});
    if (in.setLoopIn) region.inSeconds = state.positionSeconds;
    if (in.setLoopOut) region.outSeconds = state.positionSeconds + frameSeconds;
    if (region.outSeconds > region.inSeconds) player_->setLoop(region);
  }
  // Shuttle: a scrub at a speed, landing on exact frames through merged seeks.
  if (in.shuttle != 0) {
    if (!scrubFrom_) {
      scrubFrom_ = state.positionSeconds;
      if (state.playing) player_->pause();
    }
    const double dt = std::clamp(displayTime - lastDisplayTime_, 0.0, 0.1);
    const double end = player_->live() != nullptr ? liveRange().out : shotEnd(options_.outSeconds, *player_);
    *scrubFrom_ = std::clamp(*scrubFrom_ + static_cast<double>(in.shuttle) * options_.scrubSpeed * dt,
                             options_.inSeconds, std::max(options_.inSeconds, end - frameSeconds));
    player_->seek(*scrubFrom_);
  } else {
    scrubFrom_.reset();
  }
}

void PlayerLoop::buildInputRoute() {
  input_ = InputRouter{};
  // A press on the timeline panel scrubs; it is not also play/pause.
  if (timeline_)
    input_.add("timeline", [this](Commands& in) {
      return timeline_->applyInput(*routedFrame_, in, last_, *player_) ? Taken::Select : Taken::None;
    });
  if (editor_)
    input_.add("editor", [this](Commands& in) {
      const bool took = editor_->apply(*routedFrame_, in, last_.positionSeconds);
      if (editor_->revision() != editorRevision_) {
        // The timeline's ticks and "next marker" follow the document being edited.
        editorRevision_ = editor_->revision();
        options_.markers = editor_->document().shot().markers;
        if (timeline_) timeline_->setMarkers(options_.markers);
        // A voice note recorded in the headset speaks at once.
        if (options_.narration != nullptr) options_.narration->setMarkers(options_.markers);
      }
      return took ? Taken::Select : Taken::None;
    });
  // With the tape on, the trigger measures.
  if (options_.tape)
    input_.add("tape", [this](Commands& in) {
      const bool took = options_.tape->apply(in, overlay_ ? overlay_->sceneHit() : MeasuringTape::SceneHit{});
      if (overlay_) overlay_->setTape(options_.tape->shown());
      return took ? Taken::Select : Taken::None;
    });
  if (options_.pen)
    input_.add("pen", [this](Commands& in) {
      const std::uint64_t before = options_.pen->revision();
      const bool took = options_.pen->apply(in, last_.positionSeconds, overlay_ ? overlay_->sceneHit() : MeasuringTape::SceneHit{});
      if (overlay_ && options_.pen->revision() != before) overlay_->setBlocking(options_.pen->blocking());
      return took ? Taken::Select : Taken::None;
    });
  // A trigger pressed on a marker opens it; it is not also play/pause.
  if (selection_)
    input_.add("markers", [this](Commands& in) {
      return selection_->apply(*routedFrame_, in, last_.positionSeconds, routedFrame_->predictedDisplayTime)
                 ? Taken::Select
                 : Taken::None;
    });
  input_.add("commands", [this](Commands& in) {
    applyInput(in, routedFrame_->predictedDisplayTime, last_);
    return Taken::None;
  });
}

void PlayerLoop::makeFrameObjects() {
  const std::uint32_t pictures = options_.renderer.framesInFlight;
  context_ = std::make_shared<engine::FrameContext>(display_.device(), std::clamp<std::uint32_t>(pictures, 2, 3), "player");
  frameRenderer_ = std::make_unique<engine::FrameRenderer>(display_.device());
  // One picture more than the frames in flight: the next video frame is staged into it ahead.
  background_ = std::make_unique<engine::EquirectLayer>(*context_, std::clamp<std::uint32_t>(pictures + 1, 2, 3));
  submitsCounted_ = 0;
  ++made_.frameObjects;
  makeItemLayers();
}

void PlayerLoop::makeItemLayers() {
  if (options_.rgbd != nullptr) {
    rgbdLayer_ = std::make_unique<engine::RgbdLayer>(*context_);
    rgbdLayer_->setPlacement(options_.rgbd->placement());
  }
  if (!options_.sets.empty()) sets_ = std::make_unique<SetScene>(display_.device(), options_.sets, options_.decodeWait);
  if (!options_.splats.empty()) {
    splats_ = std::make_unique<SplatScene>(display_.device(), options_.splats, options_.decodeWait);
    splats_->layer().setBudget(
        options_.splatBudget.value_or(display_.capabilities().headTracked ? kHeadsetSplatBudget : 0));
  }
  splatGovernor_.reset();
  splatGovernorDecided_ = false;
}

void PlayerLoop::steerSplats(double periodSeconds, std::uint64_t serial) {
  engine::SplatLayer& layer = splats_->layer();
  if (!splatGovernorDecided_) {
    splatGovernorDecided_ = true;
    const bool paced = display_.capabilities().headTracked && periodSeconds > 0.0;
    const double target = options_.splatFrameMs.value_or(paced ? kSplatShareOfFrame * periodSeconds * 1000.0 : 0.0);
    if (target <= 0.0) return;
    if (!layer.timesItsWork()) {
      spdlog::warn("splats: this GPU's queue has no timestamps, so their budget stays at {} whatever their time",
                   layer.budget());
      return;
    }
    // No budget set: the governor starts from every splat the captures hold.
    constexpr std::uint64_t kEverySplat = std::uint64_t{1} << 40;
    const std::uint64_t ceiling = layer.budget() > 0 ? layer.budget() : kEverySplat;
    splatGovernor_ = std::make_unique<engine::SplatGovernor>(
        engine::SplatGovernor::Options{target, std::min(kGovernedSplatFloor, ceiling), ceiling});
    stats_.splatTargetMs = target;
    spdlog::info("splats: their budget moves to hold their GPU time near {:.1f} ms a frame (at least {} splats)",
                 target, splatGovernor_->options().floor);
  }
  if (!splatGovernor_) return;
  const auto timing = layer.stats().timing;
  if (!timing) return;
  const std::uint64_t before = splatGovernor_->budget();
  const std::uint64_t budget = splatGovernor_->update(*timing, serial);
  layer.setBudget(budget);
  if (budget != before)
    spdlog::debug("splats: {:.2f} ms for {} splats; budget {} -> {}", timing->gpuMs, timing->drawn, before, budget);
  stats_.splatBudgetChanges = splatGovernor_->changes();
  if (splatGovernor_->changes() > 0)
    stats_.splatBudgetLowest =
        stats_.splatBudgetLowest == 0 ? budget : std::min(stats_.splatBudgetLowest, budget);
}

void PlayerLoop::dropFrameObjects() {
  if (!context_) return;
  countSubmits();
  submitsCounted_ = 0;
  // The frame renderer's depth images go at once: the frames that use them must be over. The
  // background hands its pictures to the context's disposer, which the context frees last.
  context_->waitAll();
  background_.reset();
  rgbdLayer_.reset();
  sets_.reset();
  splats_.reset();
  frameRenderer_.reset();
  context_.reset();
}

void PlayerLoop::render(xr::DisplayFrame& frame, const media::PlayerFrame& shown) {
  // Outside the plate (before its start, after its end) there is no picture: what stands in
  // front of it draws over black. On the plate, nothing is drawn until its first frame.
  const bool onPlate = shown.state.plate == media::TrackPlace::Inside;
  if (!frame.shouldRender || frame.eyes.empty() || (onPlate && shown.frame == nullptr)) return;
  engine::EquirectLayer& background = *background_;
  const bool rgbd = rgbdLayer_ != nullptr;
  if (rgbd && onPlate && (!rgbdLayer_->hasPicture() || uploadedIndex_ != shown.frame->index)) setRgbdPicture(*shown.frame);
  if (!rgbd && onPlate && (!background.hasPicture() || uploadedIndex_ != shown.frame->index)) startUpload(*shown.frame);
  const double t = shown.state.positionSeconds;
  // The eyes the frame draws: each eye's view, and where the runtime composites the sphere
  // itself (its equirect layer), the stereo views over it, which show everything in front of
  // the sphere on transparent black.
  eyes_.clear();
  overlayEyes_.clear();
  for (const xr::EyeTarget& eye : frame.eyes)
    eyes_.push_back(engine::EyeDraw{eye.eye, engine::EyeCamera(eye.view), eye.target, eye.wholeSphere});
  if (overlay_ && options_.director != nullptr) options_.director->onOverlay(*overlay_);
  // Over the runtime's sphere only when something stands in front of it.
  const bool inFront = sets_ || splats_ || (overlay_ && overlay_->hasContent());
  if (inFront)
    for (const xr::EyeTarget& eye : frame.overlayEyes)
      eyes_.push_back(engine::EyeDraw{eye.eye, engine::EyeCamera(eye.view), eye.target, false, true});
  for (const engine::EyeDraw& eye : eyes_)
    if (!eye.wholeSphere) overlayEyes_.push_back(OverlayEye{eye.camera.view(), eye.target.extent});
  engine::FrameRecording& recording = context_->begin();
  const engine::GuiFrame into{context_.get(), &recording};
  layers_.clear();
  if (onPlate && !rgbd) layers_.push_back(&background);
  if (onPlate && rgbd && rgbdLayer_->hasPicture()) layers_.push_back(rgbdLayer_.get());
  if (sets_) {
    sets_->showAt(t);
    layers_.push_back(&sets_->layer());
  }
  if (splats_) {
    splats_->showAt(t);
    steerSplats(frame.period, recording.serial);
    layers_.push_back(&splats_->layer());
  }
  if (overlay_ && overlay_->hasContent() && !overlayEyes_.empty()) {
    overlay_->update(t);
    for (engine::Layer* layer : overlay_->layers(display_.device(), overlayEyes_, t)) layers_.push_back(layer);
  }
  if (options_.director != nullptr) options_.director->addLayers(display_.device(), layers_);
  if (onPlate && !rgbd) finishUpload(*shown.frame);
  frameRenderer_->record(recording, eyes_, layers_);
  frame.depthDrawn = true;
  frame.overlayDrawn = inFront && !frame.overlayEyes.empty();
  // The editor's panel goes over the window's view after its pass, in the same command buffer
  // (the GUI pass's dependencies order it after the eye's). In a headset the timeline panel has
  // its own image, also drawn in this frame.
  const bool panelOverView = overlay_ && overlay_->hasPanel() && display_.capabilities().pointer &&
                             !frame.eyes.empty() && !frame.eyes.front().wholeSphere;
  if (panelOverView)
    overlay_->draw(display_.device(), frame.eyes.front().view, frame.eyes.front().target, t, {}, nullptr,
                   /*withPanel=*/true, into);
  if (timeline_ && timeline_->drawsOverViews())
    timeline_->drawOverViews(frame, shown.state, {}, into);
  else if (timeline_)
    timeline_->drawWorldPanel(frame, shown.state, into);
  if (frame.recordAfterDraw) frame.recordAfterDraw(recording.commands);
  frameStats_.timeSubmit([&] { context_->submit(frame.sync); });
  // A weak reference: a display may ask after the context is gone, whose end waited for its frames.
  frame.drawnOnGpu = [weak = std::weak_ptr<engine::FrameContext>(context_),
                      serial = context_->lastSubmitted()](bool block) {
    const std::shared_ptr<engine::FrameContext> context = weak.lock();
    if (!context) return true;
    if (block) context->wait(serial);
    return context->completedSerial() >= serial;
  };
  frame.submitted = true;
  ++stats_.drawn;
  stageNextPicture(frame);
}

// A new video frame for the background. Staged ahead: swapped in. Else its copy starts on the
// layer's thread, to run while this thread waits for the frame's command buffer and builds the
// other layers (finishUpload); only where no picture is free for that is it copied here.
void PlayerLoop::startUpload(const media::DecodedFrame& shown) {
  uploadAlongside_ = false;
  uploadedIndex_ = shown.index;
  ++stats_.uploads;
  if (background_->showStaged(pictureKey(shown.index), options_.layout, options_.yawOffsetDeg)) {
    ++stats_.uploadsAhead;
    return;
  }
  auto owner = std::make_shared<const media::DecodedFrame>(shown.clone());
  if (background_->stageAhead(pictureKey(shown.index), owner->view(), options_.layout, options_.yawOffsetDeg, owner)) {
    uploadAlongside_ = true;
    return;
  }
  setPicture(std::move(owner));
}

void PlayerLoop::finishUpload(const media::DecodedFrame& shown) {
  if (!std::exchange(uploadAlongside_, false)) return;
  if (background_->showStaged(pictureKey(shown.index), options_.layout, options_.yawOffsetDeg)) {
    ++stats_.uploadsAlongside;
    return;
  }
  // The copy failed: once more here, which says why.
  setPicture(std::make_shared<const media::DecodedFrame>(shown.clone()));
}

// An RGB-D plate's frame: its colour and depth (split from a stacked frame, or the depth video's
// frame of the same index) and its background layer's, copied into the layer now. The depth and
// background were decoded ahead (stageNextPicture); until a frame's are (a seek, a step), the
// layer keeps the last frame's, colour and depth of one frame, unless decodeWait says to wait
// (the first frame, with nothing to keep, waits).
void PlayerLoop::setRgbdPicture(const media::DecodedFrame& shown) {
  // The first picture is waited for: until it comes the layer has nothing to draw (black).
  const std::chrono::milliseconds wait =
      rgbdLayer_->hasPicture() ? options_.decodeWait : std::max(options_.decodeWait, kFirstRgbdPictureWait);
  auto picture = options_.rgbd->ready(shown, wait);
  if (!picture) return;
  if (!*picture) throw PictureRefused(picture->error());
  uploadedIndex_ = shown.index;
  ++stats_.uploads;
  try {
    const RgbdPictureFrame& p = **picture;
    const std::uint64_t measured = rgbdLayer_->picturesMeasured();
    rgbdLayer_->setPicture(p.colour, p.layout, p.depth, p.coding, p.measure.get());
    if (p.background)
      rgbdLayer_->setBackground(p.background->colour, p.background->layout, p.background->depth, p.background->coding,
                                p.background->measure.get());
    else
      rgbdLayer_->clearBackground();
    stats_.depthMeasuredOnLoop += rgbdLayer_->picturesMeasured() - measured;
  } catch (const std::invalid_argument& e) {
    Error error = engine::frameError(e);
    error.where = player_->info().url + "@frame " + std::to_string(shown.index);
    throw PictureRefused(std::move(error));
  }
}

void PlayerLoop::setPicture(std::shared_ptr<const media::DecodedFrame> frame) {
  // A reference to the frame (no copy) lets the layer copy only what the views sample,
  // including the views of the display frames that show this picture again.
  try {
    background_->setPicture(frame->view(), options_.layout, options_.yawOffsetDeg, frame);
  } catch (const std::invalid_argument& e) {
    Error error = engine::frameError(e);
    error.where = player_->info().url + "@frame " + std::to_string(frame->index);
    throw PictureRefused(std::move(error));
  }
}

// The video frame of the next display frame, copied into a free picture now, on the layer's
// thread, while this one ends the frame and waits for the next slot: that frame's upload is
// then a swap. A paced display wakes on its grid of periods, at the first slot not yet past,
// and shows a period later; an unpaced one is not predicted.
void PlayerLoop::stageNextPicture(const xr::DisplayFrame& frame) {
  if (frame.period <= 0) return;
  // A second off the clock: display times that do not follow it (a lockstep simulation, an
  // offscreen display), whose next frame is one period on.
  const double late = steadySeconds() - frame.predictedDisplayTime;
  const double periods = std::abs(late) > 1.0 ? 1.0 : std::max(1.0, std::ceil(late / frame.period) + 1);
  const media::DecodedFrame* next = player_->upcoming(frame.predictedDisplayTime + periods * frame.period);
  if (next == nullptr || next->index == uploadedIndex_) {
    // This item stages nothing more: it has no picture there, or its last frame shows.
    const double fps = player_->info().frameRate.toDouble();
    const double frameSeconds = fps > 0 ? 1.0 / fps : 0.0;
    if (next == nullptr || shotEnd(options_.outSeconds, *player_) - last_.positionSeconds < 1.5 * frameSeconds)
      stageNextItemPicture();
    return;
  }
  if (rgbdLayer_) {
    options_.rgbd->ahead(*next);  // its depth and background decode, and are measured, while this frame ends
    return;
  }
  if (background_->stagedKey() == pictureKey(next->index)) return;
  auto owner = std::make_shared<const media::DecodedFrame>(next->clone());
  background_->stageAhead(pictureKey(next->index), owner->view(), options_.layout, options_.yawOffsetDeg, owner);
}

PlayerLoopStats PlayerLoop::run() {
  const double start = steadySeconds();
  stats_ = PlayerLoopStats{};
  startPlayback();
  if (!context_) makeFrameObjects();
  makeTimeline();
  makeOverlay();
  makeEditor();
  answerUiClaims();
  buildInputRoute();
  for (;;) {
    handleQuitRequest();
    const xr::DisplayEvents ev = display_.poll();
    if (ev.quit) break;
    handleEvents(ev);
    if (options_.betweenFrames) options_.betweenFrames(last_, stats_);
    std::optional<xr::DisplayFrame> frame = display_.beginFrame();
    if (!frame) continue;
    placeEyes(*frame);
    if (options_.director != nullptr) options_.director->onFrame(*frame);
    frameStats_.begin(*frame);
    placeOverlay(*frame);
    routeInput(*frame);
    const media::PlayerFrame shown = updatePlayback(*frame);
    if (liveMonitor_) {
      std::optional<LiveMonitor::Shown> picture;
      if (const media::LiveFrame* f = player_->liveShown()) picture = LiveMonitor::Shown{f->frame.index, f->receivedAt};
      const media::LiveStatus status = player_->live()->status();
      ui::LiveBadge badge = liveMonitor_->onShown(status, picture, frame->predictedDisplayTime, frame->eyes);
      if (player_->rewound() && status.newestSeconds)
        badge.behind = *status.newestSeconds - shown.state.positionSeconds;
      if (timeline_) timeline_->followRange(liveRange());
      if (overlay_) overlay_->setLiveBadge(badge);
    }
    stats_.lastDisplayTime = frame->predictedDisplayTime;
    stats_.lastPeriod = frame->period;
    updateAudioAndNarration(*frame);
    render(*frame, shown);
    endFrame(*frame, shown);
    if (options_.episodeItem && leavesItem(*frame, shown)) break;
    if ((!options_.episodeItem && shotEnded(shown)) || (options_.maxFrames > 0 && stats_.frames >= options_.maxFrames)) askQuit();
  }
  if (overlay_) stats_.mostMarkersVisited = overlay_->mostVisited();
  if (liveMonitor_) {
    stats_.liveLatencySeconds = liveMonitor_->latency();
    stats_.liveStalls = liveMonitor_->stalls();
  }
  if (options_.episodeItem && stats_.ended != LoopEnd::DisplayQuit)
    countSubmits();  // kept for the next item
  else
    finish();
  stats_.wallSeconds = steadySeconds() - start;
  return stats_;
}

void PlayerLoop::offerNextItemPicture(const media::DecodedFrame& first, const FrameLayout& layout, float yawOffsetDeg) {
  nextItemPicture_ = NextItemPicture{std::make_shared<const media::DecodedFrame>(first.clone()), layout, yawOffsetDeg};
}

// Its key is the one pictureKey gives the frame once setItem has moved to the next item.
void PlayerLoop::stageNextItemPicture() {
  if (!nextItemPicture_ || !background_) return;
  const NextItemPicture& next = *nextItemPicture_;
  const std::int64_t key = itemKey_ + kItemKeyStep + next.frame->index;
  if (background_->stagedKey() == key) return;
  background_->stageAhead(key, next.frame->view(), next.layout, next.yawOffsetDeg, next.frame);
}

void PlayerLoop::setItem(media::Player& player, PlayerLoopOptions options) {
  // The item's own layers (its RGB-D picture, its sets and splats) go only after the frames in flight
  // that draw them. Nothing else waits: the background's pictures are its own copies, and the
  // overlay's new geometry goes to the GPU as any change of markers does.
  if (context_ && (rgbdLayer_ || sets_ || splats_ || (timeline_ && !options.timeline))) context_->waitAll();
  player_ = &player;
  options_ = std::move(options);
  bindings_ = InputBindings(options_.keyBindings, options_.controlBindings, options_.stick);
  editor_.reset();
  selection_.reset();
  if (overlay_) overlay_->setPanel({});
  rgbdLayer_.reset();
  sets_.reset();
  splats_.reset();
  if (context_) makeItemLayers();
  // The new item's frame indices start again: its staged pictures get keys of their own.
  itemKey_ += kItemKeyStep;
  nextItemPicture_.reset();  // staged (its key is now this item's) or not
  uploadedIndex_.reset();
  uploadAlongside_ = false;
  overlayPlaced_ = false;
  editorRevision_ = 0;
  last_ = media::PlayerState{};
  visibility_ = VisibilityPause{};
  quitAsked_ = false;
  scrubFrom_.reset();
  itemStep_ = 0;
}

std::int64_t PlayerLoop::pictureKey(std::int64_t frameIndex) const { return itemKey_ + frameIndex; }

void PlayerLoop::countSubmits() {
  if (!context_) return;
  stats_.submits += context_->submitCount() - submitsCounted_;
  submitsCounted_ = context_->submitCount();
}

void PlayerLoop::startPlayback() {
  if (options_.inSeconds > 0 && !options_.startsAtIn) player_->seek(options_.inSeconds);
  if (options_.loop && player_->live() == nullptr)
    player_->setLoop({options_.inSeconds, shotEnd(options_.outSeconds, *player_)});
  if (options_.autoplay) player_->play();
  // A stall is a few pictures late, and never less than half a second (a feed's timing wobbles).
  if (player_->live() != nullptr) liveMonitor_.emplace(std::max(0.5, 3 * nominalFrameSeconds(player_->info())));
}

ui::TimelineRange PlayerLoop::liveRange() {
  media::LiveFeed& feed = *player_->live();
  const double frame = player_->transport().frameSeconds();
  const double newest = feed.status().newestSeconds.value_or(0.0);
  const std::optional<media::LiveSpan> kept = feed.kept();
  // Whole frames, so that the panel is drawn again only when a picture comes.
  const double in = std::floor((kept ? std::min(kept->start, newest) : newest) / frame) * frame;
  return ui::TimelineRange{in, std::max(in + frame, newest + frame), options_.timeline ? options_.timeline->fps : Rational{30, 1}};
}

void PlayerLoop::makeTimeline() {
  if (!options_.timeline) {
    timeline_.reset();  // after setItem's wait for the frames in flight
    return;
  }
  const double end = shotEnd(options_.outSeconds, *player_);
  ui::TimelineRange range{options_.inSeconds, std::max(end, options_.inSeconds + 1e-3), options_.timeline->fps};
  if (player_->live() != nullptr) range = liveRange();
  if (timeline_) {
    timeline_->setItem(range, *options_.timeline);
    return;
  }
  timeline_ = std::make_unique<TimelinePanel>(display_, range, *options_.timeline);
  ++made_.timelinePanels;
}

void PlayerLoop::makeOverlay() {
  if (options_.editor && !options_.overlay) options_.overlay.emplace();  // the editor draws in the overlay
  if (!options_.overlay && overlay_) {
    // An item without markers: the overlay stays, empty (it draws nothing), for the next
    // item that has some (a title card), whose layer is then made already.
    overlay_->setItem(ViewOverlayOptions{});
    return;
  }
  if (!options_.overlay) return;
  if (overlay_) {
    overlay_->setItem(*options_.overlay);
  } else {
    overlay_ = std::make_unique<ViewOverlay>(*options_.overlay);
    ++made_.overlays;
    // Picking leaves out markers the sets and splat surfaces hide.
    overlay_->setSceneHit([this](const engine::Ray& ray) -> std::optional<float> {
      std::optional<float> hit = sets_ ? sets_->nearestHit(ray) : std::nullopt;
      if (const auto splat = splats_ ? splats_->nearestHit(ray) : std::nullopt; splat && (!hit || *splat < *hit))
        hit = splat;
      return hit;
    });
  }
  selection_ = std::make_unique<MarkerSelection>(*overlay_, options_.narration, options_.gazeDwell);
}

void PlayerLoop::makeEditor() {
  if (options_.editor) {
    auto document = scenes::ShotDocument::open(options_.editor->shot);
    if (document) {
      MarkerEditor::OpenVoice openVoice;
      if (const auto& file = options_.editor->voiceInput) openVoice = [path = *file] { return media::openVoiceFile(path); };
      editor_ = std::make_unique<MarkerEditor>(std::move(*document), *overlay_, options_.editor->startActive,
                                               std::move(openVoice));
    } else {
      spdlog::warn("editor: {}; playing without it", document.error().message());
    }
  }
}

void PlayerLoop::answerUiClaims() {
  if (options_.uiClaims) {
    options_.uiClaims->press = [this](glm::vec2 p) {
      return (timeline_ && timeline_->capturesPress(p)) || (editor_ && editor_->capturesPress(p));
    };
    options_.uiClaims->keyboard = [this] { return editor_ && overlay_ && overlay_->wantsKeyboard(); };
  }
}

void PlayerLoop::askQuit() {
  if (quitAsked_) return;
  quitAsked_ = true;
  display_.requestQuit();
}

void PlayerLoop::handleQuitRequest() {
  if (!quitAsked_ && options_.quitRequested && options_.quitRequested()) askQuit();
}

void PlayerLoop::handleEvents(const xr::DisplayEvents& ev) {
  if (ev.deviceReplaced) replaceDevice();
  if (options_.director != nullptr && options_.director->onEvents(ev)) return;
  if (ev.visible && !*ev.visible) {
    visibility_.hidden(*player_, last_.playing, stats_.frames > 0 ? lastDisplayTime_ : steadySeconds());
    frameStats_.forgetDisplayTime();  // hidden: display slots are not ours to miss
    ++stats_.hiddenPauses;
  } else if (ev.visible) {
    visibility_.shown(*player_);
  }
}

void PlayerLoop::replaceDevice() {
  // What the overlay and the panels made on the old device is used by its frames in flight.
  if (context_) context_->waitAll();
  if (timeline_) timeline_->deviceReplaced();
  if (overlay_) overlay_->deviceReplaced();
  if (options_.director != nullptr) options_.director->deviceReplaced();
  dropFrameObjects();  // waits for their frames on the old device, which the display still keeps
  makeFrameObjects();
  uploadedIndex_.reset();
  ++stats_.devicesReplaced;
  frameStats_.forgetDisplayTime();  // the slots of the outage were never offered: none missed
}

void PlayerLoop::placeEyes(xr::DisplayFrame& frame) const {
  if (!display_.capabilities().headTracked) {
    // Untracked eyes stand at the stage's origin: they see the shot from its capture point.
    for (xr::EyeTarget& eye : frame.eyes) eye.view.position += options_.capturePoint;
    for (xr::EyeTarget& eye : frame.overlayEyes) eye.view.position += options_.capturePoint;
  }
}

void PlayerLoop::placeOverlay(const xr::DisplayFrame& frame) {
  if (overlay_ && options_.playArea) overlay_->setPlayArea(display_.playArea());
  if (overlay_ && !overlayPlaced_ && !frame.eyes.empty()) {
    // The shot's capture point where the head is when playback starts (the window's and
    // offscreen eyes stand at the origin already).
    overlay_->setOrigin(xr::headPosition(frame.eyes));
    overlayPlaced_ = true;
  }
}

void PlayerLoop::routeInput(const xr::DisplayFrame& frame) {
  xr::RawInput raw = display_.input();
  if (options_.director != nullptr) options_.director->onInput(raw);
  Commands input = bindings_.map(raw);
  routedFrame_ = &frame;
  input_.route(input);
  routedFrame_ = nullptr;
  if (overlay_) {
    // The ray shows where a trigger press lands: none where the trigger does nothing (a kiosk
    // whose visitors may press nothing), so an idle controller draws nothing.
    const bool triggerBound = std::any_of(options_.controlBindings.begin(), options_.controlBindings.end(),
                                          [](const ControlBinding& b) { return b.control == Control::Trigger; });
    std::optional<engine::Ray> pointer;
    if (input.aim && triggerBound)
      pointer = engine::Ray{input.aim->position, input.aim->orientation * glm::vec3(0.0f, 0.0f, -1.0f)};
    overlay_->setPointer(pointer);
  }
  // What the wearer points at and has open: for a sync leader between frames, no one else.
  if (!options_.betweenFrames) return;
  stats_.pointer.reset();
  if (input.aim) stats_.pointer = engine::Ray{input.aim->position, input.aim->orientation * glm::vec3(0.0f, 0.0f, -1.0f)};
  const std::optional<std::size_t> open = overlay_ ? overlay_->paint().open : std::nullopt;
  stats_.openMarker = open && *open < overlay_->markers().size() ? overlay_->markers()[*open].id : std::string();
}

void PlayerLoop::showLeader(std::optional<engine::Ray> pointer, const std::optional<std::string>& openMarker) {
  if (!overlay_) return;
  overlay_->setRemotePointer(pointer);
  if (!openMarker) return;
  if (openMarker->empty()) {
    overlay_->paint().open.reset();
    return;
  }
  const auto& markers = overlay_->markers();
  for (std::size_t i = 0; i < markers.size(); ++i)
    if (markers[i].id == *openMarker) overlay_->paint().open = i;
}

media::PlayerFrame PlayerLoop::updatePlayback(const xr::DisplayFrame& frame) {
  lastDisplayTime_ = frame.predictedDisplayTime;
  const media::PlayerFrame shown = options_.decodeWait.count() > 0
                                       ? player_->update(frame.predictedDisplayTime, options_.decodeWait)
                                       : player_->update(frame.predictedDisplayTime);
  last_ = shown.state;
  if (timeline_) timeline_->onShown(shown);
  if (options_.director != nullptr) options_.director->onShown(frame, shown);
  return shown;
}

void PlayerLoop::updateAudioAndNarration(const xr::DisplayFrame& frame) {
  if (media::AudioPlayer* audio = player_->audio(); audio != nullptr && !frame.eyes.empty())
    audio->setHeadOrientation(headOf(frame.eyes.front().view));
  if (options_.narration != nullptr && !frame.eyes.empty())
    options_.narration->update(frame.predictedDisplayTime, listenerOf(frame.eyes, overlay_ ? overlay_->origin() : options_.capturePoint));
  if (selection_) selection_->refreshPaint(frame.predictedDisplayTime);
}

void PlayerLoop::endFrame(xr::DisplayFrame& frame, const media::PlayerFrame& shown) {
  frameStats_.end(frame);
  display_.endFrame(frame);
  if (options_.afterFrame) options_.afterFrame(frame, shown);
}

bool PlayerLoop::shotEnded(const media::PlayerFrame& shown) const {
  if (player_->live() != nullptr) return false;  // a live feed has no end
  // Without a loop, the shot ends where the player stops (its range's out), or already on the
  // plate's last frame before out.
  return !options_.loop &&
         (shown.state.atEnd ||
          (options_.outSeconds && shown.frame != nullptr &&
           player_->plateTiming().shotSeconds(shown.frame->seconds) + nominalFrameSeconds(player_->info()) >=
               *options_.outSeconds - 1e-6));
}

bool PlayerLoop::leavesItem(const xr::DisplayFrame& frame, const media::PlayerFrame& shown) {
  // On a paced display the item ends with its last display frame before out: the next
  // item's first frame takes the next slot, and the last video frame is held as long as any.
  const bool playedOut = frame.period > 0 && shown.state.playing && player_->live() == nullptr &&
                         shown.state.positionSeconds + frame.period >= shotEnd(options_.outSeconds, *player_) - 1e-6;
  if (itemStep_ != 0)
    stats_.ended = itemStep_ > 0 ? LoopEnd::NextItem : LoopEnd::PreviousItem;
  else if (options_.leaveRequested && options_.leaveRequested())
    stats_.ended = LoopEnd::Left;
  else if (!options_.loop && (shown.state.atEnd || (frame.period > 0 ? playedOut : shotEnded(shown))))
    stats_.ended = LoopEnd::ShotEnded;  // a looping item (a kiosk's last, holding) stays
  else
    return false;
  return true;
}

void PlayerLoop::finish() {
  if (options_.uiClaims) *options_.uiClaims = UiClaims{};  // the panels go now
  // The overlay's and the panels' GPU objects are used by the frames still in flight.
  if (context_) context_->waitAll();
  editor_.reset();
  selection_.reset();
  overlay_.reset();
  timeline_.reset();
  dropFrameObjects();
}

}  // namespace ps::player
