#include "xr/openxr_display.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <chrono>
#include <stdexcept>
#include <thread>

#include <glm/gtc/constants.hpp>

#include "engine/eye_camera.h"
#include "engine/vk_check.h"
#include "openxr/connection.h"
#include "openxr/reconnect_backoff.h"
#include "openxr/xr_check.h"

namespace ps::xr {

using namespace openxr;  // this file is the OpenXR backend's top

namespace {

engine::View toView(const XrView& v) {
  engine::View view;
  view.orientation = glm::quat(v.pose.orientation.w, v.pose.orientation.x, v.pose.orientation.y, v.pose.orientation.z);
  view.position = glm::vec3(v.pose.position.x, v.pose.position.y, v.pose.position.z);
  view.fov = {v.fov.angleLeft, v.fov.angleRight, v.fov.angleUp, v.fov.angleDown};
  return view;
}

// While no session runs there is no xrWaitFrame to pace the loop; this keeps it from spinning.
constexpr auto kIdleWait = std::chrono::milliseconds(10);

}  // namespace

struct OpenXrDisplay::Impl {
  OpenXrDisplayOptions options;
  // Declared before the connection: the session dies before the device it renders with.
  std::unique_ptr<engine::Device> device;
  // The device of a lost connection, kept until the loop has rebuilt what it made on it.
  std::unique_ptr<engine::Device> retired;
  bool retiredReported = false;
  std::unique_ptr<Connection> conn;
  // The world panel's quad layer: its swapchain lives on the connection's session and dies
  // with it (declared after conn, so destroyed before it); made again after a reconnect.
  std::optional<WorldPanel> panel;
  std::optional<Swapchain> panelSwapchain;
  bool panelReady = false;  // an image of panelSwapchain was drawn and released: the layer can show
  // The desktop window showing one eye, on `device` (declared after it: its surface and
  // swapchain go first). The window outlives a reconnect; only its surface is remade.
  std::unique_ptr<WindowMirror> mirror;
  std::uint64_t framesMirrored = 0;
  std::uint64_t pastMirrorSubmits = 0;  // own submits of mirrors already closed

  bool quitRequested = false;
  bool waitingForExit = false;  // xrRequestExitSession sent; EXITING ends the loop
  bool shownReported = false;
  ReconnectBackoff backoff{0.1, 5.0};  // set from options in create()

  XrFrameState frameState{};
  std::vector<XrView> views;
  bool frameBegun = false;
  XrTime lastPredicted = 0;
  // Where the app's stage lies in the runtime's, locked (a venue's alignment); kept for the next
  // connection after a loss.
  std::optional<StagePose> alignment;

  void applyAlignment() {
    if (!conn || !conn->spaces) return;
    if (!alignment) {
      conn->spaces->unlock();
      return;
    }
    const glm::quat turn = glm::angleAxis(alignment->yawRad, glm::vec3(0, 1, 0));
    conn->spaces->lockAt(XrPosef{{turn.x, turn.y, turn.z, turn.w},
                                 {alignment->position.x, alignment->position.y, alignment->position.z}});
  }
  std::uint64_t frameIndex = 0;
  OpenXrStats stats;
  std::uint64_t pastValidation = 0;  // messages counted by connections and devices already gone

  // The device gets the mirror's surface and swapchain extensions only while there is a mirror:
  // one the runtime's GPU lacks must not cost the headset once the mirror is given up.
  ConnectionOptions connectionOptions() const {
    ConnectionOptions out;
    out.appName = options.appName;
    out.device = options.device;
    out.interactionProfiles = options.interactionProfiles;
    out.equirectLayer = options.equirectLayer;
    if (mirror) {
      for (std::string& e : mirror->instanceExtensions()) out.device.instanceExtensions.push_back(std::move(e));
      for (std::string& e : WindowMirror::deviceExtensions()) out.device.deviceExtensions.push_back(std::move(e));
      out.copiedFrom = true;
    }
    return out;
  }

  // Gives up the mirror: an Error when it was required, else a warning and the headset plays on.
  Status mirrorFailed(const Error& error) {
    dropMirror();
    if (options.mirror->required) return error;
    spdlog::warn("openxr: no mirror window ({}); the headset plays without it", error.message());
    return ok();
  }

