// Capture: the submitted sub-images of chosen frames land in PNGs with the colour
// the app cleared them to, with a JSON of the views next to them.
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "image.h"
#include "sim_harness.h"

namespace ps::test::xr {
namespace {

void barrier(VkCommandBuffer cmd, VkImage image, VkImageLayout from, VkImageLayout to) {
  auto b = vkStruct<VkImageMemoryBarrier>(VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER);
  b.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
  b.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  b.oldLayout = from;
  b.newLayout = to;
  b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  b.image = image;
  b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0, 0, nullptr, 0,
                       nullptr, 1, &b);
}

// Acquire, clear to colour (leaving the image in COLOR_ATTACHMENT_OPTIMAL as an app
// that rendered would), release.
void clearNextImage(SimSession& s, OneShot& gpu, const TestSwapchain& sc, VkClearColorValue colour) {
  std::uint32_t index = 0;
  XR_EXPECT(xrAcquireSwapchainImage(sc.handle, nullptr, &index));
  auto wi = xrStruct<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
  wi.timeout = XR_INFINITE_DURATION;
  XR_EXPECT(xrWaitSwapchainImage(sc.handle, &wi));
  const VkCommandBuffer cmd = gpu.begin();
  const VkImage image = sc.images.at(index);
  barrier(cmd, image, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL);
  const VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
  vkCmdClearColorImage(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &colour, 1, &range);
  barrier(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL);
  gpu.submitAndWait();
  XR_EXPECT(xrReleaseSwapchainImage(sc.handle, nullptr));
  (void)s;
}

void expectSolid(const std::string& path, int w, int h, int r, int g, int b) {
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  const Image img = loadImage(path, 4);
  ASSERT_EQ(img.width, w) << path;
  ASSERT_EQ(img.height, h) << path;
  for (int y : {0, h / 2, h - 1})
    for (int x : {0, w / 2, w - 1}) {
      EXPECT_NEAR(img.at(x, y, 0), r, 1) << path << " at " << x << "," << y;
      EXPECT_NEAR(img.at(x, y, 1), g, 1) << path << " at " << x << "," << y;
      EXPECT_NEAR(img.at(x, y, 2), b, 1) << path << " at " << x << "," << y;
    }
}

TEST(SimCapture, WritesTheSubmittedImagesOfChosenFrames) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "ps_xr_sim_capture";
  std::filesystem::remove_all(dir);
  setenv("PERFECTSHOT_SIM_CAPTURE_DIR", dir.c_str(), 1);
  setenv("PERFECTSHOT_SIM_CAPTURE_FRAMES", "2", 1);
  useScript(R"({"display": {"ipd_m": 0.064}, "head": [{"frame": 0, "position": [0, 1.7, 0], "yaw_deg": 30}]})");
  SimSession s;
  unsetenv("PERFECTSHOT_SIM_CAPTURE_DIR");
  unsetenv("PERFECTSHOT_SIM_CAPTURE_FRAMES");
  ASSERT_NE(s.session, XR_NULL_HANDLE);

  std::uint32_t n = 0;
  XR_EXPECT(xrEnumerateSwapchainFormats(s.session, 0, &n, nullptr));
  std::vector<std::int64_t> formats(n);
  XR_EXPECT(xrEnumerateSwapchainFormats(s.session, n, &n, formats.data()));
  ASSERT_GE(formats.size(), 2u);
  EXPECT_EQ(formats[0], VK_FORMAT_R8G8B8A8_SRGB);
  EXPECT_EQ(formats[1], VK_FORMAT_B8G8R8A8_SRGB);

