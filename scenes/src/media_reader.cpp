#include "shot_reader.h"

namespace ps::scenes {

std::string readId(JsonReader& r, const Json& obj, const std::string& pointer, IdSet& ids) {
  std::string id = r.string(obj, pointer, "id", true).value_or("");
  if (id.empty()) {
    if (obj.contains("id") && obj["id"].is_string()) r.error(child(pointer, "id"), "an id must not be empty");
  } else if (!ids.insert(id).second) {
    r.error(child(pointer, "id"), "duplicate id \"" + id + "\"; media and markers need ids unique in the shot");
  }
  return id;
}

void readMedia(JsonReader& r, const Json& doc, std::vector<MediaRef>& media, IdSet& ids) {
  const Json* list = r.array(doc, "", "media", true, "a non-empty array of media entries");
  if (!list) return;
  if (list->empty()) {
    r.error("/media", "expected a non-empty array of media entries");
    return;
  }
  r.eachObject(*list, "/media", "an object with id, kind and src", [&](const Json& e, const std::string& ptr) {
    r.unknownMembers(e, ptr, {"id", "kind", "src", "projection", "stereo", "yaw_offset_deg", "transform"});
    MediaRef m;
    m.pointer = ptr;
    m.id = readId(r, e, ptr, ids);
    if (auto kind = r.string(e, ptr, "kind", true)) {
      if (*kind == "equirect") m.kind = MediaKind::Equirect;
      else if (*kind == "gltf") m.kind = MediaKind::Gltf;
      else r.error(ptr + "/kind", "unknown media kind \"" + *kind + "\" (expected \"equirect\" or \"gltf\")");
    }
    m.path = r.file(e, ptr, "src", true, &m.src);
    if (auto p = r.string(e, ptr, "projection", false)) {
      m.projection = parseProjection(*p);
      if (!m.projection) r.error(ptr + "/projection", "unknown projection \"" + *p + "\" (expected \"360\" or \"180\")");
    }
    if (auto s = r.string(e, ptr, "stereo", false)) {
      m.stereo = parseStereoLayout(*s);
      if (!m.stereo)
        r.error(ptr + "/stereo", "unknown stereo layout \"" + *s + "\" (expected \"mono\", \"top-bottom\" or \"left-right\")");
    }
    m.yawOffsetDeg = r.number(e, ptr, "yaw_offset_deg", false, -180, 180, "degrees").value_or(0);
    r.object(e, ptr, "transform", false, "an object");
    media.push_back(std::move(m));
  });
}

}  // namespace ps::scenes