  // Puts the mirror on the new device after a reconnect; gives it up (a warning) when it cannot.
  void attachMirror() {
    if (!mirror) return;
    if (auto attached = mirror->attach(*device); !attached) {
      spdlog::warn("openxr: the mirror window cannot show the headset's new device ({}); closing it",
                   attached.error().message());
      dropMirror();
    }
  }

  // The eye the mirror shows, copied by the frame's one submit after it is drawn (and before
  // the image goes back to the runtime: after xrReleaseSwapchainImage the app may no longer
  // touch it). Never throws: a broken mirror is closed, the headset goes on.
  void beginMirror(Connection& c, DisplayFrame& frame) {
    if (!mirror || !mirror->attached()) return;
    Swapchain* source = nullptr;
    if (c.equirect) {
      source = &*c.equirect;  // the one picture the headset gets: the window shows its middle
    } else {
      const std::size_t eye = options.mirror->eye == Eye::Right ? 1 : 0;
      if (eye >= c.swapchains.size()) return;
      source = &c.swapchains[eye];
    }
    if (!source->acquired()) return;
    try {
      auto copy = mirror->beginFrame(
          MirrorSource{source->acquiredImage(), source->extent(), VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL}, frame.index);
      if (!copy) return;
      // The only display work and sync of a headset frame: nothing to chain with.
      frame.recordAfterDraw = std::move(copy->record);
      frame.sync = copy->sync;
    } catch (const engine::VulkanError& e) {
      closeBrokenMirror(e);
    }
  }

  // Presents what the frame's submit copied, or black when the loop did not submit it.
  void endMirror(const DisplayFrame& frame) {
    if (!mirror) return;
    try {
      if (frame.submitted && !frame.drawnOnGpu)
        throw std::logic_error("OpenXrDisplay: a frame was submitted without its drawnOnGpu");
      if (mirror->endFrame(frame.submitted ? frame.drawnOnGpu : nullptr)) ++framesMirrored;
    } catch (const engine::VulkanError& e) {
      closeBrokenMirror(e);
    }
  }

  void closeBrokenMirror(const engine::VulkanError& e) {
    spdlog::warn("openxr: the mirror window failed ({}); closing it, the headset plays on", e.what());
    dropMirror();
  }

  // Closes the mirror window, keeping the count of its own submits.
  void dropMirror() {
    if (mirror) pastMirrorSubmits += mirror->ownSubmits();
    mirror.reset();
  }

  void setShown(DisplayEvents& ev, bool shown) {
    if (shown == shownReported) return;
    shownReported = shown;
    ev.visible = shown;
    spdlog::info("openxr: {}", shown ? "shown: playback may run" : "hidden: playback paused");
  }

  std::uint64_t validationNow() const {
    std::uint64_t n = pastValidation;
    if (device) n += device->validationMessageCount();
    if (retired) n += retired->validationMessageCount();
    if (conn) n += conn->instance->extensions().debugUtils.messageCount();
    return n;
  }

  // The session or instance is gone: drop everything made on it, keep the device for the loop.
  void tearDown(DisplayEvents& ev) {
    setShown(ev, false);
    if (device) {
      // The runtime frees the swapchain images with the session; none may still be in use.
      (void)vkDeviceWaitIdle(device->device());
    }
    if (conn) pastValidation += conn->instance->extensions().debugUtils.messageCount();
    if (mirror) mirror->detach();  // its surface belongs to the instance that goes with the device
    panelSwapchain.reset();
    panelReady = false;
    conn.reset();
    frameBegun = false;
    if (device) {
      if (retired) pastValidation += retired->validationMessageCount();
      retired = std::move(device);
      retiredReported = false;
    }
    backoff.lost(steadyNow());
    spdlog::warn("openxr: session lost; reconnecting");
  }

