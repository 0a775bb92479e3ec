#include "scenes/venue.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <numbers>
#include <sstream>

#include <nlohmann/json.hpp>

#include "scenes/atomic_file.h"
#include "scenes/text_file.h"

namespace ps::scenes {

namespace {

constexpr double kDegrees = 180.0 / std::numbers::pi;
constexpr double kMostVenueM = 1000.0;

Vec3 turned(double yawDeg, const Vec3& p) {
  const double a = yawDeg / kDegrees, c = std::cos(a), s = std::sin(a);
  // Counter-clockwise about +Y seen from above: -Z turns toward -X.
  return {c * p.x + s * p.z, p.y, -s * p.x + c * p.z};
}

std::string metres(double m) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2) << m;
  return out.str();
}

bool finite(const Vec3& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

}  // namespace

Vec3 inRoom(const RoomPose& pose, const Vec3& point) {
  const Vec3 t = turned(pose.yawDeg, point);
  return {pose.position.x + t.x, pose.position.y + t.y, pose.position.z + t.z};
}

Vec3 shotToRoom(const Venue& venue, const Vec3& shotPoint) { return inRoom(RoomPose{venue.origin, venue.yawDeg}, shotPoint); }

Result<Venue> alignFromTouches(const std::string& name, const Vec3& first, const Vec3& second) {
  if (!finite(first) || !finite(second)) return Error{"venue alignment", "a touch is not a finite point", ""};
  const double dx = second.x - first.x, dz = second.z - first.z;
  const double span = std::hypot(dx, dz);
  if (span < kMinAlignmentSpanM)
    return Error{"venue alignment",
                 "the two touches are " + std::to_string(static_cast<int>(std::lround(span * 100))) +
                     " cm apart on the floor, too close to tell which way the shot faces",
                 "touch the floor again at least " + std::to_string(static_cast<int>(kMinAlignmentSpanM * 100)) +
                     " cm ahead of the first point"};
  Venue v;
  v.name = name;
  v.origin = {first.x, 0.5 * (first.y + second.y), first.z};
  // The turn that carries the shot's forward (-Z) onto the direction from first to second.
  v.yawDeg = std::atan2(-dx, -dz) * kDegrees;
  return v;
}

std::pair<double, double> playAreaSize(const std::array<Vec3, 4>& corners) {
  double x0 = corners[0].x, x1 = x0, z0 = corners[0].z, z1 = z0;
  for (const Vec3& c : corners) {
    x0 = std::min(x0, c.x), x1 = std::max(x1, c.x);
    z0 = std::min(z0, c.z), z1 = std::max(z1, c.z);
  }
  return {x1 - x0, z1 - z0};
}

Result<Venue> alignToPlayArea(const std::string& name, const std::array<Vec3, 4>& corners) {
  for (const Vec3& c : corners)
    if (!finite(c)) return Error{"venue alignment", "a corner of the play area is not a finite point", ""};
  const auto [width, depth] = playAreaSize(corners);
  if (width < kMinAlignmentSpanM || depth < kMinAlignmentSpanM)
    return Error{"venue alignment",
                 "the play area is " + metres(width) + " x " + metres(depth) + " m: too small to align a stage to",
                 "draw the play area around the stage in the headset's own setup"};
  Venue v;
  v.name = name;
  for (const Vec3& c : corners) {
    v.origin.x += 0.25 * c.x;
    v.origin.y += 0.25 * c.y;
    v.origin.z += 0.25 * c.z;
  }
  v.yawDeg = 0;
  v.boundsM = std::pair{width, depth};
  return v;
}

Result<Venue> readVenue(const std::filesystem::path& file) {
  auto text = readTextFile(file);
  if (!text) return text.error();
  const std::string where = file.string();
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error{where, "not a JSON object", ""};
  if (j.value("format", "") != kVenueFormat)
    return Error{where + "#/format", std::string("expected \"") + kVenueFormat + "\"", ""};
  Venue v;
  if (j.contains("name")) {
    if (!j["name"].is_string()) return Error{where + "#/name", "expected a string", ""};
    v.name = j["name"].get<std::string>();
  }
  if (!j.contains("origin") || !j["origin"].is_object()) return Error{where + "#/origin", "expected {x, y, z}", ""};
  const auto& o = j["origin"];
  double* parts[] = {&v.origin.x, &v.origin.y, &v.origin.z};
  const char* names[] = {"x", "y", "z"};
  for (int i = 0; i < 3; ++i) {
    if (!o.contains(names[i]) || !o[names[i]].is_number())
      return Error{where + "#/origin/" + names[i], "expected a number", ""};
    *parts[i] = o[names[i]].get<double>();
    if (!(std::abs(*parts[i]) <= kMostVenueM))
      return Error{where + "#/origin/" + names[i], "must be within 1000 m of the room's origin", ""};
  }
  if (!j.contains("yaw_deg") || !j["yaw_deg"].is_number()) return Error{where + "#/yaw_deg", "expected a number", ""};
  v.yawDeg = j["yaw_deg"].get<double>();
  if (!(v.yawDeg >= -360.0 && v.yawDeg <= 360.0)) return Error{where + "#/yaw_deg", "must be within [-360, 360]", ""};
  if (j.contains("bounds_m")) {
    const auto& b = j["bounds_m"];
    if (!b.is_object()) return Error{where + "#/bounds_m", "expected {width, depth}", ""};
    double size[2] = {0, 0};
    const char* sides[] = {"width", "depth"};
    for (int i = 0; i < 2; ++i) {
      if (!b.contains(sides[i]) || !b[sides[i]].is_number())
        return Error{where + "#/bounds_m/" + sides[i], "expected a number", ""};
      size[i] = b[sides[i]].get<double>();
      if (!(size[i] > 0.0 && size[i] <= 1000.0))
        return Error{where + "#/bounds_m/" + sides[i], "must be more than 0 and at most 1000 m", ""};
    }
    v.boundsM = std::pair{size[0], size[1]};
  }
  return v;
}

Status writeVenue(const std::filesystem::path& file, const Venue& venue) {
  nlohmann::json j = {{"format", kVenueFormat},
                      {"name", venue.name},
                      {"origin", {{"x", venue.origin.x}, {"y", venue.origin.y}, {"z", venue.origin.z}}},
                      {"yaw_deg", venue.yawDeg}};
  if (venue.boundsM) j["bounds_m"] = {{"width", venue.boundsM->first}, {"depth", venue.boundsM->second}};
  return writeFileAtomically(file, j.dump(2) + "\n");
}

}  // namespace ps::scenes
