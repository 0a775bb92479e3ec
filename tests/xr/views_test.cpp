// The scripted head pose, IPD and fov as xrLocateViews and xrLocateSpace report them.
#include <cmath>
#include <numbers>

#include "sim_harness.h"

namespace ps::test::xr {
namespace {

constexpr float kPi = std::numbers::pi_v<float>;

XrVector3f rotate(const XrQuaternionf& q, const XrVector3f& v) {
  // v + 2w(u x v) + 2 u x (u x v), u = q.xyz
  const XrVector3f u{q.x, q.y, q.z};
  const XrVector3f c{u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x};
  const XrVector3f cc{u.y * c.z - u.z * c.y, u.z * c.x - u.x * c.z, u.x * c.y - u.y * c.x};
  return {v.x + 2 * q.w * c.x + 2 * cc.x, v.y + 2 * q.w * c.y + 2 * cc.y, v.z + 2 * q.w * c.z + 2 * cc.z};
}

std::vector<XrView> locate(SimSession& s, XrSpace space, XrTime time) {
  auto info = xrStruct<XrViewLocateInfo>(XR_TYPE_VIEW_LOCATE_INFO);
  info.viewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  info.displayTime = time;
  info.space = space;
  auto state = xrStruct<XrViewState>(XR_TYPE_VIEW_STATE);
  std::vector<XrView> views(2, xrStruct<XrView>(XR_TYPE_VIEW));
  std::uint32_t n = 0;
  EXPECT_EQ(xrLocateViews(s.session, &info, &state, 2, &n, views.data()), XR_SUCCESS);
  EXPECT_EQ(n, 2u);
  EXPECT_TRUE(state.viewStateFlags & XR_VIEW_STATE_POSITION_TRACKED_BIT);
  return views;
}

TEST(SimViews, ScriptedHeadPoseWithIpdAndFov) {
  useScript(R"({
    "display": {"ipd_m": 0.07, "fov_deg": 50, "width": 320, "height": 240},
    "head": [ {"frame": 0, "position": [0, 1.5, 0], "yaw_deg": 0},
              {"frame": 10, "position": [1, 1.5, -2], "yaw_deg": 90} ]
  })");
  SimSession s;
  s.pollStates();
  s.begin();
  const XrSpace stage = s.referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
  const XrSpace view = s.referenceSpace(XR_REFERENCE_SPACE_TYPE_VIEW);
  const XrSpace local = s.referenceSpace(XR_REFERENCE_SPACE_TYPE_LOCAL);
  XrFrameState state{};
  for (int f = 0; f <= 5; ++f) state = s.frame();  // frame 5: half way

  const auto views = locate(s, stage, state.predictedDisplayTime);
  const float half = 45.f * kPi / 180.f / 2.f;  // yaw 45 degrees
  const XrQuaternionf q{0.f, std::sin(half), 0.f, std::cos(half)};
  for (int eye = 0; eye < 2; ++eye) {
    const XrVector3f offset = rotate(q, {eye == 0 ? -0.035f : 0.035f, 0.f, 0.f});
    EXPECT_NEAR(views[eye].pose.position.x, 0.5f + offset.x, 1e-4) << "eye " << eye;
    EXPECT_NEAR(views[eye].pose.position.y, 1.5f, 1e-4);
    EXPECT_NEAR(views[eye].pose.position.z, -1.f + offset.z, 1e-4);
    EXPECT_NEAR(std::abs(views[eye].pose.orientation.y), q.y, 1e-4);
    EXPECT_NEAR(views[eye].fov.angleRight, 50.f * kPi / 180.f, 1e-5);
    EXPECT_NEAR(views[eye].fov.angleDown, -50.f * kPi / 180.f, 1e-5);
  }
  const float dx = views[1].pose.position.x - views[0].pose.position.x;
  const float dz = views[1].pose.position.z - views[0].pose.position.z;
  EXPECT_NEAR(std::sqrt(dx * dx + dz * dz), 0.07f, 1e-5) << "IPD";

  // In VIEW space the eyes sit at +-IPD/2 whatever the head does.
  const auto inView = locate(s, view, state.predictedDisplayTime);
  EXPECT_NEAR(inView[0].pose.position.x, -0.035f, 1e-5);
  EXPECT_NEAR(inView[1].pose.position.x, 0.035f, 1e-5);
  EXPECT_NEAR(inView[0].pose.position.z, 0.f, 1e-5);

  // LOCAL starts at the first head position, so VIEW in LOCAL is the head's travel.
  auto loc = xrStruct<XrSpaceLocation>(XR_TYPE_SPACE_LOCATION);
  XR_EXPECT(xrLocateSpace(view, local, state.predictedDisplayTime, &loc));
  EXPECT_NEAR(loc.pose.position.x, 0.5f, 1e-4);
  EXPECT_NEAR(loc.pose.position.y, 0.f, 1e-4);
  EXPECT_NEAR(loc.pose.position.z, -1.f, 1e-4);

  for (int f = 6; f <= 12; ++f) state = s.frame();  // held after the last key
  const auto end = locate(s, stage, state.predictedDisplayTime);
  EXPECT_NEAR((end[0].pose.position.x + end[1].pose.position.x) / 2, 1.f, 1e-4);
  EXPECT_NEAR((end[0].pose.position.z + end[1].pose.position.z) / 2, -2.f, 1e-4);

  std::uint32_t n = 0;
  std::vector<XrViewConfigurationView> cfg(2, xrStruct<XrViewConfigurationView>(XR_TYPE_VIEW_CONFIGURATION_VIEW));
  XR_EXPECT(xrEnumerateViewConfigurationViews(s.instance, s.system, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 2, &n,
                                              cfg.data()));
  EXPECT_EQ(cfg[1].recommendedImageRectWidth, 320u);
  EXPECT_EQ(cfg[1].recommendedImageRectHeight, 240u);
}

TEST(SimViews, StageBoundsAndReferenceSpaces) {
  useScript("");
  SimSession s;
  XrExtent2Df bounds{};
  XR_EXPECT(xrGetReferenceSpaceBoundsRect(s.session, XR_REFERENCE_SPACE_TYPE_STAGE, &bounds));
  EXPECT_GT(bounds.width, 0.f);
  EXPECT_EQ(xrGetReferenceSpaceBoundsRect(s.session, XR_REFERENCE_SPACE_TYPE_LOCAL, &bounds), XR_SPACE_BOUNDS_UNAVAILABLE);
  auto ci = xrStruct<XrReferenceSpaceCreateInfo>(XR_TYPE_REFERENCE_SPACE_CREATE_INFO);
  ci.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_UNBOUNDED_MSFT;
  ci.poseInReferenceSpace.orientation.w = 1.f;
  XrSpace space = XR_NULL_HANDLE;
  EXPECT_EQ(xrCreateReferenceSpace(s.session, &ci, &space), XR_ERROR_REFERENCE_SPACE_UNSUPPORTED);
  ci.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_LOCAL;
  ci.poseInReferenceSpace.orientation.w = 0.f;
  EXPECT_EQ(xrCreateReferenceSpace(s.session, &ci, &space), XR_ERROR_POSE_INVALID);
}

}  // namespace
}  // namespace ps::test::xr
