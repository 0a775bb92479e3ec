// ShotDocument's blocking edits; the marker edits and what all edits share are in
// shot_document.cpp and shot_document_state.h.
#include "scenes/printable.h"
#include "shot_document_state.h"

namespace ps::scenes {

namespace {

// A list of blocking entries with ids, and what its entries are called in messages.
struct EntryList {
  const char* key;
  const char* noun;
};
constexpr EntryList kMarks{"marks", "floor mark"};
constexpr EntryList kActors{"actors", "actor path"};
constexpr EntryList kMeasurements{"measurements", "measurement"};

using EntryChange = std::function<Status(Json& entry)>;

Json* findEntry(Json& doc, EntryList list, const std::string& id) {
  auto blocking = doc.find("blocking");
  return blocking == doc.end() ? nullptr : findById(*blocking, list.key, id);
}

Error noEntry(EntryList list, const std::string& id) {
  return Error{std::string("#/blocking/") + list.key, std::string("no ") + list.noun + " with id " + quote(id), ""};
}

// The edit that runs `change` on the entry of `list` whose id is `id`.
DocumentEdit onEntry(EntryList list, const std::string& id, EntryChange change) {
  return [list, id, change = std::move(change)](Json& doc) -> Status {
    Json* entry = findEntry(doc, list, id);
    if (!entry) return noEntry(list, id);
    return change(*entry);
  };
}

DocumentEdit removeEntry(EntryList list, const std::string& id) {
  return [list, id](Json& doc) -> Status {
    const Json* entry = findEntry(doc, list, id);
    if (!entry) return noEntry(list, id);
    eraseElement(doc["blocking"][list.key], entry);
    return ok();
  };
}

// The edit that appends `entry` to blocking[list], making either where it is absent.
DocumentEdit appendEntry(EntryList list, Json entry) {
  return [list, entry = std::move(entry)](Json& doc) -> Status {
    Json& blocking = doc["blocking"];
    if (blocking.is_null()) blocking = Json::object();
    if (!blocking.is_object()) return invalid("\"blocking\" is not an object; fix it before adding to it");
    Json& entries = blocking[list.key];
    if (entries.is_null()) entries = Json::array();
    if (!entries.is_array()) return invalid("\"blocking/" + std::string(list.key) + "\" is not an array; fix it first");
    entries.push_back(entry);
    return ok();
  };
}

Result<std::string> added(const Status& status, const std::string& id) {
  if (!status) return status.error();
  return id;
}

Json colourJson(const Colour& c) { return Json::array({c.r, c.g, c.b}); }

void place(Json& entry, const FloorPoint& p) {
  entry["x"] = p.x;
  entry["z"] = p.z;
}

Json keyJson(const ActorKey& key) {
  Json k = Json::object();
  k["t"] = key.t;
  place(k, key.position);
  return k;
}

Json pointJson(const Vec3& p) { return Json{{"x", p.x}, {"y", p.y}, {"z", p.z}}; }

// The path's key at `index`, when the document has one there.
Json* keyAt(Json& path, std::size_t index) {
  auto keys = path.find("keys");
  if (keys == path.end() || !keys->is_array() || index >= keys->size() || !(*keys)[index].is_object()) return nullptr;
  return &(*keys)[index];
}

Error noKey(const std::string& pathId, std::size_t index) {
  return Error{"#/blocking/actors", "actor path " + quote(pathId) + " has no key " + std::to_string(index), ""};
}

// Where `key` goes among `keys` to keep them in time order; nullopt when one is at its time.
std::optional<std::size_t> insertionPoint(const Json& keys, double t) {
  std::size_t at = 0;
  for (; at < keys.size(); ++at) {
    const Json& k = keys[at];
    if (!k.is_object() || !k.contains("t") || !k["t"].is_number()) continue;
    const double kt = k["t"].get<double>();
    if (kt == t) return std::nullopt;
    if (kt > t) break;
  }
  return at;
}

}  // namespace

Result<std::string> ShotDocument::addFloorMark(const FloorPoint& position, const std::string& name,
                                               const Colour& colour) {
  if (!finite({position.x, position.z, colour.r, colour.g, colour.b}))
    return Error{"", "a floor mark needs a finite position and colour", ""};
  const std::string id = freshId(s_->doc, "floor-mark");
  Json mark = Json::object();
  mark["id"] = id;
  mark["name"] = name;
  mark["colour"] = colourJson(colour);
  place(mark, position);
  return added(s_->apply(appendEntry(kMarks, std::move(mark))), id);
}

Status ShotDocument::moveFloorMark(const std::string& id, const FloorPoint& position) {
  if (!finite({position.x, position.z})) return invalid("a floor mark needs a finite position");
  return s_->apply(onEntry(kMarks, id, [&](Json& mark) {
    place(mark, position);
    return ok();
  }));
}

Status ShotDocument::renameFloorMark(const std::string& id, const std::string& name) {
  return s_->apply(onEntry(kMarks, id, [&](Json& mark) {
    mark["name"] = name;
    return ok();
  }));
}

Status ShotDocument::recolourFloorMark(const std::string& id, const Colour& colour) {
  if (!finite({colour.r, colour.g, colour.b})) return invalid("a colour needs finite components");
  return s_->apply(onEntry(kMarks, id, [&](Json& mark) {
    mark["colour"] = colourJson(colour);
    return ok();
  }));
}

Status ShotDocument::deleteFloorMark(const std::string& id) { return s_->apply(removeEntry(kMarks, id)); }

Result<std::string> ShotDocument::addActorPath(const std::string& actor, const ActorKey& first, const Colour& colour) {
  if (!finite({first.t, first.position.x, first.position.z, colour.r, colour.g, colour.b}))
    return Error{"", "an actor path needs a finite first key and colour", ""};
  const std::string id = freshId(s_->doc, "path");
  Json path = Json::object();
  path["id"] = id;
  path["actor"] = actor;
  path["colour"] = colourJson(colour);
  path["keys"] = Json::array({keyJson(first)});
  return added(s_->apply(appendEntry(kActors, std::move(path))), id);
}

Status ShotDocument::deleteActorPath(const std::string& id) { return s_->apply(removeEntry(kActors, id)); }

Status ShotDocument::addActorKey(const std::string& pathId, const ActorKey& key) {
  if (!finite({key.t, key.position.x, key.position.z})) return invalid("a key needs a finite time and position");
  return s_->apply(onEntry(kActors, pathId, [&](Json& path) -> Status {
    Json& keys = path["keys"];
    if (keys.is_null()) keys = Json::array();
    if (!keys.is_array()) return invalid("the path's \"keys\" is not an array; fix it before adding keys");
    const auto at = insertionPoint(keys, key.t);
    if (!at)
      return invalid("actor path " + quote(pathId) + " has a key at " + formatNumber(key.t) + " s already; move it instead");
    keys.insert(keys.begin() + static_cast<std::ptrdiff_t>(*at), keyJson(key));
    return ok();
  }));
}

Status ShotDocument::moveActorKey(const std::string& pathId, std::size_t index, const FloorPoint& position) {
  if (!finite({position.x, position.z})) return invalid("a key needs a finite position");
  return s_->apply(onEntry(kActors, pathId, [&](Json& path) -> Status {
    Json* key = keyAt(path, index);
    if (!key) return noKey(pathId, index);
    place(*key, position);
    return ok();
  }));
}

Status ShotDocument::deleteActorKey(const std::string& pathId, std::size_t index) {
  return s_->apply(onEntry(kActors, pathId, [&](Json& path) -> Status {
    const Json* key = keyAt(path, index);
    if (!key) return noKey(pathId, index);
    if (path["keys"].size() == 1) return invalid("an actor path keeps at least one key; delete the path instead");
    eraseElement(path["keys"], key);
    return ok();
  }));
}

Result<std::string> ShotDocument::addMeasurement(const Vec3& a, const Vec3& b, const std::string& name) {
  if (!finite({a.x, a.y, a.z, b.x, b.y, b.z})) return Error{"", "a measurement needs finite end points", ""};
  const std::string id = freshId(s_->doc, "measurement");
  Json m = Json::object();
  m["id"] = id;
  m["name"] = name;
  m["a"] = pointJson(a);
  m["b"] = pointJson(b);
  return added(s_->apply(appendEntry(kMeasurements, std::move(m))), id);
}

Status ShotDocument::deleteMeasurement(const std::string& id) { return s_->apply(removeEntry(kMeasurements, id)); }

}  // namespace ps::scenes
