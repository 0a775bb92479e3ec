#include "shot_reader.h"

#include "scenes/printable.h"

namespace ps::scenes {

std::string readId(JsonReader& r, const Json& obj, const std::string& pointer, IdSet& ids) {
  std::string id = r.string(obj, pointer, "id", true).value_or("");
  if (id.empty()) {
    if (obj.contains("id") && obj["id"].is_string()) r.error(child(pointer, "id"), "an id must not be empty");
  } else if (!ids.insert(id).second) {
    r.error(child(pointer, "id"), "duplicate id " + quote(id) + "; ids must be unique in the shot (media, markers and blocking share them)");
  }
  return id;
}

namespace {

// "thumbnails": {src, interval_s, columns, count, width, height}, all required.
std::optional<Thumbnails> readThumbnails(JsonReader& r, const Json& entry, const std::string& pointer) {
  const Json* t = r.object(entry, pointer, "thumbnails", false, "an object with src, interval_s, columns, count, width, height");
  if (!t) return std::nullopt;
  const std::string ptr = child(pointer, "thumbnails");
  r.unknownMembers(*t, ptr, {"src", "interval_s", "columns", "count", "width", "height"});
  Thumbnails th;
  th.path = r.file(*t, ptr, "src", true, &th.src);
  th.intervalSeconds = r.positive(*t, ptr, "interval_s", true, "seconds").value_or(1);
  const auto count = [&](const char* key) {
    const auto v = r.number(*t, ptr, key, true, 1, 1 << 20, "a whole number >= 1");
    if (v && *v != static_cast<int>(*v)) r.error(child(ptr, key), "expected a whole number >= 1");
    return static_cast<int>(v.value_or(1));
  };
  th.columns = count("columns");
  th.count = count("count");
  th.width = count("width");
  th.height = count("height");
  return th;
}

struct KindName {
  const char* name;
  MediaKind kind;
};
constexpr KindName kKinds[] = {
    {"equirect", MediaKind::Equirect},        {"gltf", MediaKind::Gltf},
    {"mesh-sequence", MediaKind::MeshSequence}, {"rgbd", MediaKind::Rgbd},
    {"splats", MediaKind::Splats},            {"splat-sequence", MediaKind::SplatSequence},
};

std::optional<MediaKind> readKind(JsonReader& r, const Json& e, const std::string& ptr) {
  const auto name = r.string(e, ptr, "kind", true);
  if (!name) return std::nullopt;
  for (const KindName& k : kKinds)
    if (*name == k.name) return k.kind;
  r.error(ptr + "/kind",
          "unknown media kind " + quote(*name) +
              " (expected \"equirect\", \"gltf\", \"mesh-sequence\", \"rgbd\", \"splats\" or \"splat-sequence\")");
  return std::nullopt;
}

// "fps" (required) of a mesh or splat sequence and "texture" (the atlas video, optional) of a
// mesh sequence; neither means anything to the other kinds.
void readSequenceMembers(JsonReader& r, const Json& e, const std::string& ptr, MediaRef& m) {
  const bool sequence = m.kind == MediaKind::MeshSequence || m.kind == MediaKind::SplatSequence;
  if (!sequence && e.contains("fps"))
    r.error(child(ptr, "fps"), "\"fps\" is only for a \"mesh-sequence\" or a \"splat-sequence\"");
  if (m.kind != MediaKind::MeshSequence && e.contains("texture"))
    r.error(child(ptr, "texture"), "\"texture\" is only for a \"mesh-sequence\"");
  if (!sequence) return;
  m.fps = r.number(e, ptr, "fps", true, 1e-3, 1000, "frames per second in (0, 1000]").value_or(0);
  if (m.kind == MediaKind::MeshSequence) m.texturePath = r.file(e, ptr, "texture", false, &m.textureSrc);
}

// "animation": {name (required), start, offset, speed, loop}: start defaults to the layer's.
std::optional<SetAnimation> readAnimation(JsonReader& r, const Json& entry, const std::string& pointer,
                                          double layerStart) {
  const Json* a = r.object(entry, pointer, "animation", false, "an object with name, start, offset, speed, loop");
  if (!a) return std::nullopt;
  const std::string ptr = child(pointer, "animation");
  r.unknownMembers(*a, ptr, {"name", "start", "offset", "speed", "loop"});
  SetAnimation out;
  out.name = r.string(*a, ptr, "name", true).value_or("");
  out.timing.start = r.number(*a, ptr, "start", false, 0, 1e9, "seconds").value_or(layerStart);
  out.timing.offset = r.number(*a, ptr, "offset", false, 0, 1e9, "seconds").value_or(0);
  out.timing.speed = r.number(*a, ptr, "speed", false, -1000, 1000, "a factor").value_or(1);
  if (out.timing.speed == 0) r.error(child(ptr, "speed"), "a speed of 0 stops the animation; leave \"animation\" out instead");
  if (const Json* loop = r.member(*a, ptr, "loop", false)) {
    if (loop->is_boolean()) out.timing.loop = loop->get<bool>();
    else r.error(child(ptr, "loop"), "expected true or false");
  }
  return out;
}

}  // namespace

void readMedia(JsonReader& r, const Json& doc, std::vector<MediaRef>& media, IdSet& ids) {
  const Json* list = r.array(doc, "", "media", true, "a non-empty array of media entries");
  if (!list) return;
  if (list->empty()) {
    r.error("/media", "expected a non-empty array of media entries");
    return;
  }
  r.eachObject(*list, "/media", "an object with id, kind and src", [&](const Json& e, const std::string& ptr) {
    r.unknownMembers(e, ptr, {"id", "kind", "src", "projection", "stereo", "yaw_offset_deg", "transform", "proxy",
                          "thumbnails", "start", "offset", "fps", "texture", "animation", "audio", "depth",
                          "discontinuity", "head_box_m", "stereo_baseline_m", "background"});
    MediaRef m;
    m.pointer = ptr;
    m.id = readId(r, e, ptr, ids);
    if (auto kind = readKind(r, e, ptr)) m.kind = *kind;
    // A mesh sequence is a folder of numbered GLBs or a listing file, a splat sequence a folder
    // of numbered clouds; media/ reads which.
    const bool folder = m.kind == MediaKind::MeshSequence || m.kind == MediaKind::SplatSequence;
    m.path = folder ? r.existing(e, ptr, "src", true, &m.src) : r.file(e, ptr, "src", true, &m.src);
    readSequenceMembers(r, e, ptr, m);
    readRgbdMembers(r, e, ptr, m);
    if (auto p = r.string(e, ptr, "projection", false)) {
      m.projection = parseProjection(*p);
      if (!m.projection) r.error(ptr + "/projection", "unknown projection " + quote(*p) + " (expected \"360\" or \"180\")");
    }
    if (auto s = r.string(e, ptr, "stereo", false)) {
      m.stereo = parseStereoLayout(*s);
      if (!m.stereo)
        r.error(ptr + "/stereo", "unknown stereo layout " + quote(*s) + " (expected \"mono\", \"top-bottom\" or \"left-right\")");
    }
    if (m.rgbd && m.rgbd->stereoBaselineM && m.stereo == StereoLayout::Mono)
      r.error(ptr + "/stereo_baseline_m", "a mono capture has no stereo baseline (\"stereo\" is \"mono\")");
    m.yawOffsetDeg = r.number(e, ptr, "yaw_offset_deg", false, -180, 180, "degrees").value_or(0);
    readPlacement(r, e, ptr, m.transform);
    if ((m.kind == MediaKind::Equirect || m.kind == MediaKind::Rgbd) && e.contains("transform"))
      r.warning(ptr + "/transform", "an equirect or rgbd capture surrounds the shot's origin and ignores \"transform\"; turn it with yaw_offset_deg");
    m.startSeconds = r.number(e, ptr, "start", false, 0, 1e9, "seconds").value_or(0);
    m.offsetSeconds = r.number(e, ptr, "offset", false, 0, 1e9, "seconds").value_or(0);
    m.proxyPath = r.file(e, ptr, "proxy", false, &m.proxySrc);
    m.thumbnails = readThumbnails(r, e, ptr);
    m.animation = readAnimation(r, e, ptr, m.startSeconds);
    if (m.animation && m.kind != MediaKind::Gltf) r.error(ptr + "/animation", "only a gltf set has animations");
    m.audio = readSoundtrack(r, e, ptr, m.kind);
    media.push_back(std::move(m));
  });
  checkRgbdBackgrounds(r, media);
}

}  // namespace ps::scenes
