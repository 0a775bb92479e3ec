#include "scenes/shot_document.h"

#include <cmath>

#include "scenes/atomic_file.h"
#include "scenes/printable.h"
#include "shot_document_state.h"

namespace ps::scenes {

namespace fs = std::filesystem;

namespace {

Error noMarker(const std::string& id) { return Error{"#/markers", "no marker with id " + quote(id), ""}; }

Json* findMarker(Json& doc, const std::string& id) { return findById(doc, "markers", id); }

// v360 angles as the format stores them: yaw in (-180, 180], pitch clamped to [-90, 90].
Json directionJson(double yawDeg, double pitchDeg, double distanceM) {
  double yaw = std::fmod(yawDeg, 360.0);
  if (yaw > 180) yaw -= 360;
  if (yaw <= -180) yaw += 360;
  Json at = Json::object();
  at["yaw_deg"] = yaw;
  at["pitch_deg"] = std::clamp(pitchDeg, -90.0, 90.0);
  at["distance_m"] = distanceM;
  return at;
}

}  // namespace

ShotDocument::ShotDocument(std::unique_ptr<State> state) : s_(std::move(state)) {}
ShotDocument::ShotDocument(ShotDocument&&) noexcept = default;
ShotDocument& ShotDocument::operator=(ShotDocument&&) noexcept = default;
ShotDocument::~ShotDocument() = default;

Result<ShotDocument> ShotDocument::open(const fs::path& packageOrFile) {
  auto state = std::make_unique<State>();
  state->file = shotFile(packageOrFile);
  auto text = readTextFile(state->file);
  if (!text) return text.error();
  std::vector<Problem> problems;
  if (!parseJsonText(text.value(), state->doc, problems)) return Error{state->file.string(), problems.front().message, ""};
  if (!state->doc.is_object()) return Error{state->file.string(), "expected a JSON object at the top level", ""};
  state->saved = state->doc;
  state->revalidate();
  return ShotDocument(std::move(state));
}

const fs::path& ShotDocument::file() const { return s_->file; }
const Shot& ShotDocument::shot() const { return s_->parse.shot; }
const std::vector<Problem>& ShotDocument::problems() const { return s_->parse.problems; }
bool ShotDocument::dirty() const { return s_->doc != s_->saved; }

Result<std::string> ShotDocument::addMarker(double yawDeg, double pitchDeg, double t, double seconds) {
  if (!finite({yawDeg, pitchDeg})) return Error{"", "a marker needs a finite direction, time and a positive duration", ""};
  return addMarkerWith("at", directionJson(yawDeg, pitchDeg, kDefaultMarkerDistanceM).dump(), t, seconds);
}

Result<std::string> ShotDocument::addMarkerAtStage(const Vec3& p, double t, double seconds) {
  if (!finite({p.x, p.y, p.z})) return Error{"", "a marker needs a finite position, time and a positive duration", ""};
  return addMarkerWith("stage", Json{{"x", p.x}, {"y", p.y}, {"z", p.z}}.dump(), t, seconds);
}

Result<std::string> ShotDocument::addMarkerWith(const char* key, const std::string& placeJson, double t,
                                                double seconds) {
  if (!finite({t, seconds}) || seconds <= 0)
    return Error{"", "a marker needs a finite direction, time and a positive duration", ""};
  const Timeline& timeline = shot().timeline;
  double tOut = t + seconds;
  if (timeline.out) tOut = std::min(tOut, *timeline.out);
  if (t < timeline.in || tOut <= t)
    return Error{"", "time " + formatNumber(t) + " s is outside the timeline", "move the playhead inside in..out"};
  const std::string id = freshId(s_->doc, "marker");
  auto status = s_->apply([&](Json& doc) -> Status {
    if (!doc.contains("markers")) doc["markers"] = Json::array();
    if (!doc["markers"].is_array()) return invalid("\"markers\" is not an array; fix it before adding markers");
    Json m = Json::object();
    m["id"] = id;
    m["t_in"] = t;
    m["t_out"] = tOut;
    m[key] = Json::parse(placeJson);
    m["title"] = "New marker";
    m["text"] = "";
    m["category"] = std::string(toString(MarkerCategory::Production));
    doc["markers"].push_back(std::move(m));
    return ok();
  });
  if (!status) return status.error();
  return id;
}

Status ShotDocument::moveMarker(const std::string& id, double yawDeg, double pitchDeg) {
  if (!finite({yawDeg, pitchDeg})) return invalid("a direction needs finite angles");
  return s_->apply([&](Json& doc) -> Status {
    Json* m = findMarker(doc, id);
    if (!m) return noMarker(id);
    auto at = m->find("at");
    if (at != m->end() && at->is_object()) {
      const Json fresh = directionJson(yawDeg, pitchDeg, 0);
      (*at)["yaw_deg"] = fresh["yaw_deg"];
      (*at)["pitch_deg"] = fresh["pitch_deg"];
    } else {
      m->erase("stage");
      (*m)["at"] = directionJson(yawDeg, pitchDeg, kDefaultMarkerDistanceM);
    }
    return ok();
  });
}

Status ShotDocument::moveMarkerToStage(const std::string& id, const Vec3& p) {
  if (!finite({p.x, p.y, p.z})) return invalid("a stage position needs finite coordinates");
  return s_->apply([&](Json& doc) -> Status {
    Json* m = findMarker(doc, id);
    if (!m) return noMarker(id);
    m->erase("at");
    Json& stage = (*m)["stage"];
    if (!stage.is_object()) stage = Json::object();
    stage["x"] = p.x;
    stage["y"] = p.y;
    stage["z"] = p.z;
    return ok();
  });
}

Status ShotDocument::editMarker(const std::string& id, const MarkerEdit& e) {
  for (const auto* v : {&e.tIn, &e.tOut, &e.fadeIn, &e.fadeOut, &e.distanceM})
    if (*v && !std::isfinite(**v)) return invalid("times and distances must be finite numbers");
  return s_->apply([&](Json& doc) -> Status {
    Json* m = findMarker(doc, id);
    if (!m) return noMarker(id);
    if (e.title) (*m)["title"] = *e.title;
    if (e.text) (*m)["text"] = *e.text;
    if (e.category) (*m)["category"] = std::string(toString(*e.category));
    if (e.tIn) (*m)["t_in"] = *e.tIn;
    if (e.tOut) (*m)["t_out"] = *e.tOut;
    if (e.fadeIn) (*m)["fade_in"] = *e.fadeIn;
    if (e.fadeOut) (*m)["fade_out"] = *e.fadeOut;
    if (e.distanceM) {
      auto at = m->find("at");
      if (at == m->end() || !at->is_object()) return invalid("a stage marker has a position, not a distance");
      (*at)["distance_m"] = *e.distanceM;
    }
    if (e.audio) {
      if (e.audio->empty()) {
        m->erase("audio");
        m->erase("captions");
      } else {
        (*m)["audio"] = *e.audio;
      }
    }
    if (e.captions) {
      if (e.captions->empty()) m->erase("captions");
      else (*m)["captions"] = *e.captions;
    }
    return ok();
  });
}

Status ShotDocument::deleteMarker(const std::string& id) {
  return s_->apply([&](Json& doc) -> Status {
    Json* m = findMarker(doc, id);
    if (!m) return noMarker(id);
    eraseElement(doc["markers"], m);
    return ok();
  });
}

bool ShotDocument::canUndo() const { return !s_->undo.empty(); }
bool ShotDocument::canRedo() const { return !s_->redo.empty(); }

bool ShotDocument::undo() { return s_->step(s_->undo, s_->redo); }
bool ShotDocument::redo() { return s_->step(s_->redo, s_->undo); }

std::string ShotDocument::text() const {
  // Invalid UTF-8 can only come from an edit; replacing it beats refusing to save.
  return s_->doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::vector<Problem> ShotDocument::save() {
  std::vector<Problem> errors;
  for (const auto& p : problems())
    if (p.severity == Severity::Error) errors.push_back(p);
  if (!errors.empty()) return errors;
  if (auto status = writeFileAtomically(s_->file, text()); !status) return {Problem{"", status.error().message()}};
  s_->saved = s_->doc;
  return {};
}

}  // namespace ps::scenes
