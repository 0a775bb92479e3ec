#include "player/marker_editor.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <variant>

#include <glm/gtc/quaternion.hpp>

#include "media/voice_capture.h"
#include "player/measuring_tape.h"
#include "scenes/printable.h"
#include "ui/marker_picking.h"
#include "ui/view_projection.h"

namespace ps::player {

namespace {

scenes::YawPitch yawPitchOf(const glm::vec3& d) { return scenes::yawPitchFromDirection({d.x, d.y, d.z}); }

bool pressed(const engine::GuiInput& gui, engine::GuiKey key, bool ctrl, std::optional<bool> shift = std::nullopt) {
  return std::any_of(gui.keys.begin(), gui.keys.end(), [&](const engine::GuiKeyPress& p) {
    return p.key == key && p.ctrl == ctrl && (!shift || p.shift == *shift);
  });
}

ui::BlockingAction blockingAction(ui::BlockingAction::Kind kind, const ui::BlockingSelection& selection,
                                  const scenes::FloorPoint& position = {}) {
  ui::BlockingAction a;
  a.kind = kind;
  a.selection = selection;
  a.position = position;
  return a;
}

}  // namespace

MarkerEditor::MarkerEditor(scenes::ShotDocument document, ViewOverlay& overlay, bool active, OpenVoice openVoice)
    : doc_(std::move(document)), overlay_(overlay), active_(active), openVoice_(std::move(openVoice)) {
  if (!openVoice_) openVoice_ = [] { return media::openMicrophone(); };
  overlay_.setMarkers(doc_.shot().markers);
  overlay_.setPanel([this](glm::vec2 size, double t) { panel(size, t); });
  spdlog::info("editor: {} ({} markers){}", doc_.file().string(), doc_.shot().markers.size(),
               active_ ? "" : "; E to edit");
}

MarkerEditor::~MarkerEditor() {
  overlay_.setPanel({});
  if (recorder_) spdlog::warn("editor: the voice being recorded for \"{}\" is not kept", recordingFor_);
  if (doc_.dirty()) spdlog::warn("editor: {} has unsaved changes; they are not written", doc_.file().string());
}

void MarkerEditor::changed(std::string status, Outcome outcome) {
  ++revision_;
  overlay_.setMarkers(doc_.shot().markers);
  const auto& markers = doc_.shot().markers;
  if (selected_ && std::none_of(markers.begin(), markers.end(), [&](const auto& m) { return m.id == *selected_; }))
    selected_.reset();
  // An undo may take away what was selected in the blocking too.
  const scenes::Blocking& blocking = doc_.shot().blocking;
  overlay_.setBlocking(blocking);
  if (blocking_.mark &&
      std::none_of(blocking.marks.begin(), blocking.marks.end(), [&](const auto& m) { return m.id == *blocking_.mark; }))
    blocking_ = {};
  if (blocking_.path) {
    const auto p = std::find_if(blocking.actors.begin(), blocking.actors.end(),
                                [&](const auto& a) { return a.id == *blocking_.path; });
    if (p == blocking.actors.end()) blocking_ = {};
    else if (blocking_.key && *blocking_.key >= p->keys.size()) blocking_.key.reset();
  }
  status_ = std::move(status);
  if (status_.empty()) return;
  // The panel's status line is easy to miss: what did not happen must reach the log a person reads.
  switch (outcome) {
    case Outcome::Done: spdlog::info("editor: {}", status_); break;
    case Outcome::Refused: spdlog::warn("editor: {}", status_); break;
    case Outcome::Failed: spdlog::error("editor: {}", status_); break;
  }
}

void MarkerEditor::place(const engine::Ray& shotRay, double shotSeconds) {
  // On a surface the ray meets (a set, a splat capture), the marker stands there; else it is a
  // direction at the default distance.
  const ui::SceneHit hit = overlay_.sceneHitInShotSpace();
  if (const std::optional<float> d = hit ? hit(shotRay) : std::nullopt) {
    const glm::vec3 p = overlay_.origin() + shotRay.origin + *d * shotRay.direction;
    auto id = doc_.addMarkerAtStage({p.x, p.y, p.z}, shotSeconds);
    if (!id) {
      changed("cannot place a marker: " + id.error().message(), Outcome::Refused);
      return;
    }
    selected_ = *id;
    changed(fmt::format("placed \"{}\" on the surface at ({:.2f}, {:.2f}, {:.2f}), t {:.3f} s", *id, p.x, p.y, p.z,
                        shotSeconds));
    return;
  }
  const scenes::YawPitch a = yawPitchOf(shotRay.direction);
  auto id = doc_.addMarker(a.yawDeg, a.pitchDeg, shotSeconds);
  if (!id) {
    changed("cannot place a marker: " + id.error().message(), Outcome::Refused);
    return;
  }
  selected_ = *id;
  changed(fmt::format("placed \"{}\" at yaw {:.1f}, pitch {:.1f}, t {:.3f} s", *id, a.yawDeg, a.pitchDeg,
                      shotSeconds));
}

void MarkerEditor::save() {
  const std::vector<scenes::Problem> problems = doc_.save();
  if (problems.empty()) {
    changed("saved " + scenes::printable(doc_.file().string()));
    return;
  }
  // A document with errors is refused; anything else is the disk or the folder failing.
  const bool refused = scenes::hasErrors(doc_.problems());
  changed("not saved: " + scenes::problemText(problems.front()), refused ? Outcome::Refused : Outcome::Failed);
}

bool MarkerEditor::capturesPress(glm::vec2 pixel) const {
  return active_ && (panel_.rect().contains(pixel) || ui::markerAtPixel(sprites_, pixel).has_value());
}

bool MarkerEditor::apply(const xr::DisplayFrame& frame, Commands& in, double shotSeconds) {
  const engine::GuiInput& gui = in.gui;
  now_ = frame.predictedDisplayTime;
  if (recorder_) pollRecording();
  const bool typing = overlay_.wantsKeyboard();
  if (!typing && pressed(gui, engine::GuiKey::E, false)) {
    active_ = !active_;
    dragging_.reset();
    spdlog::info("editor: {}", active_ ? "on" : "off");
  }
  if (active_ && !typing && pressed(gui, engine::GuiKey::B, false))
    tab_ = tab_ == ui::EditorTab::Markers ? ui::EditorTab::Blocking : ui::EditorTab::Markers;
  overlay_.style().minActiveOpacity = active_ ? 0.6f : 0.0f;
  if (!active_) {
    if (recorder_) stopRecording();  // what was said is kept
    if (menu_) {
      menu_.reset();
      typing_.reset();
      showMenu();
    }
    return false;
  }
  overlay_.setInput(gui);
  if (typing) {
    // The keys are the field's: none of them drives playback.
    const Commands keep = in;
    in = Commands{};
    in.pointer = keep.pointer;
    in.pointerDown = keep.pointerDown;
    in.pointerPressed = keep.pointerPressed;
    in.aim = keep.aim;
    in.gui = keep.gui;
  } else {
    if (pressed(gui, engine::GuiKey::Z, true, false) && doc_.undo()) changed("undone");
    if ((pressed(gui, engine::GuiKey::Z, true, true) || pressed(gui, engine::GuiKey::Y, true)) && doc_.redo())
      changed("redone");
    if (pressed(gui, engine::GuiKey::S, true)) save();
    if (pressed(gui, engine::GuiKey::Delete, false)) {
      if (tab_ == ui::EditorTab::Blocking) {
        if (blocking_.mark) applyBlocking(blockingAction(ui::BlockingAction::Kind::DeleteMark, blocking_), shotSeconds);
        else if (blocking_.key) applyBlocking(blockingAction(ui::BlockingAction::Kind::DeleteKey, blocking_), shotSeconds);
      } else if (selected_) {
        if (Status s = doc_.deleteMarker(*selected_); s) changed("deleted \"" + *selected_ + "\"");
      }
    }
  }
  if (frame.eyes.empty()) return false;
  const xr::EyeTarget& eye = frame.eyes.front();
  extent_ = eye.target.extent;
  const ui::ViewProjection projection(
      overlay_.inShotSpace(eye.view), {static_cast<float>(extent_.width), static_cast<float>(extent_.height)});
  sprites_ = overlay_.layout(eye.view, extent_, shotSeconds);
  const auto& markers = overlay_.markers();
  overlay_.paint().highlighted.reset();
  for (std::size_t i = 0; i < markers.size(); ++i)
    if (selected_ && markers[i].id == *selected_) overlay_.paint().highlighted = i;

  if (tab_ == ui::EditorTab::Blocking) {
    // Window: a click where the view meets the floor.
    if (in.viewClicked) {
      const glm::vec3 from = overlay_.origin() + overlay_.inShotSpace(eye.view).position;
      if (const auto p = pointedAt(engine::Ray{from, projection.directionAt(*in.viewClicked)}, {}))
        clickFloor({p->x, p->z});
      else
        changed("the click meets no floor (above the horizon)", Outcome::Refused);
    }
    return false;
  }
  // Window: grab a pin, drag it, let go: one move.
  if (in.pointerPressed && !overlay_.wantsPointer() && !panel_.rect().contains(*in.pointerPressed)) {
    if (auto hit = ui::markerAtPixel(sprites_, *in.pointerPressed, projection, overlay_.sceneHitInShotSpace())) {
      selected_ = markers[*hit].id;
      dragging_ = selected_;
      dragDirection_.reset();
    }
  }
  if (dragging_ && in.pointerDown && in.pointer) {
    dragDirection_ = projection.directionAt(*in.pointer);
    std::vector<scenes::Marker> preview = doc_.shot().markers;
    for (scenes::Marker& m : preview) {
      if (m.id != *dragging_) continue;
      const scenes::YawPitch a = yawPitchOf(*dragDirection_);
      const auto* d = std::get_if<scenes::DirectionPlacement>(&m.placement);
      m.placement = scenes::DirectionPlacement{a.yawDeg, a.pitchDeg, d ? d->distanceM : scenes::kDefaultMarkerDistanceM};
    }
    overlay_.setMarkers(std::move(preview));
  } else if (dragging_) {
    if (dragDirection_) {
      const scenes::YawPitch a = yawPitchOf(*dragDirection_);
      if (Status s = doc_.moveMarker(*dragging_, a.yawDeg, a.pitchDeg); s)
        changed(fmt::format("moved \"{}\" to yaw {:.1f}, pitch {:.1f}", *dragging_, a.yawDeg, a.pitchDeg));
      else
        changed("cannot move: " + s.error().message(), Outcome::Refused);
    }
    dragging_.reset();
    dragDirection_.reset();
  }
  if (in.viewClicked)
    place(engine::Ray{overlay_.inShotSpace(eye.view).position, projection.directionAt(*in.viewClicked)}, shotSeconds);

  // Headset: the key the ray is on is lit while the keyboard is up.
  if (typing_) {
    if (const std::optional<std::size_t> key = keyUnderAim(frame, in); key != hoveredKey_) {
      hoveredKey_ = key;
      showMenu();
    }
  }
  // Headset: point and press; then the menu beside the marker has the thumbstick.
  const bool took = in.select && in.aim && pointAndPress(frame, in, shotSeconds);
  if (menu_) applyMenu(in, frame.predictedDisplayTime);
  return took;
}

void MarkerEditor::panel(glm::vec2 targetSize, double shotSeconds) {
  if (!active_) return;
  ui::EditorPanelView view;
  const auto& markers = doc_.shot().markers;
  const auto it = std::find_if(markers.begin(), markers.end(),
                               [&](const scenes::Marker& m) { return selected_ && m.id == *selected_; });
  view.marker = it != markers.end() ? &*it : nullptr;
  view.file = doc_.file().string();
  view.dirty = doc_.dirty();
  view.canUndo = doc_.canUndo();
  view.canRedo = doc_.canRedo();
  for (const scenes::Problem& p : doc_.problems())
    view.problems.push_back(scenes::problemText(p));
  view.status = status_;
  view.playhead = shotSeconds;
  view.revision = revision_;
  view.tab = tab_;
  view.blocking.blocking = &doc_.shot().blocking;
  view.blocking.selected = blocking_;
  view.blocking.playhead = shotSeconds;
  view.blocking.revision = revision_;
  // The timeline bar keeps the bottom 18% (its band); the panel takes the right third.
  const ui::EditorPanelActions a =
      panel_.draw(view, targetSize, std::max(280.0f, targetSize.x * 0.32f), targetSize.y * 0.18f);
  if (a.edit && view.marker) {
    const std::string id = view.marker->id;
    if (Status s = doc_.editMarker(id, *a.edit); s)
      changed("edited \"" + id + "\"");
    else
      changed("not changed: " + s.error().message(), Outcome::Refused);
  }
  if (a.remove && view.marker) {
    const std::string id = view.marker->id;
    if (Status s = doc_.deleteMarker(id); s) changed("deleted \"" + id + "\"");
  }
  if (a.tab) tab_ = *a.tab;
  if (a.blocking) applyBlocking(*a.blocking, shotSeconds);
  if (a.undo && doc_.undo()) changed("undone");
  if (a.redo && doc_.redo()) changed("redone");
  if (a.save) save();
}

void MarkerEditor::blockingEdited(const Status& s, std::string what) {
  if (s) changed(std::move(what));
  else changed("not changed: " + s.error().message(), Outcome::Refused);
}

void MarkerEditor::applyBlocking(const ui::BlockingAction& a, double shotSeconds) {
  using Kind = ui::BlockingAction::Kind;
  const std::string mark = a.selection.mark.value_or(""), path = a.selection.path.value_or("");
  const std::size_t key = a.selection.key.value_or(0);
  switch (a.kind) {
    case Kind::Select:
      blocking_ = a.selection;
      return;
    case Kind::RenameMark:
      return blockingEdited(doc_.renameFloorMark(mark, a.name), fmt::format("renamed the floor mark \"{}\"", mark));
    case Kind::RecolourMark:
      return blockingEdited(doc_.recolourFloorMark(mark, a.colour),
                            fmt::format("recoloured the floor mark \"{}\"", mark));
    case Kind::MoveMark:
      return blockingEdited(doc_.moveFloorMark(mark, a.position),
                            fmt::format("moved the floor mark \"{}\" to ({:.3f}, {:.3f})", mark, a.position.x,
                                        a.position.z));
    case Kind::DeleteMark:
      return blockingEdited(doc_.deleteFloorMark(mark), fmt::format("deleted the floor mark \"{}\"", mark));
    case Kind::MoveKey:
      return blockingEdited(doc_.moveActorKey(path, key, a.position),
                            fmt::format("moved key {} of \"{}\" to ({:.3f}, {:.3f})", key, path, a.position.x,
                                        a.position.z));
    case Kind::DeleteKey:
      return blockingEdited(doc_.deleteActorKey(path, key), fmt::format("deleted key {} of \"{}\"", key, path));
    case Kind::KeyHere: {
      const auto& actors = doc_.shot().blocking.actors;
      const auto p = std::find_if(actors.begin(), actors.end(), [&](const auto& x) { return x.id == path; });
      if (p == actors.end()) return;
      const scenes::ActorKey k{shotSeconds, scenes::actorPositionAt(*p, shotSeconds)};
      return blockingEdited(doc_.addActorKey(path, k), fmt::format("a key of \"{}\" at {:.3f} s", path, shotSeconds));
    }
    case Kind::DeletePath:
      return blockingEdited(doc_.deleteActorPath(path), fmt::format("deleted the path \"{}\"", path));
    case Kind::DeleteMeasurement:
      return blockingEdited(doc_.deleteMeasurement(a.measurement),
                            fmt::format("deleted the measurement \"{}\"", a.measurement));
  }
}

void MarkerEditor::clickFloor(const scenes::FloorPoint& at) {
  if (blocking_.mark) {
    applyBlocking(blockingAction(ui::BlockingAction::Kind::MoveMark, blocking_, at), 0);
  } else if (blocking_.path && blocking_.key) {
    applyBlocking(blockingAction(ui::BlockingAction::Kind::MoveKey, blocking_, at), 0);
  } else {
    auto id = doc_.addFloorMark(at);
    if (!id) return changed("cannot place a floor mark: " + id.error().message(), Outcome::Refused);
    blocking_ = {*id, std::nullopt, std::nullopt};
    changed(fmt::format("placed the floor mark \"{}\" at ({:.3f}, {:.3f})", *id, at.x, at.z));
  }
}

}  // namespace ps::player
