#include <cmath>

#include "scenes/blocking.h"
#include "shot_reader.h"

namespace ps::scenes {

namespace {

const char* const kColourShape = "an array [r, g, b] of sRGB components in [0, 1]";

// "colour": [r, g, b]; white when absent or bad.
Colour readColour(JsonReader& r, const Json& obj, const std::string& ptr) {
  const Json* list = r.array(obj, ptr, "colour", false, kColourShape);
  if (!list) return {};
  const std::string at = child(ptr, "colour");
  if (list->size() != 3) {
    r.error(at, std::string("expected ") + kColourShape + ", found " + std::to_string(list->size()) + " element(s)");
    return {};
  }
  double parts[3] = {};
  for (std::size_t i = 0; i < 3; ++i) {
    const Json& c = (*list)[i];
    const bool inRange = c.is_number() && c.get<double>() >= 0 && c.get<double>() <= 1;
    if (!inRange) {
      r.error(child(at, i), "expected an sRGB component in [0, 1], found " +
                                (c.is_number() ? formatNumber(c.get<double>()) : std::string(c.type_name())));
      return {};
    }
    parts[i] = c.get<double>();
  }
  return {parts[0], parts[1], parts[2]};
}

// The members x and z of `obj`, on the stage.
std::optional<FloorPoint> readFloorPoint(JsonReader& r, const Json& obj, const std::string& ptr) {
  const auto x = r.number(obj, ptr, "x", true, -kStageLimitM, kStageLimitM, "metres");
  const auto z = r.number(obj, ptr, "z", true, -kStageLimitM, kStageLimitM, "metres");
  if (!x || !z) return std::nullopt;
  return FloorPoint{*x, *z};
}

// Calls each(element, pointer) for the objects of the optional array blocking/key.
template <typename Each>
void eachEntry(JsonReader& r, const Json& blocking, const char* key, const char* expected, Each each) {
  const Json* list = r.array(blocking, "/blocking", key, false, "an array");
  if (list) r.eachObject(*list, child("/blocking", key), expected, each);
}

void readMarks(JsonReader& r, const Json& blocking, IdSet& ids, std::vector<FloorMark>& marks) {
  eachEntry(r, blocking, "marks", "a floor mark object {id, name, colour, x, z, yaw_deg}",
            [&](const Json& e, const std::string& ptr) {
    r.unknownMembers(e, ptr, {"id", "name", "colour", "x", "z", "yaw_deg"});
    FloorMark m;
    m.id = readId(r, e, ptr, ids);
    m.name = r.string(e, ptr, "name", false).value_or("");
    m.colour = readColour(r, e, ptr);
    m.position = readFloorPoint(r, e, ptr).value_or(FloorPoint{});
    m.facingYawDeg = r.number(e, ptr, "yaw_deg", false, -180, 180, "degrees");
    marks.push_back(std::move(m));
  });
}

void readKeys(JsonReader& r, const Json& e, const std::string& ptr, const Timeline& timeline, ActorPath& path) {
  const Json* keys = r.array(e, ptr, "keys", true, "an array of keys {t, x, z}");
  if (!keys) return;
  const std::string at = child(ptr, "keys");
  if (keys->empty()) r.error(at, "an actor path needs at least one key {t, x, z}");
  r.eachObject(*keys, at, "a key object {t, x, z}", [&](const Json& k, const std::string& kp) {
    r.unknownMembers(k, kp, {"t", "x", "z"});
    const auto t = r.number(k, kp, "t", true, 0, 1e9, "seconds");
    const auto position = readFloorPoint(r, k, kp);
    if (!t || !position) return;
    // A path may start before the shot or go on after it: rehearsals run long.
    checkInsideTimeline(r, timeline, child(kp, "t"), *t, Severity::Warning);
    if (!path.keys.empty() && *t <= path.keys.back().t) {
      r.error(child(kp, "t"), "keys must be in time order; " + formatNumber(*t) + " s is not after the previous key's " +
                                  formatNumber(path.keys.back().t) + " s");
      return;
    }
    path.keys.push_back({*t, *position});
  });
}

std::optional<double> readFigureHeight(JsonReader& r, const Json& e, const std::string& ptr) {
  const auto h = r.number(e, ptr, "figure_height_m", false, 0, 1e6, "metres");
  if (h && (*h <= kMinFigureHeightM || *h > kMaxFigureHeightM)) {
    r.error(child(ptr, "figure_height_m"), "a figure is more than " + formatNumber(kMinFigureHeightM) +
                                               " m and at most " + formatNumber(kMaxFigureHeightM) + " m tall, found " +
                                               formatNumber(*h) + " m");
    return std::nullopt;
  }
  return h;
}

void readActors(JsonReader& r, const Json& blocking, const Timeline& timeline, IdSet& ids,
                std::vector<ActorPath>& actors) {
  eachEntry(r, blocking, "actors", "an actor path object {id, actor, colour, figure_height_m, trail_seconds, keys}",
            [&](const Json& e, const std::string& ptr) {
    r.unknownMembers(e, ptr, {"id", "actor", "colour", "figure_height_m", "trail_seconds", "keys"});
    ActorPath a;
    a.id = readId(r, e, ptr, ids);
    a.actor = r.string(e, ptr, "actor", true).value_or("");
    a.colour = readColour(r, e, ptr);
    a.figureHeightM = readFigureHeight(r, e, ptr).value_or(kDefaultFigureHeightM);
    a.trailSeconds = r.number(e, ptr, "trail_seconds", false, 0, 1e9, "seconds").value_or(kDefaultTrailSeconds);
    readKeys(r, e, ptr, timeline, a);
    actors.push_back(std::move(a));
  });
}

void readDolly(JsonReader& r, const Json& blocking, std::optional<DollyTrack>& dolly) {
  const Json* d = r.object(blocking, "/blocking", "dolly", false, "an object {name, points}");
  if (!d) return;
  const std::string ptr = "/blocking/dolly";
  r.unknownMembers(*d, ptr, {"name", "points"});
  DollyTrack track;
  track.name = r.string(*d, ptr, "name", false).value_or("");
  if (const Json* points = r.array(*d, ptr, "points", true, "an array of floor points {x, z}")) {
    if (points->size() < 2) r.error(ptr + "/points", "a dolly track needs at least two points {x, z}");
    r.eachObject(*points, ptr + "/points", "a floor point {x, z}", [&](const Json& p, const std::string& pp) {
      r.unknownMembers(p, pp, {"x", "z"});
      if (auto point = readFloorPoint(r, p, pp)) track.points.push_back(*point);
    });
  }
  dolly = std::move(track);
}

void readMeasurements(JsonReader& r, const Json& blocking, IdSet& ids, std::vector<Measurement>& measurements) {
  eachEntry(r, blocking, "measurements", "a measurement object {id, name, a, b}",
            [&](const Json& e, const std::string& ptr) {
    r.unknownMembers(e, ptr, {"id", "name", "a", "b"});
    Measurement m;
    m.id = readId(r, e, ptr, ids);
    m.name = r.string(e, ptr, "name", false).value_or("");
    m.a = readPoint(r, e, ptr, "a", true, kStageLimitM).value_or(Vec3{});
    m.b = readPoint(r, e, ptr, "b", true, kStageLimitM).value_or(Vec3{});
    measurements.push_back(std::move(m));
  });
}

}  // namespace

void readBlocking(JsonReader& r, const Json& doc, const Timeline& timeline, Blocking& blocking, IdSet& ids) {
  const Json* b = r.object(doc, "", "blocking", false, "an object {marks, actors, dolly, measurements}");
  if (!b) return;
  r.unknownMembers(*b, "/blocking", {"marks", "actors", "dolly", "measurements"});
  readMarks(r, *b, ids, blocking.marks);
  readActors(r, *b, timeline, ids, blocking.actors);
  readDolly(r, *b, blocking.dolly);
  readMeasurements(r, *b, ids, blocking.measurements);
}

}  // namespace ps::scenes