  const TestSwapchain left = makeSwapchain(s, VK_FORMAT_R8G8B8A8_SRGB, 64, 48);
  const TestSwapchain right = makeSwapchain(s, VK_FORMAT_R8G8B8A8_SRGB, 64, 48);
  const TestSwapchain quad = makeSwapchain(s, VK_FORMAT_B8G8R8A8_UNORM, 40, 20);
  const XrSpace local = s.referenceSpace(XR_REFERENCE_SPACE_TYPE_LOCAL);
  auto gpu = std::make_unique<OneShot>(s.device, s.queue, s.queueFamily);
  s.pollStates();
  s.begin();
  for (std::uint64_t frame = 0; frame < 4; ++frame) {
    auto state = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
    XR_ASSERT(xrWaitFrame(s.session, nullptr, &state));
    XR_ASSERT(xrBeginFrame(s.session, nullptr));
    auto vli = xrStruct<XrViewLocateInfo>(XR_TYPE_VIEW_LOCATE_INFO);
    vli.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
    vli.displayTime = state.predictedDisplayTime;
    vli.space = local;
    auto vs = xrStruct<XrViewState>(XR_TYPE_VIEW_STATE);
    std::vector<XrView> views(2, xrStruct<XrView>(XR_TYPE_VIEW));
    XR_ASSERT(xrLocateViews(s.session, &vli, &vs, 2, &n, views.data()));
    // Frame 2 gets distinct colours so a capture of any other frame would show.
    const float hi = frame == 2 ? 1.f : 0.f;
    clearNextImage(s, *gpu, left, {{hi, 0.f, 0.f, 1.f}});
    clearNextImage(s, *gpu, right, {{0.f, hi, 0.5f, 1.f}});
    clearNextImage(s, *gpu, quad, {{0.f, 0.f, hi, 1.f}});
    std::array<XrCompositionLayerProjectionView, 2> pv{};
    for (int eye = 0; eye < 2; ++eye) {
      pv[eye] = xrStruct<XrCompositionLayerProjectionView>(XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW);
      pv[eye].pose = views[eye].pose;
      pv[eye].fov = views[eye].fov;
      pv[eye].subImage.swapchain = eye == 0 ? left.handle : right.handle;
      pv[eye].subImage.imageRect = {{8, 4}, {48, 40}};
    }
    auto proj = xrStruct<XrCompositionLayerProjection>(XR_TYPE_COMPOSITION_LAYER_PROJECTION);
    proj.space = local;
    proj.viewCount = 2;
    proj.views = pv.data();
    auto q = xrStruct<XrCompositionLayerQuad>(XR_TYPE_COMPOSITION_LAYER_QUAD);
    q.space = local;
    q.pose = {{0.f, 0.f, 0.f, 1.f}, {0.f, 0.f, -2.f}};
    q.size = {1.f, 0.5f};
    q.subImage.swapchain = quad.handle;
    q.subImage.imageRect = {{0, 0}, {40, 20}};
    const XrCompositionLayerBaseHeader* layers[] = {reinterpret_cast<const XrCompositionLayerBaseHeader*>(&proj),
                                                    reinterpret_cast<const XrCompositionLayerBaseHeader*>(&q)};
    auto end = xrStruct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
    end.displayTime = state.predictedDisplayTime;
    end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
    end.layerCount = 2;
    end.layers = layers;
    if (frame == 1) {  // a rect outside the image is refused and the frame stays open
      pv[0].subImage.imageRect = {{32, 0}, {48, 48}};
      EXPECT_EQ(xrEndFrame(s.session, &end), XR_ERROR_SWAPCHAIN_RECT_INVALID);
      pv[0].subImage.imageRect = {{8, 4}, {48, 40}};
    }
    XR_ASSERT(xrEndFrame(s.session, &end));
  }
  const std::string d = dir.string();
  expectSolid(d + "/frame_2_left.png", 48, 40, 255, 0, 0);
  expectSolid(d + "/frame_2_right.png", 48, 40, 0, 255, 188);  // 0.5 linear is 188 in sRGB
  expectSolid(d + "/frame_2_quad0.png", 40, 20, 0, 0, 255);    // BGRA swizzled back to RGB
  EXPECT_FALSE(std::filesystem::exists(d + "/frame_1_left.png"));
  EXPECT_FALSE(std::filesystem::exists(d + "/frame_3_left.png"));

  std::ifstream in(d + "/frame_2.json");
  ASSERT_TRUE(in.good());
  const auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j["frame"], 2);
  ASSERT_EQ(j["images"].size(), 3u);
  const auto& l = j["images"][0];
  const auto& r = j["images"][1];
  EXPECT_EQ(l["kind"], "left");
  EXPECT_NEAR(l["fov_rad"]["right"].get<double>(), 0.785398, 1e-4);
  EXPECT_NEAR(l["pose_in_stage"]["position"][1].get<double>(), 1.7, 1e-4);
  const double dx = r["pose_in_stage"]["position"][0].get<double>() - l["pose_in_stage"]["position"][0].get<double>();
  const double dz = r["pose_in_stage"]["position"][2].get<double>() - l["pose_in_stage"]["position"][2].get<double>();
  EXPECT_NEAR(std::hypot(dx, dz), 0.064, 1e-4);
  EXPECT_EQ(j["images"][2]["kind"], "quad");
  for (const auto& sc : {left, right, quad}) {
    XR_EXPECT(xrDestroySwapchain(sc.handle));
  }
  gpu.reset();
  s.destroy();
  EXPECT_EQ(s.validationMessages, 0);
}

// An XR_KHR_composition_layer_equirect2 layer whose image is `sc`, covering the whole sphere.
XrCompositionLayerEquirect2KHR wholeSphere(XrSpace space, const TestSwapchain& sc, std::int32_t w, std::int32_t h) {
  auto layer = xrStruct<XrCompositionLayerEquirect2KHR>(XR_TYPE_COMPOSITION_LAYER_EQUIRECT2_KHR);
  layer.space = space;
  layer.eyeVisibility = XR_EYE_VISIBILITY_BOTH;
  layer.subImage.swapchain = sc.handle;
  layer.subImage.imageRect = {{0, 0}, {w, h}};
  layer.pose.orientation.w = 1.f;
  layer.radius = 0.f;
  layer.centralHorizontalAngle = 6.2831853f;
  layer.upperVerticalAngle = 1.5707963f;
  layer.lowerVerticalAngle = -1.5707963f;
  return layer;
}