  void tryReconnect(DisplayEvents& ev) {
    const double now = steadyNow();
    if (!backoff.due(now)) return;
    std::unique_ptr<engine::Device> fresh;
    auto opened = Connection::open(connectionOptions(), fresh);
    if (!opened) {
      backoff.failed(now);
      spdlog::warn("openxr: reconnect failed ({}); next try in {:.1f} s", opened.error().message(), backoff.delay());
      return;
    }
    conn = std::move(*opened);
    device = std::move(fresh);
    applyAlignment();
    attachMirror();
    backoff.connected();
    ev.deviceReplaced = true;
    retiredReported = true;  // freed at the next poll, once the loop has rebuilt on the new device
    ++stats.reconnects;
    spdlog::info("openxr: reconnected");
  }

  // The one owner of the session state machine: drains xrPollEvent and acts on each change.
  void pumpEvents(DisplayEvents& ev) {
    for (;;) {
      auto event = xrStruct<XrEventDataBuffer>(XR_TYPE_EVENT_DATA_BUFFER);
      if (PS_XR_CHECK(xrPollEvent(conn->instance->handle(), &event)) == XR_EVENT_UNAVAILABLE) return;
      if (event.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED)
        spdlog::debug("openxr: session state {}",
                      static_cast<int>(reinterpret_cast<const XrEventDataSessionStateChanged&>(event).state));
      else if (event.type == XR_TYPE_EVENT_DATA_EVENTS_LOST)
        spdlog::warn("openxr: the runtime dropped {} events",
                     reinterpret_cast<const XrEventDataEventsLost&>(event).lostEventCount);
      else
        spdlog::debug("openxr: event {}", static_cast<int>(event.type));
      if (const auto present = UserPresence::presentIn(event)) ev.present = *present;
      const SessionStep step = conn->machine.onEvent(event);
      if (step.begin) {
        auto info = xrStruct<XrSessionBeginInfo>(XR_TYPE_SESSION_BEGIN_INFO);
        info.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
        PS_XR_CHECK(xrBeginSession(conn->session.get(), &info));
        if (quitRequested) requestExit();
      }
      if (step.end) PS_XR_CHECK(xrEndSession(conn->session.get()));
      if (step.shown) setShown(ev, *step.shown);
      if (step.lost) conn->lost = true;
      if (step.exit) {
        ev.quit = true;
        if (!quitRequested) spdlog::info("openxr: the runtime ended the session");
      }
      if (conn->lost || ev.quit) return;
    }
  }

