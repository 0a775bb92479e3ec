// XR_KHR_composition_layer_depth in the simulated runtime: offered, the depth info chained on
// projection views checked as a runtime would, and the depth received written by the capture
// (PFM) with the range and distances it was told.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>

#include "pfm.h"
#include "sim_harness.h"

namespace ps::test::xr {
namespace {

constexpr XrSwapchainUsageFlags kDepthUsage =
    XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT;

void depthBarrier(VkCommandBuffer cmd, VkImage image, VkImageLayout from, VkImageLayout to) {
  auto b = vkStruct<VkImageMemoryBarrier>(VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER);
  b.srcAccessMask = VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
  b.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT |
                    VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
  b.oldLayout = from;
  b.newLayout = to;
  b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  b.image = image;
  b.subresourceRange = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 1, 0, 1};
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0, 0, nullptr, 0,
                       nullptr, 1, &b);
}

std::uint32_t acquire(const TestSwapchain& sc) {
  std::uint32_t index = 0;
  XR_EXPECT(xrAcquireSwapchainImage(sc.handle, nullptr, &index));
  auto wi = xrStruct<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
  wi.timeout = XR_INFINITE_DURATION;
  XR_EXPECT(xrWaitSwapchainImage(sc.handle, &wi));
  return index;
}

// Acquire, clear the depth to `value` (leaving it in DEPTH_STENCIL_ATTACHMENT_OPTIMAL as an
// app that rendered would), release.
void clearNextDepth(OneShot& gpu, const TestSwapchain& sc, float value) {
  const VkImage image = sc.images.at(acquire(sc));
  const VkCommandBuffer cmd = gpu.begin();
  depthBarrier(cmd, image, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL);
  const VkClearDepthStencilValue clear{value, 0};
  const VkImageSubresourceRange range{VK_IMAGE_ASPECT_DEPTH_BIT, 0, 1, 0, 1};
  vkCmdClearDepthStencilImage(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &clear, 1, &range);
  depthBarrier(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL);
  gpu.submitAndWait();
  XR_EXPECT(xrReleaseSwapchainImage(sc.handle, nullptr));
}

// Acquire and release a colour image as it is (the test looks at depth only).
void passNextColour(const TestSwapchain& sc) {
  acquire(sc);
  XR_EXPECT(xrReleaseSwapchainImage(sc.handle, nullptr));
}

struct Eyes {
  TestSwapchain colour[2];
  TestSwapchain depth[2];
};

// Destroys the swapchains, then the session; no Vulkan validation message came meanwhile.
void tearDown(SimSession& s, const Eyes& eyes, std::unique_ptr<OneShot>& gpu) {
  for (int eye = 0; eye < 2; ++eye) {
    XR_EXPECT(xrDestroySwapchain(eyes.colour[eye].handle));
    XR_EXPECT(xrDestroySwapchain(eyes.depth[eye].handle));
  }
  gpu.reset();
  s.destroy();
  EXPECT_EQ(s.validationMessages, 0);
}

XrResult endFrame(SimSession& s, XrTime displayTime, XrSpace space, const Eyes& eyes,
                  std::array<XrCompositionLayerDepthInfoKHR, 2>& depth) {
  std::array<XrCompositionLayerProjectionView, 2> pv{};
  for (int eye = 0; eye < 2; ++eye) {
    pv[eye] = xrStruct<XrCompositionLayerProjectionView>(XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW);
    pv[eye].pose.orientation.w = 1.f;
    pv[eye].fov = {-0.7f, 0.7f, 0.7f, -0.7f};
    pv[eye].subImage.swapchain = eyes.colour[eye].handle;
    pv[eye].subImage.imageRect = {{0, 0}, {32, 24}};
    pv[eye].next = &depth[eye];
  }
  auto proj = xrStruct<XrCompositionLayerProjection>(XR_TYPE_COMPOSITION_LAYER_PROJECTION);
  proj.space = space;
  proj.viewCount = 2;
  proj.views = pv.data();
  const auto* header = reinterpret_cast<const XrCompositionLayerBaseHeader*>(&proj);
  auto end = xrStruct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
  end.displayTime = displayTime;
  end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  end.layerCount = 1;
  end.layers = &header;
  return xrEndFrame(s.session, &end);
}

