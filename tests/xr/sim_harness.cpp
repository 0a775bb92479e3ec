#include "sim_harness.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace ps::test::xr {
namespace {

template <typename F>
F xrFn(XrInstance instance, const char* name) {
  PFN_xrVoidFunction f = nullptr;
  EXPECT_EQ(xrGetInstanceProcAddr(instance, name, &f), XR_SUCCESS) << name;
  return reinterpret_cast<F>(f);
}

VKAPI_ATTR VkBool32 VKAPI_CALL onValidation(VkDebugUtilsMessageSeverityFlagBitsEXT, VkDebugUtilsMessageTypeFlagsEXT,
                                            const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  ++*static_cast<int*>(user);
  ADD_FAILURE() << "Vulkan validation: " << data->pMessage;
  return VK_FALSE;
}

bool hasValidationLayer() {
  std::uint32_t n = 0;
  vkEnumerateInstanceLayerProperties(&n, nullptr);
  std::vector<VkLayerProperties> layers(n);
  vkEnumerateInstanceLayerProperties(&n, layers.data());
  for (const auto& l : layers)
    if (std::strcmp(l.layerName, "VK_LAYER_KHRONOS_validation") == 0) return true;
  return false;
}

}  // namespace

std::string writeTempFile(const std::string& name, const std::string& text) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto dir = std::filesystem::path(::testing::TempDir()) / "ps_xr_sim" / info->test_suite_name() / info->name();
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path) << text;
  return path.string();
}

void useScript(const std::string& json) {
  if (json.empty()) {
    unsetenv("PERFECTSHOT_SIM_SCRIPT");
    return;
  }
  setenv("PERFECTSHOT_SIM_SCRIPT", writeTempFile("script.json", json).c_str(), 1);
}

XrResult createInstance(const std::vector<const char*>& extensions, XrInstance& out) {
  auto ci = xrStruct<XrInstanceCreateInfo>(XR_TYPE_INSTANCE_CREATE_INFO);
  std::strcpy(ci.applicationInfo.applicationName, "ps-xr-sim-test");
  ci.applicationInfo.apiVersion = XR_CURRENT_API_VERSION;
  ci.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
  ci.enabledExtensionNames = extensions.data();
  return xrCreateInstance(&ci, &out);
}

