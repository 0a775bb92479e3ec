// The loader-facing surface: negotiation, exported symbols, dispatch, unsupported
// functions and extensions, and handle validation (called directly, bypassing the
// loader's own checks).
#include <dlfcn.h>

#include <cstring>

#include "sim_harness.h"

namespace ps::test::xr {
namespace {

// The structs from the loader's runtime interface document, as the loader passes them.
enum LoaderStruct { kUninitialized = 0, kLoaderInfo = 1, kRuntimeRequest = 3 };
struct NegotiateLoaderInfo {
  LoaderStruct structType;
  std::uint32_t structVersion;
  std::size_t structSize;
  std::uint32_t minInterfaceVersion, maxInterfaceVersion;
  XrVersion minApiVersion, maxApiVersion;
};
struct NegotiateRuntimeRequest {
  LoaderStruct structType;
  std::uint32_t structVersion;
  std::size_t structSize;
  std::uint32_t runtimeInterfaceVersion;
  XrVersion runtimeApiVersion;
  PFN_xrGetInstanceProcAddr getInstanceProcAddr;
};
using Negotiate = XrResult (*)(const NegotiateLoaderInfo*, NegotiateRuntimeRequest*);

class RuntimeLibrary : public ::testing::Test {
 protected:
  void SetUp() override {
    handle_ = dlopen(PS_XR_SIM_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(handle_, nullptr) << dlerror();
    negotiate_ = reinterpret_cast<Negotiate>(dlsym(handle_, "xrNegotiateLoaderRuntimeInterface"));
    ASSERT_NE(negotiate_, nullptr);
  }
  void TearDown() override {
    if (handle_ != nullptr) dlclose(handle_);
  }
  PFN_xrGetInstanceProcAddr negotiated() {
    NegotiateLoaderInfo info{kLoaderInfo, 1, sizeof(NegotiateLoaderInfo), 1, 1, XR_MAKE_VERSION(1, 0, 0),
                             XR_MAKE_VERSION(1, 0xffff, 0xffffffff)};
    NegotiateRuntimeRequest req{kRuntimeRequest, 1, sizeof(NegotiateRuntimeRequest), 0, 0, nullptr};
    EXPECT_EQ(negotiate_(&info, &req), XR_SUCCESS);
    EXPECT_EQ(req.runtimeInterfaceVersion, 1u);
    EXPECT_EQ(XR_VERSION_MAJOR(req.runtimeApiVersion), 1u);
    return req.getInstanceProcAddr;
  }
  void* handle_ = nullptr;
  Negotiate negotiate_ = nullptr;
};

TEST_F(RuntimeLibrary, ExportsOnlyTheNegotiationFunction) {
  for (const char* name : {"xrGetInstanceProcAddr", "xrCreateInstance", "xrWaitFrame", "vkCheck"})
    EXPECT_EQ(dlsym(handle_, name), nullptr) << name << " must not be exported";
}

TEST_F(RuntimeLibrary, NegotiationChecksTheLoaderStructs) {
  NegotiateLoaderInfo info{kLoaderInfo, 1, sizeof(NegotiateLoaderInfo), 1, 1, XR_MAKE_VERSION(1, 0, 0),
                           XR_MAKE_VERSION(1, 0, 20)};
  NegotiateRuntimeRequest req{kRuntimeRequest, 1, sizeof(NegotiateRuntimeRequest), 0, 0, nullptr};
  NegotiateLoaderInfo badSize = info;
  badSize.structSize = 8;
  EXPECT_EQ(negotiate_(&badSize, &req), XR_ERROR_INITIALIZATION_FAILED);
  NegotiateLoaderInfo futureOnly = info;
  futureOnly.minInterfaceVersion = futureOnly.maxInterfaceVersion = 2;
  EXPECT_EQ(negotiate_(&futureOnly, &req), XR_ERROR_INITIALIZATION_FAILED);
  EXPECT_EQ(negotiate_(nullptr, &req), XR_ERROR_INITIALIZATION_FAILED);
  EXPECT_EQ(req.getInstanceProcAddr, nullptr);
  EXPECT_NE(negotiated(), nullptr);
}

TEST_F(RuntimeLibrary, DispatchBeforeAnInstance) {
  const PFN_xrGetInstanceProcAddr gipa = negotiated();
  PFN_xrVoidFunction fn = nullptr;
  EXPECT_EQ(gipa(XR_NULL_HANDLE, "xrCreateInstance", &fn), XR_SUCCESS);
  EXPECT_NE(fn, nullptr);
  EXPECT_EQ(gipa(XR_NULL_HANDLE, "xrEnumerateInstanceExtensionProperties", &fn), XR_SUCCESS);
  EXPECT_EQ(gipa(XR_NULL_HANDLE, "xrGetSystem", &fn), XR_ERROR_HANDLE_INVALID);
  EXPECT_EQ(fn, nullptr);
  EXPECT_EQ(gipa(reinterpret_cast<XrInstance>(0x1234), "xrGetSystem", &fn), XR_ERROR_HANDLE_INVALID);
}

TEST_F(RuntimeLibrary, BogusHandlesAreRejectedNotDereferenced) {
  const PFN_xrGetInstanceProcAddr gipa = negotiated();
  useScript("");
  SimSession s;  // a live instance, so the runtime has something to confuse them with
  ASSERT_NE(s.session, XR_NULL_HANDLE);
  PFN_xrVoidFunction fn = nullptr;
  // The loader wraps handles for instances only, so the runtime's session handle is real.
  ASSERT_EQ(gipa(s.instance, "xrWaitFrame", &fn), XR_SUCCESS);
  auto waitFrame = reinterpret_cast<PFN_xrWaitFrame>(fn);
  auto state = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
  EXPECT_EQ(waitFrame(reinterpret_cast<XrSession>(0xdeadbeef), nullptr, &state), XR_ERROR_HANDLE_INVALID);
  ASSERT_EQ(gipa(s.instance, "xrDestroySpace", &fn), XR_SUCCESS);
  EXPECT_EQ(reinterpret_cast<PFN_xrDestroySpace>(fn)(reinterpret_cast<XrSpace>(s.session)), XR_ERROR_HANDLE_INVALID);
  ASSERT_EQ(gipa(s.instance, "xrAcquireSwapchainImage", &fn), XR_SUCCESS);
  std::uint32_t index = 0;
  EXPECT_EQ(reinterpret_cast<PFN_xrAcquireSwapchainImage>(fn)(XR_NULL_HANDLE, nullptr, &index), XR_ERROR_HANDLE_INVALID);
  ASSERT_EQ(gipa(s.instance, "xrEndFrame", &fn), XR_SUCCESS);
  EXPECT_EQ(reinterpret_cast<PFN_xrEndFrame>(fn)(s.session, nullptr), XR_ERROR_VALIDATION_FAILURE);
}

TEST(SimInterface, OffersVulkanEnable2AndRejectsUnknownExtensions) {
  std::uint32_t n = 0;
  XR_ASSERT(xrEnumerateInstanceExtensionProperties(nullptr, 0, &n, nullptr));
  std::vector<XrExtensionProperties> props(n, xrStruct<XrExtensionProperties>(XR_TYPE_EXTENSION_PROPERTIES));
  XR_ASSERT(xrEnumerateInstanceExtensionProperties(nullptr, n, &n, props.data()));
  bool vulkan2 = false;
  for (const auto& p : props) vulkan2 |= std::strcmp(p.extensionName, XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME) == 0;
  EXPECT_TRUE(vulkan2);

  XrInstance instance = XR_NULL_HANDLE;
  EXPECT_EQ(createInstance({"XR_EXT_hand_tracking"}, instance), XR_ERROR_EXTENSION_NOT_PRESENT);
}

// XR_KHR_vulkan_enable2: the runtime creates the app's Vulkan instance and device with at least
// the extensions the app asked for (the headset's mirror window needs VK_KHR_surface and
// VK_KHR_swapchain on them). The loader hands out an extension's functions only where it was
// enabled: that is the proof, and the plain session shows the check can fail.
TEST(SimInterface, VulkanInstanceAndDeviceGetTheAppsExtensions) {
  useScript("");
  {
    SimSession plain;
    EXPECT_EQ(vkGetInstanceProcAddr(plain.vkInstance, "vkDestroySurfaceKHR"), nullptr);
    EXPECT_EQ(vkGetDeviceProcAddr(plain.device, "vkCreateSwapchainKHR"), nullptr);
  }
  SimSession asked({}, VulkanExtensions{{VK_KHR_SURFACE_EXTENSION_NAME}, {VK_KHR_SWAPCHAIN_EXTENSION_NAME}});
  EXPECT_NE(vkGetInstanceProcAddr(asked.vkInstance, "vkDestroySurfaceKHR"), nullptr) << "instance extension dropped";
  EXPECT_NE(vkGetDeviceProcAddr(asked.device, "vkCreateSwapchainKHR"), nullptr) << "device extension dropped";
  EXPECT_EQ(asked.validationMessages, 0);
}

TEST(SimInterface, UnsupportedAndDisabledFunctions) {
  useScript("");
  XrInstance instance = XR_NULL_HANDLE;
  XR_ASSERT(createInstance({}, instance));
  PFN_xrVoidFunction fn = nullptr;
  EXPECT_EQ(xrGetInstanceProcAddr(instance, "xrCreateHandTrackerEXT", &fn), XR_ERROR_FUNCTION_UNSUPPORTED);
  EXPECT_EQ(xrGetInstanceProcAddr(instance, "xrNotAFunction", &fn), XR_ERROR_FUNCTION_UNSUPPORTED);
  // Extension functions only for instances that enabled the extension.
  EXPECT_EQ(xrGetInstanceProcAddr(instance, "xrGetVulkanGraphicsDevice2KHR", &fn), XR_ERROR_FUNCTION_UNSUPPORTED);

  auto props = xrStruct<XrInstanceProperties>(XR_TYPE_INSTANCE_PROPERTIES);
  XR_EXPECT(xrGetInstanceProperties(instance, &props));
  EXPECT_STREQ(props.runtimeName, "PerfectShot simulated headset");
  auto sgi = xrStruct<XrSystemGetInfo>(XR_TYPE_SYSTEM_GET_INFO);
  sgi.formFactor = XR_FORM_FACTOR_HANDHELD_DISPLAY;
  XrSystemId system = XR_NULL_SYSTEM_ID;
  EXPECT_EQ(xrGetSystem(instance, &sgi, &system), XR_ERROR_FORM_FACTOR_UNSUPPORTED);
  sgi.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  XR_EXPECT(xrGetSystem(instance, &sgi, &system));
  std::uint32_t n = 0;
  XR_EXPECT(xrEnumerateViewConfigurationViews(instance, system, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0, &n, nullptr));
  EXPECT_EQ(n, 2u);
  std::vector<XrViewConfigurationView> views(2, xrStruct<XrViewConfigurationView>(XR_TYPE_VIEW_CONFIGURATION_VIEW));
  EXPECT_EQ(xrEnumerateViewConfigurationViews(instance, system, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 1, &n,
                                              views.data()),
            XR_ERROR_SIZE_INSUFFICIENT);
  XR_EXPECT(xrEnumerateViewConfigurationViews(instance, system, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 2, &n,
                                              views.data()));
  EXPECT_EQ(views[0].recommendedImageRectWidth, 512u);
  EXPECT_EQ(xrEnumerateViewConfigurationViews(instance, system, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_MONO, 0, &n, nullptr),
            XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED);

  XrPath path = XR_NULL_PATH;
  EXPECT_EQ(xrStringToPath(instance, "/user/hand//left", &path), XR_ERROR_PATH_FORMAT_INVALID);
  EXPECT_EQ(xrStringToPath(instance, "no/leading/slash", &path), XR_ERROR_PATH_FORMAT_INVALID);
  XR_EXPECT(xrStringToPath(instance, "/user/hand/left", &path));
  char text[XR_MAX_PATH_LENGTH];
  XR_EXPECT(xrPathToString(instance, path, sizeof(text), &n, text));
  EXPECT_STREQ(text, "/user/hand/left");
  char name[XR_MAX_RESULT_STRING_SIZE];
  XR_EXPECT(xrResultToString(instance, XR_ERROR_SESSION_LOST, name));
  EXPECT_STREQ(name, "XR_ERROR_SESSION_LOST");
  XR_EXPECT(xrDestroyInstance(instance));
}

TEST(SimInterface, SessionNeedsGraphicsRequirementsAndABinding) {
  useScript("");
  XrInstance instance = XR_NULL_HANDLE;
  XR_ASSERT(createInstance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME}, instance));
  auto sgi = xrStruct<XrSystemGetInfo>(XR_TYPE_SYSTEM_GET_INFO);
  sgi.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  XrSystemId system = XR_NULL_SYSTEM_ID;
  XR_ASSERT(xrGetSystem(instance, &sgi, &system));
  auto sci = xrStruct<XrSessionCreateInfo>(XR_TYPE_SESSION_CREATE_INFO);
  sci.systemId = system;
  XrSession session = XR_NULL_HANDLE;
  EXPECT_EQ(xrCreateSession(instance, &sci, &session), XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING);
  PFN_xrVoidFunction fn = nullptr;
  XR_ASSERT(xrGetInstanceProcAddr(instance, "xrGetVulkanGraphicsRequirements2KHR", &fn));
  auto reqs = xrStruct<XrGraphicsRequirementsVulkan2KHR>(XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR);
  XR_EXPECT(reinterpret_cast<PFN_xrGetVulkanGraphicsRequirements2KHR>(fn)(instance, system, &reqs));
  EXPECT_EQ(xrCreateSession(instance, &sci, &session), XR_ERROR_GRAPHICS_DEVICE_INVALID);
  XR_EXPECT(xrDestroyInstance(instance));
}

}  // namespace
}  // namespace ps::test::xr