// Left: D32 with a conventional range (0.05 m at depth 0, 100 m at depth 1); right: D16 with
// reversed, infinite Z as such apps give it (infinity at depth 0, 0.05 m at depth 1).
std::array<XrCompositionLayerDepthInfoKHR, 2> validDepth(const Eyes& eyes) {
  std::array<XrCompositionLayerDepthInfoKHR, 2> d{};
  for (int eye = 0; eye < 2; ++eye) {
    d[eye] = xrStruct<XrCompositionLayerDepthInfoKHR>(XR_TYPE_COMPOSITION_LAYER_DEPTH_INFO_KHR);
    d[eye].subImage.swapchain = eyes.depth[eye].handle;
    d[eye].subImage.imageRect = {{0, 0}, {32, 24}};
    d[eye].minDepth = 0.f;
    d[eye].maxDepth = 1.f;
  }
  d[0].nearZ = 0.05f;
  d[0].farZ = 100.f;
  d[1].nearZ = std::numeric_limits<float>::infinity();
  d[1].farZ = 0.05f;
  return d;
}

TEST(SimDepth, TheExtensionAndDepthFormatsAreOffered) {
  std::uint32_t n = 0;
  XR_ASSERT(xrEnumerateInstanceExtensionProperties(nullptr, 0, &n, nullptr));
  std::vector<XrExtensionProperties> props(n, xrStruct<XrExtensionProperties>(XR_TYPE_EXTENSION_PROPERTIES));
  XR_ASSERT(xrEnumerateInstanceExtensionProperties(nullptr, n, &n, props.data()));
  bool listed = false;
  for (const auto& p : props) listed = listed || std::strcmp(p.extensionName, XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME) == 0;
  EXPECT_TRUE(listed);

  useScript("");
  SimSession s({XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME});
  ASSERT_NE(s.session, XR_NULL_HANDLE);
  XR_ASSERT(xrEnumerateSwapchainFormats(s.session, 0, &n, nullptr));
  std::vector<std::int64_t> formats(n);
  XR_ASSERT(xrEnumerateSwapchainFormats(s.session, n, &n, formats.data()));
  EXPECT_NE(std::find(formats.begin(), formats.end(), VK_FORMAT_D32_SFLOAT), formats.end());
  EXPECT_NE(std::find(formats.begin(), formats.end(), VK_FORMAT_D16_UNORM), formats.end());
  s.destroy();
  EXPECT_EQ(s.validationMessages, 0);
}