// xrEndFrame with one equirect layer (none for nullptr), opaque.
XrResult endFrameWith(SimSession& s, XrTime displayTime, const XrCompositionLayerEquirect2KHR* layer) {
  const auto* header = reinterpret_cast<const XrCompositionLayerBaseHeader*>(layer);
  auto end = xrStruct<XrFrameEndInfo>(XR_TYPE_FRAME_END_INFO);
  end.displayTime = displayTime;
  end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  end.layerCount = layer != nullptr ? 1 : 0;
  end.layers = layer != nullptr ? &header : nullptr;
  return xrEndFrame(s.session, &end);
}

TEST(SimCapture, EquirectLayerIsCheckedAndCaptured) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "ps_xr_sim_capture_equirect";
  std::filesystem::remove_all(dir);
  setenv("PERFECTSHOT_SIM_CAPTURE_DIR", dir.c_str(), 1);
  setenv("PERFECTSHOT_SIM_CAPTURE_FRAMES", "1", 1);
  useScript("");
  SimSession s({XR_KHR_COMPOSITION_LAYER_EQUIRECT2_EXTENSION_NAME});
  unsetenv("PERFECTSHOT_SIM_CAPTURE_DIR");
  unsetenv("PERFECTSHOT_SIM_CAPTURE_FRAMES");
  ASSERT_NE(s.session, XR_NULL_HANDLE);
  const TestSwapchain sphere = makeSwapchain(s, VK_FORMAT_R8G8B8A8_SRGB, 64, 32);
  const XrSpace stage = s.referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
  auto gpu = std::make_unique<OneShot>(s.device, s.queue, s.queueFamily);
  s.pollStates();
  s.begin();
  for (std::uint64_t frame = 0; frame < 3; ++frame) {
    auto state = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
    XR_ASSERT(xrWaitFrame(s.session, nullptr, &state));
    XR_ASSERT(xrBeginFrame(s.session, nullptr));
    clearNextImage(s, *gpu, sphere, {{frame == 1 ? 1.f : 0.f, 0.f, 1.f, 1.f}});
    auto layer = wholeSphere(stage, sphere, 64, 32);
    if (frame == 0) {  // more than the whole circle, or lower above upper, is refused
      layer.centralHorizontalAngle = 7.f;
      EXPECT_EQ(endFrameWith(s, state.predictedDisplayTime, &layer), XR_ERROR_VALIDATION_FAILURE);
      layer = wholeSphere(stage, sphere, 64, 32);
      layer.lowerVerticalAngle = 1.f;
      layer.upperVerticalAngle = 0.5f;
      EXPECT_EQ(endFrameWith(s, state.predictedDisplayTime, &layer), XR_ERROR_VALIDATION_FAILURE);
      layer = wholeSphere(stage, sphere, 64, 32);
    }
    XR_ASSERT(endFrameWith(s, state.predictedDisplayTime, &layer));
  }
  const std::string d = dir.string();
  expectSolid(d + "/frame_1_equirect0.png", 64, 32, 255, 0, 255);
  std::ifstream in(d + "/frame_1.json");
  ASSERT_TRUE(in.good());
  const auto j = nlohmann::json::parse(in);
  ASSERT_EQ(j["images"].size(), 1u);
  EXPECT_EQ(j["images"][0]["kind"], "equirect");
  EXPECT_NEAR(j["images"][0]["equirect"]["central_horizontal_angle_rad"].get<double>(), 6.2831853, 1e-5);
  EXPECT_NEAR(j["images"][0]["equirect"]["lower_vertical_angle_rad"].get<double>(), -1.5707963, 1e-5);
  XR_EXPECT(xrDestroySwapchain(sphere.handle));
  gpu.reset();
  s.destroy();
  EXPECT_EQ(s.validationMessages, 0);
}

TEST(SimCapture, EquirectLayerWithoutTheExtensionIsRefused) {
  useScript("");
  SimSession s;  // XR_KHR_composition_layer_equirect2 not enabled
  ASSERT_NE(s.session, XR_NULL_HANDLE);
  const TestSwapchain sphere = makeSwapchain(s, VK_FORMAT_R8G8B8A8_SRGB, 64, 32);
  const XrSpace stage = s.referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
  auto gpu = std::make_unique<OneShot>(s.device, s.queue, s.queueFamily);
  s.pollStates();
  s.begin();
  auto state = xrStruct<XrFrameState>(XR_TYPE_FRAME_STATE);
  XR_ASSERT(xrWaitFrame(s.session, nullptr, &state));
  XR_ASSERT(xrBeginFrame(s.session, nullptr));
  clearNextImage(s, *gpu, sphere, {{0.f, 0.f, 1.f, 1.f}});
  auto layer = wholeSphere(stage, sphere, 64, 32);
  EXPECT_EQ(endFrameWith(s, state.predictedDisplayTime, &layer), XR_ERROR_LAYER_INVALID);
  XR_EXPECT(endFrameWith(s, state.predictedDisplayTime, nullptr));  // the frame stayed open
  XR_EXPECT(xrDestroySwapchain(sphere.handle));
  gpu.reset();
  s.destroy();
  EXPECT_EQ(s.validationMessages, 0);
}

}  // namespace
}  // namespace ps::test::xr
