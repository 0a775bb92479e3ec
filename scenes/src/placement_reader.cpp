#include "shot_reader.h"

namespace ps::scenes {

std::optional<Vec3> readPoint(JsonReader& r, const Json& obj, const std::string& pointer, const char* key,
                              bool required, double limitM) {
  const Json* p = r.object(obj, pointer, key, required, "an object {x, y, z} in metres");
  if (!p) return std::nullopt;
  const std::string ptr = child(pointer, key);
  r.unknownMembers(*p, ptr, {"x", "y", "z"});
  const auto x = r.number(*p, ptr, "x", true, -limitM, limitM, "metres");
  const auto y = r.number(*p, ptr, "y", true, -limitM, limitM, "metres");
  const auto z = r.number(*p, ptr, "z", true, -limitM, limitM, "metres");
  if (!x || !y || !z) return std::nullopt;
  return Vec3{*x, *y, *z};
}

namespace {

// "scale": a number (uniform) or {x, y, z}, each > 0.
void readScale(JsonReader& r, const Json& t, const std::string& ptr, Vec3& scale) {
  const Json* s = r.member(t, ptr, "scale", false);
  if (!s) return;
  const std::string sp = child(ptr, "scale");
  if (s->is_number()) {
    if (auto k = r.positive(t, ptr, "scale", true, "a scale factor")) scale = {*k, *k, *k};
    return;
  }
  if (!s->is_object()) {
    r.error(sp, std::string("expected a scale factor > 0 or an object {x, y, z} of them, found ") + s->type_name());
    return;
  }
  r.unknownMembers(*s, sp, {"x", "y", "z"});
  const auto x = r.positive(*s, sp, "x", true, "a scale factor");
  const auto y = r.positive(*s, sp, "y", true, "a scale factor");
  const auto z = r.positive(*s, sp, "z", true, "a scale factor");
  if (x && y && z) scale = {*x, *y, *z};
}

}  // namespace

void readPlacement(JsonReader& r, const Json& entry, const std::string& pointer, Placement& placement) {
  const Json* t = r.object(entry, pointer, "transform", false, "an object {position, orientation, scale}");
  if (!t) return;
  const std::string ptr = child(pointer, "transform");
  r.unknownMembers(*t, ptr, {"position", "orientation", "scale"});
  if (auto p = readPoint(r, *t, ptr, "position")) placement.position = *p;
  if (const Json* o = r.object(*t, ptr, "orientation", false, "an object {yaw_deg, pitch_deg, roll_deg}")) {
    const std::string op = child(ptr, "orientation");
    r.unknownMembers(*o, op, {"yaw_deg", "pitch_deg", "roll_deg"});
    placement.yawDeg = r.number(*o, op, "yaw_deg", false, -180, 180, "degrees").value_or(0);
    placement.pitchDeg = r.number(*o, op, "pitch_deg", false, -90, 90, "degrees").value_or(0);
    placement.rollDeg = r.number(*o, op, "roll_deg", false, -180, 180, "degrees").value_or(0);
  }
  readScale(r, *t, ptr, placement.scale);
}

}  // namespace ps::scenes
