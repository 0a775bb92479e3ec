#include "shot_reader.h"

#include "scenes/printable.h"

namespace ps::scenes {

namespace {

std::string categoryList() {
  std::string s;
  for (auto c : allMarkerCategories()) s += (s.empty() ? "\"" : ", \"") + std::string(toString(c)) + "\"";
  return s;
}

std::optional<MarkerPlacement> readPlacement(JsonReader& r, const Json& e, const std::string& ptr) {
  const bool hasAt = e.contains("at"), hasStage = e.contains("stage");
  if (hasAt == hasStage) {
    r.error(ptr, hasAt ? "a marker has either \"at\" (a direction) or \"stage\" (a point), not both"
                       : "missing the marker's place: \"at\" {yaw_deg, pitch_deg, distance_m} or \"stage\" {x, y, z}");
    return std::nullopt;
  }
  if (hasAt) {
    const Json* at = r.object(e, ptr, "at", true, "an object {yaw_deg, pitch_deg, distance_m}");
    if (!at) return std::nullopt;
    const std::string p = ptr + "/at";
    r.unknownMembers(*at, p, {"yaw_deg", "pitch_deg", "distance_m"});
    auto yaw = r.number(*at, p, "yaw_deg", true, -180, 180, "degrees");
    auto pitch = r.number(*at, p, "pitch_deg", true, -90, 90, "degrees");
    std::optional<double> distance = kDefaultMarkerDistanceM;
    if (at->contains("distance_m")) distance = r.positive(*at, p, "distance_m", true, "metres");
    if (!yaw || !pitch || !distance) return std::nullopt;
    return DirectionPlacement{*yaw, *pitch, *distance};
  }
  const Json* stage = r.object(e, ptr, "stage", true, "an object {x, y, z} in metres");
  if (!stage) return std::nullopt;
  const std::string p = ptr + "/stage";
  r.unknownMembers(*stage, p, {"x", "y", "z"});
  auto x = r.number(*stage, p, "x", true, -1e6, 1e6, "metres");
  auto y = r.number(*stage, p, "y", true, -1e6, 1e6, "metres");
  auto z = r.number(*stage, p, "z", true, -1e6, 1e6, "metres");
  if (!x || !y || !z) return std::nullopt;
  return StagePlacement{{*x, *y, *z}};
}

void readCaptions(JsonReader& r, const Json& e, const std::string& ptr, Narration& n) {
  n.captionsPath = r.file(e, ptr, "captions", false, &n.captionsSrc);
  if (n.captionsPath.empty()) return;
  const std::string p = ptr + "/captions";
  CaptionFormat format{};
  if (!captionFormatFromPath(n.captionsPath, format)) {
    r.error(p, "captions must be a WebVTT (.vtt) or SubRip (.srt) file");
    return;
  }
  auto text = readTextFile(n.captionsPath);
  if (!text) {
    r.error(p, text.error().what);
    return;
  }
  CaptionParse cp = parseCaptions(text.value(), format);
  for (const auto& problem : cp.problems)
    r.error(p, quote(n.captionsSrc) + (problem.line > 0 ? " line " + std::to_string(problem.line) : std::string()) + ": " +
                   problem.message);
  if (cp.cues.empty() && cp.problems.empty()) r.warning(p, quote(n.captionsSrc) + " has no cues");
  n.captions = std::move(cp.cues);
}

void readTimes(JsonReader& r, const Json& e, const std::string& ptr, const Timeline& timeline, Marker& m) {
  auto tIn = r.number(e, ptr, "t_in", true, 0, 1e9, "seconds");
  auto tOut = r.number(e, ptr, "t_out", true, 0, 1e9, "seconds");
  if (tIn) checkInsideTimeline(r, timeline, ptr + "/t_in", *tIn);
  if (tOut) checkInsideTimeline(r, timeline, ptr + "/t_out", *tOut);
  if (tIn && tOut && *tOut <= *tIn)
    r.error(ptr + "/t_out", "the marker must end after it starts (t_in " + formatNumber(*tIn) + " s)");
  m.tIn = tIn.value_or(0);
  m.tOut = tOut.value_or(0);
  m.fadeIn = r.number(e, ptr, "fade_in", false, 0, 1e9, "seconds").value_or(kDefaultFadeSeconds);
  m.fadeOut = r.number(e, ptr, "fade_out", false, 0, 1e9, "seconds").value_or(kDefaultFadeSeconds);
  if (!tIn || !tOut || *tOut <= *tIn) return;
  const double window = *tOut - *tIn;
  // Defaults shrink to fit a short window; only lengths the author wrote are errors.
  if (!e.contains("fade_in") && !e.contains("fade_out") && m.fadeIn + m.fadeOut > window) {
    m.fadeIn = m.fadeOut = window / 2;
  } else if (m.fadeIn + m.fadeOut > window) {
    r.error(ptr + (e.contains("fade_out") ? "/fade_out" : "/fade_in"),
            "fade_in + fade_out (" + formatNumber(m.fadeIn + m.fadeOut) + " s) is longer than the marker's window (" +
                formatNumber(window) + " s)");
  }
}

}  // namespace

void readMarkers(JsonReader& r, const Json& doc, const Timeline& timeline, std::vector<Marker>& markers, IdSet& ids) {
  const Json* list = r.array(doc, "", "markers", false, "an array of markers");
  if (!list) return;
  r.eachObject(*list, "/markers", "a marker object with id, t_in, t_out, a place, title and category",
               [&](const Json& e, const std::string& ptr) {
    r.unknownMembers(e, ptr, {"id", "t_in", "t_out", "fade_in", "fade_out", "at", "stage", "title", "text", "category",
                              "audio", "captions"});
    Marker m;
    m.id = readId(r, e, ptr, ids);
    readTimes(r, e, ptr, timeline, m);
    if (auto placement = readPlacement(r, e, ptr)) m.placement = *placement;
    m.title = r.string(e, ptr, "title", true).value_or("");
    m.text = r.string(e, ptr, "text", false).value_or("");
    if (auto category = r.string(e, ptr, "category", true)) {
      if (auto c = parseMarkerCategory(*category)) m.category = *c;
      else r.error(ptr + "/category", "unknown category " + quote(*category) + " (expected one of " + categoryList() + ")");
    }
    if (e.contains("audio")) {
      Narration n;
      n.path = r.file(e, ptr, "audio", true, &n.src);
      readCaptions(r, e, ptr, n);
      m.narration = std::move(n);
    } else if (e.contains("captions")) {
      r.error(ptr + "/captions", "captions belong to a narration clip; add \"audio\" or remove \"captions\"");
    }
    markers.push_back(std::move(m));
  });
}

}  // namespace ps::scenes
