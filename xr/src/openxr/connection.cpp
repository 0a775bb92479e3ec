#include "connection.h"

#include <spdlog/spdlog.h>

#include "runtime_device_factory.h"
#include "xr_check.h"

namespace ps::xr::openxr {

namespace {

XrEnvironmentBlendMode chooseBlendMode(const Instance& instance) {
  std::uint32_t count = 0;
  PS_XR_CHECK(xrEnumerateEnvironmentBlendModes(instance.handle(), instance.system(),
                                               XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &count, nullptr));
  std::vector<XrEnvironmentBlendMode> modes(count);
  PS_XR_CHECK(xrEnumerateEnvironmentBlendModes(instance.handle(), instance.system(),
                                               XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, count, &count, modes.data()));
  // A film shot replaces the world; the runtime lists its preferred mode first otherwise.
  for (XrEnvironmentBlendMode m : modes)
    if (m == XR_ENVIRONMENT_BLEND_MODE_OPAQUE) return m;
  return modes.empty() ? XR_ENVIRONMENT_BLEND_MODE_OPAQUE : modes.front();
}

std::vector<XrViewConfigurationView> stereoViews(const Instance& instance) {
  std::uint32_t count = 0;
  PS_XR_CHECK(xrEnumerateViewConfigurationViews(instance.handle(), instance.system(),
                                                XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &count, nullptr));
  std::vector<XrViewConfigurationView> views(count, xrStruct<XrViewConfigurationView>(XR_TYPE_VIEW_CONFIGURATION_VIEW));
  PS_XR_CHECK(xrEnumerateViewConfigurationViews(instance.handle(), instance.system(),
                                                XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, count, &count, views.data()));
  return views;
}

}  // namespace

Connection::~Connection() {
  equirect.reset();
  depthSwapchains.clear();
  swapchains.clear();
  spaces.reset();
  controls.reset();
  session.reset();
  clock.reset();
  instance.reset();
}

Result<std::unique_ptr<Connection>> Connection::open(const ConnectionOptions& options,
                                                     std::unique_ptr<engine::Device>& device) {
  auto instance = Instance::create(options.appName);
  if (!instance) return instance.error();
  auto c = std::make_unique<Connection>();
  c->instance = std::move(*instance);
  try {
    RuntimeDeviceFactory factory(*c->instance);
    auto created = engine::Device::create(options.device, factory);
    if (!created) return created.error();
    device = std::make_unique<engine::Device>(std::move(*created));

    c->clock = std::make_unique<XrClock>(*c->instance);
    c->controls = std::make_unique<Controls>(*c->instance, options.interactionProfiles);
    c->blendMode = chooseBlendMode(*c->instance);

    auto binding = xrStruct<XrGraphicsBindingVulkan2KHR>(XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR);
    binding.instance = device->instance();
    binding.physicalDevice = device->physicalDevice();
    binding.device = device->device();
    binding.queueFamilyIndex = device->queueFamily();
    binding.queueIndex = 0;
    auto info = xrStruct<XrSessionCreateInfo>(XR_TYPE_SESSION_CREATE_INFO);
    info.next = &binding;
    info.systemId = c->instance->system();
    XrSession session = XR_NULL_HANDLE;
    PS_XR_CHECK(xrCreateSession(c->instance->handle(), &info, &session));
    c->session = SessionHandle(session);
    if (c->instance->extensions().refreshRate.enabled()) c->instance->extensions().refreshRate.requestHighest(session);

    c->spaces = std::make_unique<Spaces>(session);
    const VkFormat format = chooseSwapchainFormat(session);
    const auto views = stereoViews(*c->instance);
    const XrSwapchainUsageFlags extraUsage = options.copiedFrom ? XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT : 0;
    for (std::size_t i = 0; i < views.size(); ++i) {
      const VkExtent2D extent{views[i].recommendedImageRectWidth, views[i].recommendedImageRectHeight};
      c->swapchains.emplace_back(session, *device, format, extent, i == 0 ? "left eye" : "right eye", extraUsage);
    }
    if (c->instance->extensions().depth.enabled()) {
      if (const std::optional<VkFormat> depthFormat = chooseDepthSwapchainFormat(session)) {
        for (std::size_t i = 0; i < views.size(); ++i)
          c->depthSwapchains.emplace_back(session, *device, *depthFormat, c->swapchains[i].extent(),
                                          i == 0 ? "left eye depth" : "right eye depth");
        spdlog::debug("openxr: depth submitted with the projection layer, Vulkan format {}",
                      static_cast<int>(*depthFormat));
      } else {
        spdlog::info("openxr: the runtime offers {} but no D32, D24 or D16 swapchain format; depth is not submitted",
                     XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
      }
    }
    if (options.equirectLayer) {
      if (c->instance->extensions().equirect2.enabled())
        c->equirect.emplace(session, *device, format, *options.equirectLayer, "equirect layer", extraUsage);
      else
        spdlog::warn("openxr: the runtime does not offer {}; drawing the projection layer instead",
                     XR_KHR_COMPOSITION_LAYER_EQUIRECT2_EXTENSION_NAME);
    }
    c->controls->attach(session);
    spdlog::info("openxr: session on \"{}\": {} views of {}x{}, {} space, Vulkan format {}", c->instance->runtimeName(),
                 views.size(), views.empty() ? 0 : views[0].recommendedImageRectWidth,
                 views.empty() ? 0 : views[0].recommendedImageRectHeight,
                 c->spaces->type() == XR_REFERENCE_SPACE_TYPE_STAGE ? "STAGE" : "LOCAL", static_cast<int>(format));
  } catch (const XrCallError& e) {
    return Error{"OpenXR", e.what(), e.isLoss() ? "the runtime went away; it is retried" : ""};
  }
  return c;
}

}  // namespace ps::xr::openxr
