// The session state machine and the session entry points. Without a script a session
// walks IDLE -> READY at creation and SYNCHRONIZED -> VISIBLE -> FOCUSED at its first
// xrWaitFrame; exit walks down to STOPPING, and xrEndSession to IDLE -> EXITING.
#include "session.h"

#include <openxr/openxr_reflection.h>

#include "api.h"
#include "instance.h"
#include "runtime.h"
#include "space.h"
#include "swapchain.h"
#include "user_presence.h"

namespace ps::sim {
namespace {

const char* stateName(XrSessionState s) {
#define PS_SIM_STATE_CASE(n, v) \
  case v: return #n;
  switch (s) {
    XR_LIST_ENUM_XrSessionState(PS_SIM_STATE_CASE) default : return "XR_SESSION_STATE_?";
  }
#undef PS_SIM_STATE_CASE
}

// With XR_EXT_user_presence: the headset's proximity sensor, apart from the session's state.
void reportPresence(Instance& instance, Session& session, bool present) {
  session.userPresent = present;
  if (!instance.enabled(XR_EXT_USER_PRESENCE_EXTENSION_NAME)) return;
  auto event = xrStruct<XrEventDataUserPresenceChangedEXT>(XR_TYPE_EVENT_DATA_USER_PRESENCE_CHANGED_EXT);
  event.session = toHandle<XrSession>(session.id);
  event.isUserPresent = present ? XR_TRUE : XR_FALSE;
  instance.events.push(event);
  log().info("session {:#x}: user {}", session.id, present ? "present" : "absent");
}

void headsetOff(Instance& instance, Session& session) {
  reportPresence(instance, session, false);
  session.headsetOn = false;
  if (session.state == XR_SESSION_STATE_FOCUSED) transition(instance, session, XR_SESSION_STATE_VISIBLE);
  if (session.state == XR_SESSION_STATE_VISIBLE) transition(instance, session, XR_SESSION_STATE_SYNCHRONIZED);
}

void headsetOn(Instance& instance, Session& session) {
  reportPresence(instance, session, true);
  session.headsetOn = true;
  if (session.state != XR_SESSION_STATE_SYNCHRONIZED || session.exitRequested) return;
  transition(instance, session, XR_SESSION_STATE_VISIBLE);
  transition(instance, session, XR_SESSION_STATE_FOCUSED);
}

void lose(Instance& instance, Session& session, double outageSeconds) {
  transition(instance, session, XR_SESSION_STATE_LOSS_PENDING);
  if (outageSeconds > 0) setAwayUntil(runtime().clock.nowNs() + static_cast<std::int64_t>(outageSeconds * 1e9));
  session.lost = true;
  auto event = xrStruct<XrEventDataInstanceLossPending>(XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING);
  event.lossTime = runtime().clock.nowNs();
  instance.events.push(event);
  instance.lost = true;
  log().warn("session {:#x}: scripted runtime loss; the instance is lost, create a new one", session.id);
}

}  // namespace

double Session::frameAt(XrTime displayTime) const {
  for (const auto& [t, frame] : recentFrames)
    if (t == displayTime) return static_cast<double>(frame);
  if (recentFrames.empty() || !pacer) return 0.0;
  const auto& [t, frame] = recentFrames.back();
  const double f = static_cast<double>(frame) +
                   static_cast<double>(displayTime - t) / static_cast<double>(pacer->periodNs());
  return f < 0 ? 0 : f;
}

XrResult findSession(XrSession handle, std::shared_ptr<Session>& session, std::shared_ptr<Instance>& instance,
                     bool allowLost) {
  session = runtime().sessions.find(toId(handle));
  if (!session) return XR_ERROR_HANDLE_INVALID;
  instance = runtime().instances.find(session->instanceId);
  if (!instance) return XR_ERROR_HANDLE_INVALID;
  if (allowLost) return XR_SUCCESS;
  if (session->lost) return XR_ERROR_SESSION_LOST;
  if (instance->lost) return XR_ERROR_INSTANCE_LOST;
  return XR_SUCCESS;
}

void transition(Instance& instance, Session& session, XrSessionState to) {
  auto event = xrStruct<XrEventDataSessionStateChanged>(XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED);
  event.session = toHandle<XrSession>(session.id);
  event.state = to;
  event.time = runtime().clock.nowNs();
  instance.events.push(event);
  log().info("session {:#x}: {} -> {}", session.id, stateName(session.state), stateName(to));
  session.state = to;
  session.stats.lastState = stateName(to);
}

void applyScriptEvents(Instance& instance, Session& session, std::uint64_t frame) {
  const auto& events = instance.script.events;
  while (session.nextScriptEvent < events.size() && events[session.nextScriptEvent].frame <= static_cast<double>(frame)) {
    const ScriptEvent& event = events[session.nextScriptEvent++];
    const EventKind kind = event.kind;
    log().info("session {:#x}: frame {}: scripted {}", session.id, frame, eventName(kind));
    switch (kind) {
      case EventKind::HeadsetOff: headsetOff(instance, session); break;
      case EventKind::HeadsetOn: headsetOn(instance, session); break;
      case EventKind::UserAbsent: reportPresence(instance, session, false); break;
      case EventKind::UserPresent: reportPresence(instance, session, true); break;
      case EventKind::ExitRequested: requestExit(instance, session); break;
      case EventKind::RuntimeLost: lose(instance, session, event.outageSeconds); return;
    }
  }
}

void requestExit(Instance& instance, Session& session) {
  if (session.exitRequested || !session.running) return;
  session.exitRequested = true;
  if (session.state == XR_SESSION_STATE_FOCUSED) transition(instance, session, XR_SESSION_STATE_VISIBLE);
  if (session.state == XR_SESSION_STATE_VISIBLE) transition(instance, session, XR_SESSION_STATE_SYNCHRONIZED);
  if (session.state == XR_SESSION_STATE_READY) transition(instance, session, XR_SESSION_STATE_SYNCHRONIZED);
  transition(instance, session, XR_SESSION_STATE_STOPPING);
}

void destroySession(Session& session) {
  Runtime& rt = runtime();
  reportStats(session.id, session.stats);
  rt.spaces.eraseIf([&](const Space& s) { return s.sessionId == session.id; });
  rt.swapchains.eraseIf([&](const Swapchain& s) { return s.sessionId() == session.id; });
  if (auto instance = rt.instances.find(session.instanceId); instance && instance->sessionId == session.id)
    instance->sessionId = 0;
  rt.sessions.erase(session.id);
}

namespace api {

XrResult xrCreateSession(XrInstance handle, const XrSessionCreateInfo* info, XrSession* out) {
  return withInstance(__func__, handle, false, [&](Instance& instance) {
    if (info == nullptr || out == nullptr || info->type != XR_TYPE_SESSION_CREATE_INFO)
      return XR_ERROR_VALIDATION_FAILURE;
    if (info->systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
    if (!instance.graphicsRequirementsQueried) return XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING;
    const XrGraphicsBindingVulkanKHR* binding = nullptr;
    for (auto* next = static_cast<const XrBaseInStructure*>(info->next); next != nullptr; next = next->next)
      if (next->type == XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR)
        binding = reinterpret_cast<const XrGraphicsBindingVulkanKHR*>(next);
    if (binding == nullptr) {
      log().error("xrCreateSession: no XrGraphicsBindingVulkan2KHR in the next chain (the simulator is Vulkan-only)");
      return XR_ERROR_GRAPHICS_DEVICE_INVALID;
    }
    if (binding->instance == VK_NULL_HANDLE || binding->physicalDevice == VK_NULL_HANDLE ||
        binding->device == VK_NULL_HANDLE)
      return XR_ERROR_GRAPHICS_DEVICE_INVALID;
    if (instance.sessionId != 0) return XR_ERROR_LIMIT_REACHED;
    PFN_vkGetInstanceProcAddr gipa = instance.vkGetInstanceProcAddr ? instance.vkGetInstanceProcAddr : &vkGetInstanceProcAddr;
    auto session = std::make_shared<Session>();
    session->vulkan = std::make_shared<VulkanDevice>(gipa, binding->instance, binding->physicalDevice, binding->device,
                                                     binding->queueFamilyIndex, binding->queueIndex,
                                                     instance.vkDebugUtils);
    session->id = runtime().newId();
    session->instanceId = instance.id;
    runtime().sessions.add(session->id, session);
    instance.sessionId = session->id;
    *out = toHandle<XrSession>(session->id);
    transition(instance, *session, XR_SESSION_STATE_IDLE);
    transition(instance, *session, XR_SESSION_STATE_READY);
    // The extension's first reading comes with the session, whoever wears the headset.
    reportPresence(instance, *session, true);
    return XR_SUCCESS;
  });
}

XrResult xrDestroySession(XrSession handle) {
  return withSession(__func__, handle, true, [&](Session& session, Instance&) {
    destroySession(session);
    return XR_SUCCESS;
  });
}

XrResult xrBeginSession(XrSession handle, const XrSessionBeginInfo* info) {
  return withSession(__func__, handle, false, [&](Session& session, Instance& instance) {
    if (info == nullptr || info->type != XR_TYPE_SESSION_BEGIN_INFO) return XR_ERROR_VALIDATION_FAILURE;
    if (session.running) return XR_ERROR_SESSION_RUNNING;
    if (session.state != XR_SESSION_STATE_READY) return XR_ERROR_SESSION_NOT_READY;
    if (info->primaryViewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO)
      return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
    session.running = true;
    session.pacer.emplace(static_cast<std::int64_t>(1e9 / instance.script.display.refreshHz),
                        instance.script.display.lockstep);
    session.nextFrame = 0;
    session.nextScriptEvent = 0;
    return XR_SUCCESS;
  });
}

XrResult xrEndSession(XrSession handle) {
  return withSession(__func__, handle, false, [&](Session& session, Instance& instance) {
    if (!session.running) return XR_ERROR_SESSION_NOT_RUNNING;
    if (session.state != XR_SESSION_STATE_STOPPING) return XR_ERROR_SESSION_NOT_STOPPING;
    session.running = false;
    session.frameOpen = false;
    session.waitedNotBegun = false;
    transition(instance, session, XR_SESSION_STATE_IDLE);
    // The simulator only ever stops a session because someone asked to exit.
    transition(instance, session, XR_SESSION_STATE_EXITING);
    return XR_SUCCESS;
  });
}

XrResult xrRequestExitSession(XrSession handle) {
  return withSession(__func__, handle, false, [&](Session& session, Instance& instance) {
    if (!session.running) return XR_ERROR_SESSION_NOT_RUNNING;
    requestExit(instance, session);
    return XR_SUCCESS;
  });
}

}  // namespace api
}  // namespace ps::sim