SimSession::SimSession(const std::vector<const char*>& extraExtensions, const VulkanExtensions& vulkan) {
  std::vector<const char*> extensions{XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME};
  extensions.insert(extensions.end(), extraExtensions.begin(), extraExtensions.end());
  XrResult r = createInstance(extensions, instance);
  if (r != XR_SUCCESS) {
    ADD_FAILURE() << "xrCreateInstance: " << r << " (is XR_RUNTIME_JSON set?)";
    return;
  }
  auto sgi = xrStruct<XrSystemGetInfo>(XR_TYPE_SYSTEM_GET_INFO);
  sgi.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  XR_EXPECT(xrGetSystem(instance, &sgi, &system));

  auto reqs = xrStruct<XrGraphicsRequirementsVulkan2KHR>(XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR);
  XR_EXPECT(xrFn<PFN_xrGetVulkanGraphicsRequirements2KHR>(instance, "xrGetVulkanGraphicsRequirements2KHR")(
      instance, system, &reqs));

  const bool validation = hasValidationLayer();
  const char* layers[] = {"VK_LAYER_KHRONOS_validation"};
  std::vector<const char*> vkExtensions = vulkan.instance;
  if (validation) vkExtensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  auto app = vkStruct<VkApplicationInfo>(VK_STRUCTURE_TYPE_APPLICATION_INFO);
  app.apiVersion = VK_API_VERSION_1_1;
  auto vci = vkStruct<VkInstanceCreateInfo>(VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO);
  vci.pApplicationInfo = &app;
  vci.enabledLayerCount = validation ? 1 : 0;
  vci.ppEnabledLayerNames = layers;
  vci.enabledExtensionCount = static_cast<std::uint32_t>(vkExtensions.size());
  vci.ppEnabledExtensionNames = vkExtensions.data();
  auto xvci = xrStruct<XrVulkanInstanceCreateInfoKHR>(XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR);
  xvci.systemId = system;
  xvci.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
  xvci.vulkanCreateInfo = &vci;
  VkResult vr = VK_ERROR_UNKNOWN;
  XR_EXPECT(xrFn<PFN_xrCreateVulkanInstanceKHR>(instance, "xrCreateVulkanInstanceKHR")(instance, &xvci, &vkInstance, &vr));
  if (vr != VK_SUCCESS) {
    ADD_FAILURE() << "vkCreateInstance through the runtime: " << vr;
    return;
  }
  if (validation) {
    auto mci = vkStruct<VkDebugUtilsMessengerCreateInfoEXT>(VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT);
    mci.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    mci.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT;
    mci.pfnUserCallback = &onValidation;
    mci.pUserData = &validationMessages;
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(vkInstance, "vkCreateDebugUtilsMessengerEXT"));
    EXPECT_EQ(create(vkInstance, &mci, nullptr, &messenger_), VK_SUCCESS) << "vkCreateDebugUtilsMessengerEXT";
  }
  auto dgi = xrStruct<XrVulkanGraphicsDeviceGetInfoKHR>(XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR);
  dgi.systemId = system;
  dgi.vulkanInstance = vkInstance;
  XR_EXPECT(xrFn<PFN_xrGetVulkanGraphicsDevice2KHR>(instance, "xrGetVulkanGraphicsDevice2KHR")(instance, &dgi,
                                                                                              &physicalDevice));
  std::uint32_t nq = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(physicalDevice, &nq, nullptr);
  std::vector<VkQueueFamilyProperties> families(nq);
  vkGetPhysicalDeviceQueueFamilyProperties(physicalDevice, &nq, families.data());
  for (std::uint32_t i = 0; i < nq; ++i)
    if (families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) {
      queueFamily = i;
      break;
    }
  const float priority = 1.f;
  auto qci = vkStruct<VkDeviceQueueCreateInfo>(VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO);
  qci.queueFamilyIndex = queueFamily;
  qci.queueCount = 1;
  qci.pQueuePriorities = &priority;
  auto dci = vkStruct<VkDeviceCreateInfo>(VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO);
  dci.queueCreateInfoCount = 1;
  dci.pQueueCreateInfos = &qci;
  dci.enabledExtensionCount = static_cast<std::uint32_t>(vulkan.device.size());
  dci.ppEnabledExtensionNames = vulkan.device.data();
  auto xdci = xrStruct<XrVulkanDeviceCreateInfoKHR>(XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR);
  xdci.systemId = system;
  xdci.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
  xdci.vulkanPhysicalDevice = physicalDevice;
  xdci.vulkanCreateInfo = &dci;
  XR_EXPECT(xrFn<PFN_xrCreateVulkanDeviceKHR>(instance, "xrCreateVulkanDeviceKHR")(instance, &xdci, &device, &vr));
  if (vr != VK_SUCCESS) {
    ADD_FAILURE() << "vkCreateDevice through the runtime: " << vr;
    return;
  }
  vkGetDeviceQueue(device, queueFamily, 0, &queue);

  auto binding = xrStruct<XrGraphicsBindingVulkan2KHR>(XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR);
  binding.instance = vkInstance;
  binding.physicalDevice = physicalDevice;
  binding.device = device;
  binding.queueFamilyIndex = queueFamily;
  binding.queueIndex = 0;
  auto sci = xrStruct<XrSessionCreateInfo>(XR_TYPE_SESSION_CREATE_INFO);
  sci.next = &binding;
  sci.systemId = system;
  XR_EXPECT(xrCreateSession(instance, &sci, &session));
}

SimSession::~SimSession() { destroy(); }

void SimSession::destroy() {
  if (device != VK_NULL_HANDLE) vkDeviceWaitIdle(device);
  for (XrSpace s : spaces_) xrDestroySpace(s);
  spaces_.clear();
  if (session != XR_NULL_HANDLE) {
    XR_EXPECT(xrDestroySession(session));
  }
  session = XR_NULL_HANDLE;
  if (device != VK_NULL_HANDLE) vkDestroyDevice(device, nullptr);
  device = VK_NULL_HANDLE;
  if (messenger_ != VK_NULL_HANDLE) {
    auto destroyMessenger = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(vkInstance, "vkDestroyDebugUtilsMessengerEXT"));
    destroyMessenger(vkInstance, messenger_, nullptr);
    messenger_ = VK_NULL_HANDLE;
  }
  if (vkInstance != VK_NULL_HANDLE) vkDestroyInstance(vkInstance, nullptr);
  vkInstance = VK_NULL_HANDLE;
  if (instance != XR_NULL_HANDLE) {
    XR_EXPECT(xrDestroyInstance(instance));
  }
  instance = XR_NULL_HANDLE;
}

std::vector<XrSessionState> SimSession::pollStates() {
  std::vector<XrSessionState> states;
  for (;;) {
    auto e = xrStruct<XrEventDataBuffer>(XR_TYPE_EVENT_DATA_BUFFER);
    const XrResult r = xrPollEvent(instance, &e);
    if (r == XR_EVENT_UNAVAILABLE) break;
    if (r != XR_SUCCESS) {
      ADD_FAILURE() << "xrPollEvent: " << r;
      break;
    }
    if (e.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED)
      states.push_back(reinterpret_cast<const XrEventDataSessionStateChanged&>(e).state);
    else
      others.push_back(e);
  }
  return states;
}

void SimSession::begin() {
  auto info = xrStruct<XrSessionBeginInfo>(XR_TYPE_SESSION_BEGIN_INFO);
  info.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  XR_EXPECT(xrBeginSession(session, &info));
}

