#pragma once
// Everything made on one OpenXR instance for one session: instance, clock, actions,
// session and its state machine, spaces, swapchains. A loss throws it all away and a new
// Connection is made. The Vulkan device is not part of it: the display keeps the device
// alive until the player loop has rebuilt what it made on it.
#include <memory>
#include <optional>
#include <vector>

#include "controls.h"
#include "engine/device.h"
#include "instance.h"
#include "session_state.h"
#include "spaces.h"
#include "swapchain.h"
#include "xr_clock.h"

namespace ps::xr::openxr {

struct ConnectionOptions {
  std::string appName;
  engine::DeviceOptions device;
  std::vector<std::string> interactionProfiles;
  // Size of the equirect layer's image (OpenXrDisplayOptions::equirectLayer); empty: none.
  std::optional<VkExtent2D> equirectLayer;
  // The eye (and equirect) images are also copied from (the desktop mirror): TRANSFER_SRC usage.
  bool copiedFrom = false;
};

struct Connection {
  // Instance, device (through the runtime), session, spaces, swapchains, actions, in that order.
  // device receives the new Vulkan device.
  static Result<std::unique_ptr<Connection>> open(const ConnectionOptions& options,
                                                  std::unique_ptr<engine::Device>& device);
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  // Swapchains, spaces and action spaces before the session, the session before the instance.
  ~Connection();

  std::unique_ptr<Instance> instance;
  std::unique_ptr<XrClock> clock;
  std::unique_ptr<Controls> controls;
  SessionHandle session;
  SessionStateMachine machine;
  std::unique_ptr<Spaces> spaces;
  std::vector<Swapchain> swapchains;  // one per eye
  // One per eye, same extent, where the runtime offers XR_KHR_composition_layer_depth and a
  // depth format; empty otherwise (the engine then draws with depth of its own).
  std::vector<Swapchain> depthSwapchains;
  // The whole-sphere image of an XR_KHR_composition_layer_equirect2 layer; present only when
  // asked for and the runtime offers the extension. Then it replaces the projection layer.
  std::optional<Swapchain> equirect;
  XrEnvironmentBlendMode blendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  bool lost = false;  // a call said the session or instance is gone
};

}  // namespace ps::xr::openxr
