#include "shot_reader.h"

namespace ps::scenes {

namespace {

// position {x,y,z} and orientation {yaw_deg, pitch_deg, roll_deg}, each optional, over `pose`:
// an angle left out keeps the value `pose` already has.
void readPose(JsonReader& r, const Json& obj, const std::string& ptr, CameraPose& pose) {
  if (const Json* p = r.object(obj, ptr, "position", false, "an object {x, y, z} in metres")) {
    const std::string pp = ptr + "/position";
    r.unknownMembers(*p, pp, {"x", "y", "z"});
    pose.position = {r.number(*p, pp, "x", true, -1e6, 1e6, "metres").value_or(0),
                     r.number(*p, pp, "y", true, -1e6, 1e6, "metres").value_or(0),
                     r.number(*p, pp, "z", true, -1e6, 1e6, "metres").value_or(0)};
  }
  if (const Json* o = r.object(obj, ptr, "orientation", false, "an object {yaw_deg, pitch_deg, roll_deg}")) {
    const std::string op = ptr + "/orientation";
    r.unknownMembers(*o, op, {"yaw_deg", "pitch_deg", "roll_deg"});
    pose.yawDeg = r.number(*o, op, "yaw_deg", false, -180, 180, "degrees").value_or(pose.yawDeg);
    pose.pitchDeg = r.number(*o, op, "pitch_deg", false, -90, 90, "degrees").value_or(pose.pitchDeg);
    pose.rollDeg = r.number(*o, op, "roll_deg", false, -180, 180, "degrees").value_or(pose.rollDeg);
  }
}

std::optional<double> readHfov(JsonReader& r, const Json& obj, const std::string& ptr, bool required) {
  auto h = r.number(obj, ptr, "hfov_deg", required, 0, 180, "degrees");
  if (h && (*h <= 0 || *h >= 180)) {
    r.error(ptr + "/hfov_deg", "a flat camera's horizontal field of view must be between 0 and 180 degrees, exclusive");
    return std::nullopt;
  }
  return h;
}

void readTrack(JsonReader& r, const Json& cam, const Timeline& timeline, FilmCamera& camera) {
  const Json* track = r.array(cam, "/camera", "track", false, "an array of keyframes {t, position, orientation, hfov_deg}");
  if (!track) return;
  r.eachObject(*track, "/camera/track", "a keyframe object {t, position, orientation, hfov_deg}",
               [&](const Json& k, const std::string& ptr) {
    r.unknownMembers(k, ptr, {"t", "position", "orientation", "hfov_deg"});
    auto t = r.number(k, ptr, "t", true, 0, 1e9, "seconds");
    if (!t) return;
    checkInsideTimeline(r, timeline, ptr + "/t", *t);
    if (!camera.track.empty() && *t <= camera.track.back().t) {
      r.error(ptr + "/t", "keyframe times must increase; " + formatNumber(*t) + " s is not after the keyframe before (" +
                              formatNumber(camera.track.back().t) + " s)");
      return;
    }
    // A keyframe states what changes; what it leaves out is the camera's static value.
    CameraKey key{*t, camera.state};
    readPose(r, k, ptr, key.state.pose);
    key.state.hfovDeg = readHfov(r, k, ptr, false).value_or(camera.state.hfovDeg);
    camera.track.push_back(key);
  });
}

}  // namespace

void readCamera(JsonReader& r, const Json& doc, const Timeline& timeline, std::optional<FilmCamera>& out) {
  const Json* cam = r.object(doc, "", "camera", false, "an object describing the film camera");
  if (!cam) return;
  r.unknownMembers(*cam, "/camera", {"position", "orientation", "hfov_deg", "aspect", "track", "clip"});
  FilmCamera camera;
  readPose(r, *cam, "/camera", camera.state.pose);
  camera.state.hfovDeg = readHfov(r, *cam, "/camera", true).value_or(camera.state.hfovDeg);
  if (auto aspect = r.positive(*cam, "/camera", "aspect", true, "a width/height ratio")) camera.aspect = *aspect;
  readTrack(r, *cam, timeline, camera);
  if (const Json* clip = r.object(*cam, "/camera", "clip", false, "an object {src, offset}")) {
    r.unknownMembers(*clip, "/camera/clip", {"src", "offset"});
    FilmClip c;
    c.path = r.file(*clip, "/camera/clip", "src", true, &c.src);
    c.offset = r.number(*clip, "/camera/clip", "offset", false, -1e9, 1e9, "seconds").value_or(0);
    camera.clip = std::move(c);
  }
  out = std::move(camera);
}

}  // namespace ps::scenes