TEST(SimDepth, DepthInfoIsCheckedAndTheDepthReceivedIsCaptured) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "ps_xr_sim_capture_depth";
  std::filesystem::remove_all(dir);
  setenv("PERFECTSHOT_SIM_CAPTURE_DIR", dir.c_str(), 1);
  setenv("PERFECTSHOT_SIM_CAPTURE_FRAMES", "1", 1);
  useScript("");
  SimSession s({XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME});
  unsetenv("PERFECTSHOT_SIM_CAPTURE_DIR");
  unsetenv("PERFECTSHOT_SIM_CAPTURE_FRAMES");
  ASSERT_NE(s.session, XR_NULL_HANDLE);
  Eyes eyes;
  for (int eye = 0; eye < 2; ++eye) eyes.colour[eye] = makeSwapchain(s, VK_FORMAT_R8G8B8A8_SRGB, 32, 24);
  eyes.depth[0] = makeSwapchain(s, VK_FORMAT_D32_SFLOAT, 32, 24, kDepthUsage);
  eyes.depth[1] = makeSwapchain(s, VK_FORMAT_D16_UNORM, 32, 24, kDepthUsage);
  const XrSpace local = s.referenceSpace(XR_REFERENCE_SPACE_TYPE_LOCAL);
  auto gpu = std::make_unique<OneShot>(s.device, s.queue, s.queueFamily);
  s.pollStates();
  s.begin();
  for (std::uint64_t frame = 0; frame < 3; ++frame) {
    auto state = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
    XR_ASSERT(xrWaitFrame(s.session, nullptr, &state));
    XR_ASSERT(xrBeginFrame(s.session, nullptr));
    for (int eye = 0; eye < 2; ++eye) passNextColour(eyes.colour[eye]);
    // Frame 1 gets the known depths, so a capture of any other frame would show.
    clearNextDepth(*gpu, eyes.depth[0], frame == 1 ? 0.25f : 1.f);
    clearNextDepth(*gpu, eyes.depth[1], frame == 1 ? 0.75f : 1.f);
    auto depth = validDepth(eyes);
    if (frame == 0) {  // each of these is refused, and the frame stays open
      depth[0].nearZ = depth[0].farZ;
      EXPECT_EQ(endFrame(s, state.predictedDisplayTime, local, eyes, depth), XR_ERROR_VALIDATION_FAILURE);
      depth = validDepth(eyes);
      depth[1].nearZ = -1.f;
      EXPECT_EQ(endFrame(s, state.predictedDisplayTime, local, eyes, depth), XR_ERROR_VALIDATION_FAILURE);
      depth = validDepth(eyes);
      depth[0].minDepth = 0.8f;
      depth[0].maxDepth = 0.2f;
      EXPECT_EQ(endFrame(s, state.predictedDisplayTime, local, eyes, depth), XR_ERROR_VALIDATION_FAILURE);
      depth = validDepth(eyes);
      depth[1].maxDepth = std::numeric_limits<float>::quiet_NaN();
      EXPECT_EQ(endFrame(s, state.predictedDisplayTime, local, eyes, depth), XR_ERROR_VALIDATION_FAILURE);
      depth = validDepth(eyes);
      depth[0].subImage.imageRect = {{8, 0}, {32, 24}};  // past the depth image's edge
      EXPECT_EQ(endFrame(s, state.predictedDisplayTime, local, eyes, depth), XR_ERROR_SWAPCHAIN_RECT_INVALID);
      depth = validDepth(eyes);
      depth[1].subImage.swapchain = eyes.colour[1].handle;  // a colour swapchain as depth
      EXPECT_EQ(endFrame(s, state.predictedDisplayTime, local, eyes, depth), XR_ERROR_VALIDATION_FAILURE);
      depth = validDepth(eyes);
    }
    XR_ASSERT(endFrame(s, state.predictedDisplayTime, local, eyes, depth));
  }
  const std::string d = dir.string();
  const Pfm left = readPfm(d + "/frame_1_left_depth.pfm");
  const Pfm right = readPfm(d + "/frame_1_right_depth.pfm");
  ASSERT_EQ(left.width, 32);
  ASSERT_EQ(left.height, 24);
  ASSERT_EQ(right.width, 32);
  ASSERT_EQ(right.height, 24);
  for (float v : left.values) ASSERT_EQ(v, 0.25f);  // D32: exactly what was cleared
  for (float v : right.values) ASSERT_NEAR(v, 0.75f, 1.0 / 65535);  // D16: to its step
  EXPECT_TRUE(std::filesystem::exists(d + "/frame_1_left.png"));
  EXPECT_FALSE(std::filesystem::exists(d + "/frame_0_left_depth.pfm"));
  EXPECT_FALSE(std::filesystem::exists(d + "/frame_2_left_depth.pfm"));

  std::ifstream in(d + "/frame_1.json");
  ASSERT_TRUE(in.good());
  const auto j = nlohmann::json::parse(in);
  ASSERT_EQ(j["images"].size(), 2u);
  const auto& l = j["images"][0]["depth"];
  const auto& r = j["images"][1]["depth"];
  EXPECT_EQ(l["file"], "frame_1_left_depth.pfm");
  EXPECT_EQ(r["file"], "frame_1_right_depth.pfm");
  EXPECT_NEAR(l["near_z_m"].get<double>(), 0.05, 1e-6);
  EXPECT_NEAR(l["far_z_m"].get<double>(), 100.0, 1e-4);
  EXPECT_EQ(l["min_depth"], 0.0);
  EXPECT_EQ(l["max_depth"], 1.0);
  EXPECT_EQ(l["rect"]["width"], 32);
  EXPECT_TRUE(r["near_z_m"].is_null()) << "infinite";
  EXPECT_NEAR(r["far_z_m"].get<double>(), 0.05, 1e-6);
  tearDown(s, eyes, gpu);
}

TEST(SimDepth, DepthInfoWithoutTheExtensionIsRefused) {
  useScript("");
  SimSession s;  // XR_KHR_composition_layer_depth not enabled
  ASSERT_NE(s.session, XR_NULL_HANDLE);
  Eyes eyes;
  for (int eye = 0; eye < 2; ++eye) {
    eyes.colour[eye] = makeSwapchain(s, VK_FORMAT_R8G8B8A8_SRGB, 32, 24);
    eyes.depth[eye] = makeSwapchain(s, VK_FORMAT_D32_SFLOAT, 32, 24, kDepthUsage);
  }
  const XrSpace local = s.referenceSpace(XR_REFERENCE_SPACE_TYPE_LOCAL);
  auto gpu = std::make_unique<OneShot>(s.device, s.queue, s.queueFamily);
  s.pollStates();
  s.begin();
  auto state = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
  XR_ASSERT(xrWaitFrame(s.session, nullptr, &state));
  XR_ASSERT(xrBeginFrame(s.session, nullptr));
  for (int eye = 0; eye < 2; ++eye) {
    passNextColour(eyes.colour[eye]);
    clearNextDepth(*gpu, eyes.depth[eye], 0.5f);
  }
  auto depth = validDepth(eyes);
  depth[1].nearZ = 0.05f;
  depth[1].farZ = 100.f;
  EXPECT_EQ(endFrame(s, state.predictedDisplayTime, local, eyes, depth), XR_ERROR_VALIDATION_FAILURE);
  tearDown(s, eyes, gpu);
}

}  // namespace
}  // namespace ps::test::xr
