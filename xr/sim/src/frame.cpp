// The frame loop: xrWaitFrame paces on the refresh grid and runs the script,
// xrBeginFrame/xrEndFrame count frames, validate layers and capture.
#include <algorithm>
#include <cmath>
#include <optional>

#include "api.h"
#include "capture.h"
#include "instance.h"
#include "log.h"
#include "math.h"
#include "runtime.h"
#include "session.h"
#include "space.h"
#include "swapchain.h"

namespace ps::sim {
namespace {

constexpr std::uint32_t kMaxLayers = 16;

bool unitQuaternion(const XrQuaternionf& q) {
  const float n = q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w;
  return std::isfinite(n) && std::abs(n - 1.f) < 0.01f;
}

struct SubImageCheck {
  std::shared_ptr<Swapchain> swapchain;
  std::uint32_t image = 0;
};

XrResult checkSubImage(const Session& session, const XrSwapchainSubImage& sub, SubImageCheck& out) {
  out.swapchain = runtime().swapchains.find(toId(sub.swapchain));
  if (!out.swapchain || out.swapchain->sessionId() != session.id) return XR_ERROR_HANDLE_INVALID;
  if (!out.swapchain->lastReleased()) return XR_ERROR_LAYER_INVALID;  // never released: nothing to show
  out.image = *out.swapchain->lastReleased();
  const XrSwapchainCreateInfo& ci = out.swapchain->info();
  const XrRect2Di& r = sub.imageRect;
  if (r.offset.x < 0 || r.offset.y < 0 || r.extent.width <= 0 || r.extent.height <= 0 ||
      static_cast<std::int64_t>(r.offset.x) + r.extent.width > ci.width ||
      static_cast<std::int64_t>(r.offset.y) + r.extent.height > ci.height)
    return XR_ERROR_SWAPCHAIN_RECT_INVALID;
  if (sub.imageArrayIndex >= ci.arraySize) return XR_ERROR_VALIDATION_FAILURE;
  return XR_SUCCESS;
}

// What a capture records of any layer's sub-image and pose.
CapturedImage capturedOf(const char* kind, const XrSwapchainSubImage& sub, const XrPosef& pose, const XrPosef& spacePose) {
  CapturedImage img;
  img.kind = kind;
  img.rect = sub.imageRect;
  img.arrayIndex = sub.imageArrayIndex;
  img.poseInLayerSpace = pose;
  img.poseInStage = multiply(spacePose, pose);
  return img;
}

// One checked sub-image and what capturing it would need: its image, and a projection view's depth.
struct CheckedImage {
  SubImageCheck colour;
  CapturedImage img;
  std::optional<SubImageCheck> depth;
};

// One checked layer.
struct CheckedLayer {
  std::vector<CheckedImage> images;
};

XrResult refused(const char* why, XrResult r) {
  log().warn("xrEndFrame: {}", why);
  return r;
}

// XrCompositionLayerDepthInfoKHR as a runtime would check it: a depth swapchain of a depth
// format made for depth attachment, its sub-image inside it, a depth range within 0..1 and
// positive, distinct distances for it (either may be infinite; near beyond far is reversed Z).
XrResult checkDepthInfo(const Session& session, const XrCompositionLayerDepthInfoKHR& d, SubImageCheck& out) {
  if (XrResult r = checkSubImage(session, d.subImage, out); XR_FAILED(r)) return r;
  if (!isDepth(out.swapchain->format()) ||
      (out.swapchain->info().usageFlags & XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT) == 0)
    return refused("depth info: the swapchain is not a depth swapchain", XR_ERROR_VALIDATION_FAILURE);
  const auto unit = [](float v) { return v >= 0.f && v <= 1.f; };  // false for NaN
  if (!unit(d.minDepth) || !unit(d.maxDepth) || d.maxDepth < d.minDepth)
    return refused("depth info: minDepth and maxDepth must lie in 0..1, min <= max", XR_ERROR_VALIDATION_FAILURE);
  if (!(d.nearZ > 0.f) || !(d.farZ > 0.f) || d.nearZ == d.farZ)
    return refused("depth info: nearZ and farZ must be positive and differ", XR_ERROR_VALIDATION_FAILURE);
  return XR_SUCCESS;
}

// The depth info chained on a projection view, if any.
const XrCompositionLayerDepthInfoKHR* depthInfoOf(const XrCompositionLayerProjectionView& v) {
  for (auto* n = static_cast<const XrBaseInStructure*>(v.next); n != nullptr; n = n->next)
    if (n->type == XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR) return reinterpret_cast<const XrCompositionLayerDepthInfoKHR*>(n);
  return nullptr;
}

XrResult checkLayer(const Instance& instance, const Session& session, const XrCompositionLayerBaseHeader* layer,
                    XrTime displayTime, CheckedLayer& out) {
  if (layer == nullptr) return XR_ERROR_LAYER_INVALID;
  auto space = runtime().spaces.find(toId(layer->space));
  if (!space || space->sessionId != session.id) return XR_ERROR_HANDLE_INVALID;
  const XrPosef spacePose = stagePose(instance, session, *space, displayTime).value_or(identityPose());
  if (layer->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION) {
    const auto* proj = reinterpret_cast<const XrCompositionLayerProjection*>(layer);
    if (proj->viewCount != 2 || proj->views == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    for (std::uint32_t i = 0; i < 2; ++i) {
      const XrCompositionLayerProjectionView& v = proj->views[i];
      if (v.type != XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW) return XR_ERROR_VALIDATION_FAILURE;
      if (!unitQuaternion(v.pose.orientation)) return XR_ERROR_POSE_INVALID;
      SubImageCheck check;
      if (XrResult r = checkSubImage(session, v.subImage, check); XR_FAILED(r)) return r;
      CapturedImage img = capturedOf(i == 0 ? "left" : "right", v.subImage, v.pose, spacePose);
      img.fov = v.fov;
      std::optional<SubImageCheck> depthCheck;
      if (const XrCompositionLayerDepthInfoKHR* d = depthInfoOf(v)) {
        if (!instance.enabled(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME))
          return refused("depth info without XR_KHR_composition_layer_depth enabled", XR_ERROR_VALIDATION_FAILURE);
        depthCheck.emplace();
        if (XrResult r = checkDepthInfo(session, *d, *depthCheck); XR_FAILED(r)) return r;
        img.depth = CapturedDepth{"", d->subImage.imageRect, d->subImage.imageArrayIndex, d->minDepth, d->maxDepth,
                                  d->nearZ, d->farZ};
      }
      out.images.push_back({check, img, depthCheck});
    }
    return XR_SUCCESS;
  }
  if (layer->type == XR_TYPE_COMPOSITION_LAYER_QUAD) {
    const auto* quad = reinterpret_cast<const XrCompositionLayerQuad*>(layer);
    if (!unitQuaternion(quad->pose.orientation)) return XR_ERROR_POSE_INVALID;
    if (!(quad->size.width > 0.f) || !(quad->size.height > 0.f)) return XR_ERROR_VALIDATION_FAILURE;
    SubImageCheck check;
    if (XrResult r = checkSubImage(session, quad->subImage, check); XR_FAILED(r)) return r;
    CapturedImage img = capturedOf("quad", quad->subImage, quad->pose, spacePose);
    img.size = quad->size;
    out.images.push_back({check, img, std::nullopt});
    return XR_SUCCESS;
  }
  if (layer->type == XR_TYPE_COMPOSITION_LAYER_EQUIRECT2_KHR) {
    // Only for an instance that enabled the extension; angles as the extension bounds them.
    if (!instance.enabled(XR_KHR_COMPOSITION_LAYER_EQUIRECT2_EXTENSION_NAME)) return XR_ERROR_LAYER_INVALID;
    const auto* eq = reinterpret_cast<const XrCompositionLayerEquirect2KHR*>(layer);
    if (!unitQuaternion(eq->pose.orientation)) return XR_ERROR_POSE_INVALID;
    constexpr float kPi = 3.14159265f;
    if (!(eq->radius >= 0.f) || !(eq->centralHorizontalAngle >= 0.f) ||
        eq->centralHorizontalAngle > 2 * kPi + 1e-4f || !(eq->upperVerticalAngle <= kPi / 2 + 1e-4f) ||
        !(eq->lowerVerticalAngle >= -kPi / 2 - 1e-4f) || !(eq->lowerVerticalAngle <= eq->upperVerticalAngle))
      return XR_ERROR_VALIDATION_FAILURE;
    if (eq->eyeVisibility != XR_EYE_VISIBILITY_BOTH && eq->eyeVisibility != XR_EYE_VISIBILITY_LEFT &&
        eq->eyeVisibility != XR_EYE_VISIBILITY_RIGHT)
      return XR_ERROR_VALIDATION_FAILURE;
    SubImageCheck check;
    if (XrResult r = checkSubImage(session, eq->subImage, check); XR_FAILED(r)) return r;
    CapturedImage img = capturedOf("equirect", eq->subImage, eq->pose, spacePose);
    img.radius = eq->radius;
    img.centralHorizontalAngle = eq->centralHorizontalAngle;
    img.upperVerticalAngle = eq->upperVerticalAngle;
    img.lowerVerticalAngle = eq->lowerVerticalAngle;
    out.images.push_back({check, img, std::nullopt});
    return XR_SUCCESS;
  }
  return XR_ERROR_LAYER_INVALID;
}

void capture(Session& session, const CaptureConfig& config, std::uint64_t frame, XrTime displayTime,
             std::vector<CheckedLayer>& layers) {
  std::vector<CapturedImage> written;
  int quad = 0;
  int equirect = 0;
  for (auto& layer : layers) {
    for (auto& [check, img, depth] : layer.images) {
      const std::string stem = "frame_" + std::to_string(frame) + "_";
      if (img.kind == "quad")
        img.file = stem + "quad" + std::to_string(quad++) + ".png";
      else if (img.kind == "equirect")
        img.file = stem + "equirect" + std::to_string(equirect++) + ".png";
      else
        img.file = stem + img.kind + ".png";
      if (check.swapchain->info().sampleCount != 1) continue;  // multisampled images cannot be copied out
      if (depth) {
        img.depth->file = stem + img.kind + "_depth.pfm";
        if (depth->swapchain->info().sampleCount != 1 ||
            !captureDepth(*session.vulkan, depth->swapchain->image(depth->image), depth->swapchain->format(),
                          depth->swapchain->attachmentLayout(), img.depth->arrayIndex, img.depth->rect,
                          config.dir + "/" + img.depth->file))
          img.depth.reset();
        else
          ++session.stats.imagesCaptured;
      }
      if (captureImage(*session.vulkan, check.swapchain->image(check.image), check.swapchain->format(),
                       check.swapchain->attachmentLayout(), img.arrayIndex, img.rect, config.dir + "/" + img.file)) {
        written.push_back(img);
        ++session.stats.imagesCaptured;
      }
    }
  }
  writeCaptureJson(config.dir, frame, displayTime, written);
}

}  // namespace

namespace api {

XrResult xrWaitFrame(XrSession handle, const XrFrameWaitInfo* info, XrFrameState* state) {
  return guarded(__func__, [&] {
    auto lock = std::unique_lock(runtime().mutex);
    std::shared_ptr<Session> session;
    std::shared_ptr<Instance> instance;
    if (XrResult r = findSession(handle, session, instance); XR_FAILED(r)) return r;
    if ((info != nullptr && info->type != XR_TYPE_FRAME_WAIT_INFO) || state == nullptr ||
        state->type != XR_TYPE_FRAME_STATE)
      return XR_ERROR_VALIDATION_FAILURE;
    if (!session->running) return XR_ERROR_SESSION_NOT_RUNNING;
    const FramePacer::Slot slot = session->pacer->next(runtime().clock.nowNs());
    const std::uint64_t frame = session->nextFrame++;
    // Other threads may use the runtime while this one waits for its vsync.
    lock.unlock();
    runtime().clock.sleepUntilNs(slot.wakeNs);
    lock.lock();
    if (XrResult r = findSession(handle, session, instance); XR_FAILED(r)) return r;

    if (session->state == XR_SESSION_STATE_READY) {
      transition(*instance, *session, XR_SESSION_STATE_SYNCHRONIZED);
      if (session->headsetOn) {
        transition(*instance, *session, XR_SESSION_STATE_VISIBLE);
        transition(*instance, *session, XR_SESSION_STATE_FOCUSED);
      }
    }
    applyScriptEvents(*instance, *session, frame);
    session->recentFrames.emplace_back(slot.displayNs, frame);
    if (session->recentFrames.size() > 16) session->recentFrames.pop_front();
    session->waitedNotBegun = true;
    ++session->stats.framesWaited;
    state->predictedDisplayTime = slot.displayNs;
    state->predictedDisplayPeriod = session->pacer->periodNs();
    state->shouldRender =
        session->state == XR_SESSION_STATE_VISIBLE || session->state == XR_SESSION_STATE_FOCUSED ? XR_TRUE : XR_FALSE;
    return session->lost ? XR_SESSION_LOSS_PENDING : XR_SUCCESS;
  });
}

XrResult xrBeginFrame(XrSession handle, const XrFrameBeginInfo* info) {
  return withSession(__func__, handle, false, [&](Session& session, Instance&) {
    if (info != nullptr && info->type != XR_TYPE_FRAME_BEGIN_INFO) return XR_ERROR_VALIDATION_FAILURE;
    if (!session.running) return XR_ERROR_SESSION_NOT_RUNNING;
    if (!session.waitedNotBegun) return XR_ERROR_CALL_ORDER_INVALID;
    session.waitedNotBegun = false;
    const bool discarded = session.frameOpen;
    if (discarded) ++session.stats.framesDiscarded;
    session.frameOpen = true;
    session.openFrame = session.recentFrames.back().second;
    session.openDisplayTime = session.recentFrames.back().first;
    ++session.stats.framesBegun;
    return discarded ? XR_FRAME_DISCARDED : XR_SUCCESS;
  });
}

XrResult xrEndFrame(XrSession handle, const XrFrameEndInfo* info) {
  return withSession(__func__, handle, false, [&](Session& session, Instance& instance) {
    if (info == nullptr || info->type != XR_TYPE_FRAME_END_INFO) return XR_ERROR_VALIDATION_FAILURE;
    if (!session.running) return XR_ERROR_SESSION_NOT_RUNNING;
    if (!session.frameOpen) return XR_ERROR_CALL_ORDER_INVALID;
    if (info->displayTime <= 0) return XR_ERROR_TIME_INVALID;
    if (info->environmentBlendMode != XR_ENVIRONMENT_BLEND_MODE_OPAQUE)
      return XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED;
    if (info->layerCount > kMaxLayers) return XR_ERROR_LAYER_LIMIT_EXCEEDED;
    if (info->layerCount > 0 && info->layers == nullptr) return XR_ERROR_VALIDATION_FAILURE;
    std::vector<CheckedLayer> layers(info->layerCount);
    for (std::uint32_t i = 0; i < info->layerCount; ++i)
      if (XrResult r = checkLayer(instance, session, info->layers[i], info->displayTime, layers[i]); XR_FAILED(r)) {
        log().warn("xrEndFrame: layer {} rejected ({})", i, static_cast<int>(r));
        return r;
      }
    session.frameOpen = false;
    ++session.stats.framesEnded;
    session.stats.layersSubmitted += info->layerCount;
    // In lockstep display times are not on the real clock, so lateness means nothing.
    if (!session.pacer->lockstep() && runtime().clock.nowNs() > session.openDisplayTime) ++session.stats.lateFrames;
    const CaptureConfig& config = instance.script.capture;
    if (!config.dir.empty() &&
        std::find(config.frames.begin(), config.frames.end(), session.openFrame) != config.frames.end())
      capture(session, config, session.openFrame, info->displayTime, layers);
    return XR_SUCCESS;
  });
}

}  // namespace api
}  // namespace ps::sim