  void requestExit() {
    if (!conn || !conn->machine.running() || waitingForExit) return;
    PS_XR_CHECK(xrRequestExitSession(conn->session.get()));
    waitingForExit = true;
  }
};

OpenXrDisplay::OpenXrDisplay(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OpenXrDisplay::~OpenXrDisplay() {
  if (impl_->options.mirror)
    spdlog::info("openxr: the mirror window showed {} of {} frames", impl_->framesMirrored, impl_->stats.framesEnded);
}

Result<std::unique_ptr<OpenXrDisplay>> OpenXrDisplay::create(const OpenXrDisplayOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->backoff = ReconnectBackoff(options.reconnectMinSeconds, options.reconnectMaxSeconds);
  if (options.mirror) {
    // Before the device: the window system decides which surface extension it must have.
    auto mirror = WindowMirror::open(options.mirror->window);
    if (mirror) impl->mirror = std::move(mirror).value();
    else if (auto given = impl->mirrorFailed(mirror.error()); !given) return given.error();
  }
  auto opened = Connection::open(impl->connectionOptions(), impl->device);
  if (!opened && impl->mirror && !options.mirror->required && opened.error().where == "Vulkan") {
    // The headset's GPU may lack what presenting to a window needs: without the mirror it may still play.
    spdlog::warn("openxr: {}; trying again without the mirror window", opened.error().message());
    impl->mirror.reset();
    opened = Connection::open(impl->connectionOptions(), impl->device);
  }
  if (!opened) return opened.error();
  impl->conn = std::move(*opened);
  if (impl->mirror) {
    if (auto attached = impl->mirror->attach(*impl->device); !attached) {
      if (auto given = impl->mirrorFailed(attached.error()); !given) return given.error();
    } else {
      spdlog::info("openxr: mirroring the {} eye in a window", options.mirror->eye == Eye::Right ? "right" : "left");
    }
  }
  return std::unique_ptr<OpenXrDisplay>(new OpenXrDisplay(std::move(impl)));
}

const engine::Device& OpenXrDisplay::device() const {
  return impl_->device ? *impl_->device : *impl_->retired;
}

DisplayEvents OpenXrDisplay::poll() {
  Impl& s = *impl_;
  DisplayEvents ev;
  if (s.mirror && !s.mirror->poll()) {
    s.dropMirror();  // waits for its frames on the queue
    spdlog::info("openxr: mirror window closed; the headset plays on");
  }
  if (s.retired && s.retiredReported) {
    s.pastValidation += s.retired->validationMessageCount();
    s.retired.reset();
  }
  try {
    if (s.conn && !s.conn->lost) s.pumpEvents(ev);
  } catch (const XrCallError& e) {
    if (!e.isLoss()) throw;
    s.conn->lost = true;
  }
  if (ev.quit) return ev;
  if (s.conn && s.conn->lost) s.tearDown(ev);
  if (!s.conn) {
    if (s.quitRequested) {
      ev.quit = true;
      return ev;
    }
    s.tryReconnect(ev);
  } else if (s.quitRequested && !s.waitingForExit && !s.conn->machine.running()) {
    ev.quit = true;  // nothing runs that the runtime needs to see end
  }
  return ev;
}

std::optional<DisplayFrame> OpenXrDisplay::beginFrame() {
  Impl& s = *impl_;
  if (!s.conn || s.conn->lost || !s.conn->machine.running()) {
    std::this_thread::sleep_for(kIdleWait);
    return std::nullopt;
  }
  Connection& c = *s.conn;
  try {
    s.frameState = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
    auto waitInfo = xrStruct<XrFrameWaitInfo>(XR_TYPE_FRAME_WAIT_INFO);
    PS_XR_CHECK(xrWaitFrame(c.session.get(), &waitInfo, &s.frameState));
    c.clock->observeWait(s.frameState.predictedDisplayTime, s.frameState.predictedDisplayPeriod, steadyNow());
    auto beginInfo = xrStruct<XrFrameBeginInfo>(XR_TYPE_FRAME_BEGIN_INFO);
    PS_XR_CHECK(xrBeginFrame(c.session.get(), &beginInfo));  // XR_FRAME_DISCARDED: the previous frame was dropped
    s.frameBegun = true;
    s.lastPredicted = s.frameState.predictedDisplayTime;

    DisplayFrame frame;
    frame.index = s.frameIndex++;
    frame.period = static_cast<double>(s.frameState.predictedDisplayPeriod) * 1e-9;
    frame.predictedDisplayTime = c.clock->toSteady(s.frameState.predictedDisplayTime);
    frame.shouldRender = s.frameState.shouldRender == XR_TRUE;
    if (frame.shouldRender) {
      auto locate = xrStruct<XrViewLocateInfo>(XR_TYPE_VIEW_LOCATE_INFO);
      locate.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
      locate.displayTime = s.frameState.predictedDisplayTime;
      locate.space = c.spaces->app();
      auto viewState = xrStruct<XrViewState>(XR_TYPE_VIEW_STATE);
      std::uint32_t count = static_cast<std::uint32_t>(c.swapchains.size());
      s.views.assign(count, xrStruct<XrView>(XR_TYPE_VIEW));
      PS_XR_CHECK(xrLocateViews(c.session.get(), &locate, &viewState, count, &count, s.views.data()));
      // Without a tracked orientation there is nothing sensible to draw.
      frame.shouldRender = (viewState.viewStateFlags & XR_VIEW_STATE_ORIENTATION_VALID_BIT) != 0;
    }
    // Each eye's colour image, with its depth image where depth goes to the compositor.
    const auto eyeTarget = [&](std::size_t i) {
      EyeTarget eye{i == 0 ? Eye::Left : Eye::Right, toView(s.views[i]), c.swapchains[i].acquire()};
      if (i < c.depthSwapchains.size()) c.depthSwapchains[i].acquireDepthInto(eye.target);
      return eye;
    };
    if (frame.shouldRender && c.equirect) {
      frame.eyes.push_back({Eye::Left, toView(s.views[0]), c.equirect->acquire(), /*wholeSphere=*/true});
      // The projection layer over the sphere, shown only where the loop draws it.
      for (std::size_t i = 0; i < c.swapchains.size(); ++i) frame.overlayEyes.push_back(eyeTarget(i));
    } else if (frame.shouldRender) {
      for (std::size_t i = 0; i < c.swapchains.size(); ++i) frame.eyes.push_back(eyeTarget(i));
    }
    if (frame.shouldRender) s.beginMirror(c, frame);
    return frame;
  } catch (const XrCallError& e) {
    if (!e.isLoss()) throw;
    c.lost = true;
    return std::nullopt;
  }
}

void OpenXrDisplay::endFrame(DisplayFrame& frame) {
  Impl& s = *impl_;
  s.endMirror(frame);  // even for a frame the runtime no longer takes: the window image was acquired
  if (!s.conn || s.conn->lost || !s.frameBegun) return;
  Connection& c = *s.conn;
  s.frameBegun = false;
  try {
    bool drawn = frame.shouldRender && frame.submitted && !frame.eyes.empty();
    bool eyesAcquired = !c.swapchains.empty();
    for (const Swapchain& swapchain : c.swapchains) eyesAcquired = eyesAcquired && swapchain.acquired();
    drawn = drawn && (c.equirect ? c.equirect->acquired() : eyesAcquired);
    // The stereo views: the whole picture, or (over an equirect layer) what the loop drew over it.
    const bool overSphere = drawn && c.equirect && frame.overlayDrawn && !frame.overlayEyes.empty() && eyesAcquired;
    const bool projection = (drawn && !c.equirect) || overSphere;
    bool withDepth = projection && frame.depthDrawn && c.depthSwapchains.size() == c.swapchains.size();
    for (const Swapchain& swapchain : c.depthSwapchains) withDepth = withDepth && swapchain.acquired();
    // After the frame's submit (which also copied the mirror's eye), as the spec requires. Images
    // acquired and not drawn go back too (release() skips those not acquired).
    if (c.equirect) c.equirect->release();
    for (Swapchain& swapchain : c.swapchains) swapchain.release();
    for (Swapchain& swapchain : c.depthSwapchains) swapchain.release();
    if (s.panelSwapchain && s.panelSwapchain->acquired()) {
      s.panelSwapchain->release();
      s.panelReady = frame.panelDrawn;  // an image released undrawn holds nothing to show
    }
    const bool showPanel = drawn && s.panel && s.panelSwapchain && s.panelReady;
    std::vector<XrCompositionLayerProjectionView> projected;
    std::vector<XrCompositionLayerDepthInfoKHR> depths;
    projected.reserve(c.swapchains.size());
    depths.reserve(c.swapchains.size());  // chained by pointer: no reallocation after the first
    auto layer = xrStruct<XrCompositionLayerProjection>(XR_TYPE_COMPOSITION_LAYER_PROJECTION);
    std::vector<const XrCompositionLayerBaseHeader*> layers;
    auto sphere = xrStruct<XrCompositionLayerEquirect2KHR>(XR_TYPE_COMPOSITION_LAYER_EQUIRECT2_KHR);
    if (drawn && c.equirect) {
      // Infinitely far (radius 0), centred on the app space's origin with its axes: the image
      // centre straight ahead (-Z), as the projection path draws it.
      sphere.space = c.spaces->app();
      sphere.eyeVisibility = XR_EYE_VISIBILITY_BOTH;
      const VkExtent2D e = c.equirect->extent();
      sphere.subImage.swapchain = c.equirect->handle();
      sphere.subImage.imageRect = {{0, 0}, {static_cast<std::int32_t>(e.width), static_cast<std::int32_t>(e.height)}};
      sphere.pose.orientation.w = 1;
      sphere.radius = 0;
      sphere.centralHorizontalAngle = 2 * glm::pi<float>();
      sphere.upperVerticalAngle = glm::half_pi<float>();
      sphere.lowerVerticalAngle = -glm::half_pi<float>();
      layers.push_back(reinterpret_cast<const XrCompositionLayerBaseHeader*>(&sphere));
    }
    if (projection) {
      for (std::size_t i = 0; i < c.swapchains.size(); ++i) {
        auto view = xrStruct<XrCompositionLayerProjectionView>(XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW);
        view.pose = s.views[i].pose;
        view.fov = s.views[i].fov;
        view.subImage.swapchain = c.swapchains[i].handle();
        const VkExtent2D e = c.swapchains[i].extent();
        view.subImage.imageRect = {{0, 0}, {static_cast<std::int32_t>(e.width), static_cast<std::int32_t>(e.height)}};
        if (withDepth) {
          depths.push_back(reverseZDepthInfo(c.depthSwapchains[i].handle(), view.subImage.imageRect,
                                             engine::EyeCamera::kDefaultNearM));
          view.next = &depths.back();
        }
        projected.push_back(view);
      }
      // Over the sphere only what was drawn shows: blended by its (premultiplied) alpha.
      if (overSphere) layer.layerFlags = XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT;
      layer.space = c.spaces->app();
      layer.viewCount = static_cast<std::uint32_t>(projected.size());
      layer.views = projected.data();
      layers.push_back(reinterpret_cast<const XrCompositionLayerBaseHeader*>(&layer));
    }
    auto quad = xrStruct<XrCompositionLayerQuad>(XR_TYPE_COMPOSITION_LAYER_QUAD);
    if (showPanel) {
      // Over the projection layer, blended by the panel's alpha (its rounded, translucent back).
      quad.layerFlags = XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT;
      quad.space = c.spaces->app();
      quad.eyeVisibility = XR_EYE_VISIBILITY_BOTH;
      quad.subImage.swapchain = s.panelSwapchain->handle();
      const VkExtent2D e = s.panelSwapchain->extent();
      quad.subImage.imageRect = {{0, 0}, {static_cast<std::int32_t>(e.width), static_cast<std::int32_t>(e.height)}};
      const WorldPanel& p = *s.panel;
      quad.pose.orientation = {p.orientation.x, p.orientation.y, p.orientation.z, p.orientation.w};
      quad.pose.position = {p.center.x, p.center.y, p.center.z};
      quad.size = {p.widthM, p.heightM};
      layers.push_back(reinterpret_cast<const XrCompositionLayerBaseHeader*>(&quad));
    }
    auto info = xrStruct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
    info.displayTime = s.frameState.predictedDisplayTime;
    info.environmentBlendMode = c.blendMode;
    info.layerCount = static_cast<std::uint32_t>(layers.size());
    info.layers = layers.data();
    PS_XR_CHECK(xrEndFrame(c.session.get(), &info));
    ++s.stats.framesEnded;
    if (withDepth) ++s.stats.framesWithDepth;
    if (overSphere) ++s.stats.framesOverSphere;
  } catch (const XrCallError& e) {
    if (!e.isLoss()) throw;
    c.lost = true;
  }
}

RawInput OpenXrDisplay::input() {
  Impl& s = *impl_;
  if (!s.conn || s.conn->lost || !s.conn->machine.running()) return {};
  Connection& c = *s.conn;
  try {
    const openxr::ControllerReading controllers =
        c.controls->read(c.session.get(), c.spaces->app(), s.lastPredicted, c.machine.shown());
    if (controllers.recenter) c.spaces->recenter(s.lastPredicted);
    // Keys typed into the mirror window join the controllers; its mouse is not the wearer's.
    RawInput in = s.mirror ? s.mirror->takeKeys() : RawInput{};
    in.hands = controllers.hands;
    return in;
  } catch (const XrCallError& e) {
    if (!e.isLoss()) throw;
    c.lost = true;
    return {};
  }
}

void OpenXrDisplay::requestQuit() {
  Impl& s = *impl_;
  if (s.quitRequested) return;
  s.quitRequested = true;
  spdlog::info("openxr: ending the session");
  try {
    s.requestExit();
  } catch (const XrCallError& e) {
    if (!e.isLoss()) throw;
    s.conn->lost = true;
  }
}

void OpenXrDisplay::hapticTick() {
  Impl& s = *impl_;
  if (!s.conn || s.conn->lost || !s.conn->machine.shown()) return;
  try {
    s.conn->controls->tick(s.conn->session.get());
  } catch (const XrCallError& e) {
    if (!e.isLoss()) throw;
    s.conn->lost = true;
  }
}

std::optional<StagePose> OpenXrDisplay::stageInRoom() const {
  const Impl& s = *impl_;
  if (!s.conn || !s.conn->spaces) return std::nullopt;
  const XrPosef o = s.conn->spaces->offset();
  const glm::quat q(o.orientation.w, o.orientation.x, o.orientation.y, o.orientation.z);
  const glm::vec3 forward = q * glm::vec3(0, 0, -1);
  return StagePose{{o.position.x, o.position.y, o.position.z}, std::atan2(-forward.x, -forward.z)};
}

std::optional<std::array<glm::vec3, 4>> OpenXrDisplay::playArea() const {
  const Impl& s = *impl_;
  if (!s.conn || s.conn->lost || !s.conn->spaces) return std::nullopt;
  try {
    return s.conn->spaces->boundsInApp();
  } catch (const XrCallError& e) {
    if (!e.isLoss()) throw;
    return std::nullopt;  // the loss is found by the next call that can report it
  }
}

bool OpenXrDisplay::alignStage(const std::optional<StagePose>& pose) {
  Impl& s = *impl_;
  if (!s.conn || !s.conn->spaces) return false;
  s.alignment = pose;
  s.applyAlignment();
  return true;
}

bool OpenXrDisplay::recenter() {
  Impl& s = *impl_;
  if (!s.conn || s.conn->lost || !s.conn->machine.running() || s.lastPredicted == 0) return false;
  try {
    s.conn->spaces->recenter(s.lastPredicted);
    return true;
  } catch (const XrCallError& e) {
    if (!e.isLoss()) throw;
    s.conn->lost = true;
    return false;
  }
}

std::optional<engine::RenderTarget> OpenXrDisplay::acquireWorldPanel() {
  Impl& s = *impl_;
  if (!s.panel || !s.frameBegun || !s.conn || s.conn->lost) return std::nullopt;
  Connection& c = *s.conn;
  try {
    if (!s.panelSwapchain)
      s.panelSwapchain.emplace(c.session.get(), *s.device, chooseSwapchainFormat(c.session.get()), s.panel->pixels,
                               "world panel");
    if (s.panelSwapchain->acquired()) return std::nullopt;  // once per frame
    return s.panelSwapchain->acquire();
  } catch (const XrCallError& e) {
    if (!e.isLoss()) throw;
    c.lost = true;
    return std::nullopt;
  }
}

bool OpenXrDisplay::setWorldPanel(const std::optional<WorldPanel>& panel) {
  Impl& s = *impl_;
  // A new size needs a new swapchain; a new pose does not.
  if (!panel || !s.panel || panel->pixels.width != s.panel->pixels.width ||
      panel->pixels.height != s.panel->pixels.height) {
    if (s.panelSwapchain && s.device) (void)vkDeviceWaitIdle(s.device->device());  // its images may be in use
    s.panelSwapchain.reset();
    s.panelReady = false;
  }
  s.panel = panel;
  return true;
}

DisplayCapabilities OpenXrDisplay::capabilities() const {
  const Impl& s = *impl_;
  DisplayCapabilities out;
  out.worldPanels = true;
  out.haptics = true;
  out.headTracked = true;
  out.keyboard = s.mirror != nullptr;  // keys typed into the mirror window
  if (s.conn) {
    out.depthSubmission = !s.conn->depthSwapchains.empty();
    out.equirectLayer = s.conn->equirect.has_value();
    out.userPresence = s.conn->instance->extensions().userPresence.senses();
  }
  return out;
}

void OpenXrDisplay::setOperatorStatus(const std::string& line) {
  if (impl_->mirror) impl_->mirror->setStatus(line);
}

std::uint64_t OpenXrDisplay::ownSubmits() const {
  return impl_->pastMirrorSubmits + (impl_->mirror ? impl_->mirror->ownSubmits() : 0);
}

OpenXrStats OpenXrDisplay::stats() const {
  OpenXrStats out = impl_->stats;
  out.validationMessages = impl_->validationNow();
  out.framesMirrored = impl_->framesMirrored;
  return out;
}

}  // namespace ps::xr