XrFrameState SimSession::frame(const std::vector<const XrCompositionLayerBaseHeader*>& layers) {
  auto state = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
  lastWaitResult = xrWaitFrame(session, nullptr, &state);
  if (XR_FAILED(lastWaitResult)) return state;
  XR_EXPECT(xrBeginFrame(session, nullptr));
  auto end = xrStruct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
  end.displayTime = state.predictedDisplayTime;
  end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  end.layerCount = static_cast<std::uint32_t>(layers.size());
  end.layers = layers.data();
  XR_EXPECT(xrEndFrame(session, &end));
  return state;
}

XrPath SimSession::path(const char* text) {
  XrPath p = XR_NULL_PATH;
  EXPECT_EQ(xrStringToPath(instance, text, &p), XR_SUCCESS) << text;
  return p;
}

XrSpace SimSession::referenceSpace(XrReferenceSpaceType type) {
  auto ci = xrStruct<XrReferenceSpaceCreateInfo>(XR_TYPE_REFERENCE_SPACE_CREATE_INFO);
  ci.referenceSpaceType = type;
  ci.poseInReferenceSpace.orientation.w = 1.f;
  XrSpace space = XR_NULL_HANDLE;
  XR_EXPECT(xrCreateReferenceSpace(session, &ci, &space));
  spaces_.push_back(space);
  return space;
}

OneShot::OneShot(VkDevice device, VkQueue queue, std::uint32_t family) : device_(device), queue_(queue) {
  auto pci = vkStruct<VkCommandPoolCreateInfo>(VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO);
  pci.queueFamilyIndex = family;
  EXPECT_EQ(vkCreateCommandPool(device, &pci, nullptr, &pool_), VK_SUCCESS) << "vkCreateCommandPool";
  auto ai = vkStruct<VkCommandBufferAllocateInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO);
  ai.commandPool = pool_;
  ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  ai.commandBufferCount = 1;
  EXPECT_EQ(vkAllocateCommandBuffers(device, &ai, &cmd_), VK_SUCCESS) << "vkAllocateCommandBuffers";
  auto fci = vkStruct<VkFenceCreateInfo>(VK_STRUCTURE_TYPE_FENCE_CREATE_INFO);
  EXPECT_EQ(vkCreateFence(device, &fci, nullptr, &fence_), VK_SUCCESS) << "vkCreateFence";
}

OneShot::~OneShot() {
  vkDestroyFence(device_, fence_, nullptr);
  vkDestroyCommandPool(device_, pool_, nullptr);
}

VkCommandBuffer OneShot::begin() {
  auto bi = vkStruct<VkCommandBufferBeginInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO);
  EXPECT_EQ(vkBeginCommandBuffer(cmd_, &bi), VK_SUCCESS) << "vkBeginCommandBuffer";
  return cmd_;
}

void OneShot::submitAndWait() {
  EXPECT_EQ(vkEndCommandBuffer(cmd_), VK_SUCCESS) << "vkEndCommandBuffer";
  auto si = vkStruct<VkSubmitInfo>(VK_STRUCTURE_TYPE_SUBMIT_INFO);
  si.commandBufferCount = 1;
  si.pCommandBuffers = &cmd_;
  EXPECT_EQ(vkResetFences(device_, 1, &fence_), VK_SUCCESS) << "vkResetFences";
  EXPECT_EQ(vkQueueSubmit(queue_, 1, &si, fence_), VK_SUCCESS) << "vkQueueSubmit";
  EXPECT_EQ(vkWaitForFences(device_, 1, &fence_, VK_TRUE, UINT64_MAX), VK_SUCCESS) << "vkWaitForFences";
  EXPECT_EQ(vkResetCommandPool(device_, pool_, 0), VK_SUCCESS) << "vkResetCommandPool";
}

TestSwapchain makeSwapchain(SimSession& s, VkFormat format, std::uint32_t w, std::uint32_t h,
                            XrSwapchainUsageFlags usage) {
  auto ci = xrStruct<XrSwapchainCreateInfo>(XR_TYPE_SWAPCHAIN_CREATE_INFO);
  ci.usageFlags = usage;
  ci.format = format;
  ci.sampleCount = 1;
  ci.width = w;
  ci.height = h;
  ci.faceCount = 1;
  ci.arraySize = 1;
  ci.mipCount = 1;
  TestSwapchain sc;
  EXPECT_EQ(xrCreateSwapchain(s.session, &ci, &sc.handle), XR_SUCCESS);
  std::uint32_t n = 0;
  EXPECT_EQ(xrEnumerateSwapchainImages(sc.handle, 0, &n, nullptr), XR_SUCCESS);
  std::vector<XrSwapchainImageVulkan2KHR> imgs(n, xrStruct<XrSwapchainImageVulkan2KHR>(XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR));
  EXPECT_EQ(xrEnumerateSwapchainImages(sc.handle, n, &n, reinterpret_cast<XrSwapchainImageBaseHeader*>(imgs.data())),
            XR_SUCCESS);
  for (const auto& i : imgs) sc.images.push_back(i.image);
  return sc;
}

}  // namespace ps::test::xr
