// The marker editor's headset half: the trigger on a marker or the view, and the menu the
// thumbstick drives (marker_editor.h).
#include <spdlog/spdlog.h>

#include <algorithm>

#include "player/document_save.h"
#include "player/marker_editor.h"
#include "engine/font_atlas.h"
#include "ui/headset_menu_geometry.h"
#include "ui/view_projection.h"
#include "ui/marker_picking.h"

namespace ps::player {

namespace {

std::vector<std::string> idsOf(const std::vector<scenes::Marker>& markers) {
  std::vector<std::string> ids;
  ids.reserve(markers.size());
  for (const scenes::Marker& m : markers) ids.push_back(m.id);
  return ids;
}

const scenes::Marker* markerWithId(const std::vector<scenes::Marker>& markers, const std::optional<std::string>& id) {
  if (!id) return nullptr;
  const auto it = std::find_if(markers.begin(), markers.end(), [&](const scenes::Marker& m) { return m.id == *id; });
  return it == markers.end() ? nullptr : &*it;
}

// The controller's ray in the space markers are laid out in (from the capture point).
engine::Ray aimRay(const engine::View& aim, const glm::vec3& origin) {
  return {aim.position - origin, aim.orientation * glm::vec3(0, 0, -1)};
}

}  // namespace

// The headset's cards are laid out for the first eye.
std::optional<ui::ViewProjection> MarkerEditor::firstEye(const xr::DisplayFrame& frame) const {
  if (frame.eyes.empty()) return std::nullopt;
  const xr::EyeTarget& eye = frame.eyes.front();
  return ui::ViewProjection(overlay_.inShotSpace(eye.view), {static_cast<float>(eye.target.extent.width),
                                                             static_cast<float>(eye.target.extent.height)});
}

bool MarkerEditor::pointAndPress(const xr::DisplayFrame& frame, const Commands& in, double shotSeconds) {
  // While the keyboard is up the trigger types, and off its keys does nothing.
  if (typing_) {
    if (const std::optional<std::size_t> key = keyUnderAim(frame, in)) pressKey(*key);
    return true;
  }
  const auto& markers = overlay_.markers();
  const engine::Ray ray = aimRay(*in.aim, overlay_.origin());
  const glm::vec3 dir = ray.direction;
  // The menu first: it is drawn over what lies behind it.
  if (const std::optional<ui::HeadsetMenuView> view = menuView(); view && !frame.eyes.empty()) {
    if (const auto hit = ui::rayOnHeadsetMenu(ray, *view, *firstEye(frame), *engine::FontAtlas::shared())) {
      if (hit->row) {
        menu_->highlighted = *hit->row;
        doEntry(menuEntries(selected_.has_value())[*hit->row]);
        showMenu();
      }
      return true;
    }
  }
  if (auto hit = ui::markerOnRay(markers, shotSeconds, ray.origin, dir, overlay_.style(), 2.5f,
                                 overlay_.sceneHitInShotSpace())) {
    selected_ = markers[*hit].id;
  } else {
    place(ray, shotSeconds);
    save();
  }
  if (selected_) openMenu();
  return true;
}

void MarkerEditor::openMenu() {
  const scenes::Marker* m = markerWithId(doc_.shot().markers, selected_);
  if (m == nullptr) return;
  menu_ = HeadsetMenu{ui::initialHighlight(menuEntries(true), m->title),
                      ui::markerPoint(*m, overlay_.style())};
  retimeRepeat_.reset();
  showMenu();
}

void MarkerEditor::applyMenu(Commands& in, double displayTime) {
  // The stick is the menu's while it is open: it neither scrubs nor steps the playhead (the
  // keyboard's shuttle level stops too: the commands hold one level for both). The grip does
  // the highlighted entry; a shot being edited is no episode, whose items the grip also steps.
  const int pushX = in.stickPushX, pushY = in.stickPushY;
  const bool doIt = in.keep && !typing_;
  in.stepFrames -= in.stickPushY;
  in.shuttle = 0;
  const int heldX = in.stickHeldX;
  in.stickPushX = in.stickPushY = in.stickHeldX = 0;
  in.keep = false;
  in.itemStep = 0;

  if (typing_) {
    // The keyboard is the ray's; the stick waits for the menu to come back.
    retimeRepeat_.reset();
    showMenu();
    return;
  }
  const std::vector<ui::MenuEntry> entries = menuEntries(selected_.has_value());
  menu_->highlighted = std::min(menu_->highlighted, entries.size() - 1);
  if (pushY != 0) menu_->highlighted = ui::cycledIndex(menu_->highlighted, -pushY, entries.size());  // up: the row above
  // A held push repeats; a frame owed several repeats moves them at once (one edit, one save).
  // No retime while a voice is recorded: its take ends in an edit of its own.
  const int frames = retimeRepeat_.steps(pushX, heldX, displayTime);
  if (frames != 0 && selected_ && !recorder_) retime(frames, pushX == 0);
  if (doIt) doEntry(entries[menu_->highlighted]);
  showMenu();
}

void MarkerEditor::doEntry(const ui::MenuEntry& entry) {
  switch (entry.kind) {
    case ui::MenuEntryKind::Title: {
      const std::string id = *selected_;
      scenes::MarkerEdit edit;
      edit.title = std::string(entry.label);
      headsetEdited(doc_.editMarker(id, edit), fmt::format("renamed \"{}\" to \"{}\"", id, entry.label));
      return;
    }
    case ui::MenuEntryKind::TypeTitle:
      typing_.emplace();
      hoveredKey_.reset();
      return;
    case ui::MenuEntryKind::RecordVoice:
      startRecording();
      return;
    case ui::MenuEntryKind::StopRecording:
      stopRecording();
      return;
    case ui::MenuEntryKind::Delete: {
      const std::string id = *selected_;
      headsetEdited(doc_.deleteMarker(id), fmt::format("deleted \"{}\"", id));
      menu_->highlighted = 0;  // the undo that brings it back, first of what is left
      return;
    }
    case ui::MenuEntryKind::Undo: {
      const std::vector<std::string> before = idsOf(doc_.shot().markers);
      if (!doc_.undo()) return;
      selected_ = ui::selectionAfterChange(selected_, before, idsOf(doc_.shot().markers));
      // An undo is not undone when its save fails: the document stays ahead, the log says so.
      changed("undone");
      save();
      if (const scenes::Marker* m = markerWithId(doc_.shot().markers, selected_)) {
        menu_->anchor = ui::markerPoint(*m, overlay_.style());
        menu_->highlighted = ui::initialHighlight(menuEntries(true), m->title);
      } else {
        menu_->highlighted = 0;
      }
      return;
    }
    case ui::MenuEntryKind::Close:
      menu_.reset();
      typing_.reset();
      return;
  }
}

void MarkerEditor::retime(int frames, bool repeated) {
  const scenes::Marker* m = markerWithId(doc_.shot().markers, selected_);
  if (m == nullptr) return;
  const scenes::Timeline& timeline = doc_.shot().timeline;
  const ui::TimeSpan span = ui::retimedByFrames({m->tIn, m->tOut}, frames, timeline.fps, timeline.in, timeline.out);
  if (span.tIn == m->tIn && span.tOut == m->tOut) {
    // Held against the end, the push has said so already.
    if (repeated) return;
    changed(fmt::format("\"{}\" is at the timeline's {} already", m->id, frames < 0 ? "in" : "out"), Outcome::Refused);
    return;
  }
  const std::string id = m->id;
  scenes::MarkerEdit edit;
  edit.tIn = span.tIn;
  edit.tOut = span.tOut;
  headsetEdited(doc_.editMarker(id, edit),
                fmt::format("moved \"{}\" to t {:.3f} s .. {:.3f} s", id, span.tIn, span.tOut));
}

std::optional<std::size_t> MarkerEditor::keyUnderAim(const xr::DisplayFrame& frame, const Commands& in) {
  const std::optional<ui::HeadsetKeyboardView> view = keyboardView();
  const std::optional<ui::ViewProjection> eye = firstEye(frame);
  if (!view || !eye || !in.aim) return std::nullopt;
  const auto hit = ui::rayOnHeadsetKeyboard(aimRay(*in.aim, overlay_.origin()), *view, *eye);
  return hit ? hit->key : std::nullopt;
}

void MarkerEditor::pressKey(std::size_t key) {
  switch (typing_->press(ui::keyboardKeys()[key])) {
    case ui::TitleTyping::Outcome::Typing:
      break;
    case ui::TitleTyping::Outcome::Done: {
      const std::string title = typing_->title();
      typing_.reset();
      if (!selected_) break;
      const std::string id = *selected_;
      scenes::MarkerEdit edit;
      edit.title = title;
      headsetEdited(doc_.editMarker(id, edit), fmt::format("renamed \"{}\" to \"{}\"", id, title));
      break;
    }
    case ui::TitleTyping::Outcome::Cancelled:
      typing_.reset();
      spdlog::debug("editor: typing a title cancelled");
      break;
  }
  showMenu();
}

void MarkerEditor::headsetEdited(const Status& s, const std::string& what) {
  if (!s) {
    changed("not changed: " + s.error().message(), Outcome::Refused);
    return;
  }
  if (saveEdit(doc_, what)) changed(what);
  else changed(what + ": not saved, so undone", Outcome::Failed);
}

std::optional<ui::HeadsetKeyboardView> MarkerEditor::keyboardView() const {
  if (!menu_ || !typing_) return std::nullopt;
  const scenes::Marker* m = markerWithId(doc_.shot().markers, selected_);
  ui::HeadsetKeyboardView view;
  view.anchor = menu_->anchor;
  view.heading = fmt::format("Title of \"{}\"", m != nullptr ? m->id : std::string("(deleted)"));
  view.text = typing_->text();
  view.placeholder = m != nullptr ? m->title : std::string();
  view.shift = typing_->shift();
  view.hovered = hoveredKey_;
  // One short line: the card is as wide as its keys.
  view.hint = typing_->full() ? fmt::format("{} characters at most", ui::kMaxTypedTitle)
                              : std::string("Point at a key, pull the trigger");
  return view;
}

std::optional<ui::HeadsetMenuView> MarkerEditor::menuView() {
  if (!menu_ || typing_) return std::nullopt;
  const scenes::Marker* m = markerWithId(doc_.shot().markers, selected_);
  if (m != nullptr) menu_->anchor = ui::markerPoint(*m, overlay_.style());
  ui::HeadsetMenuView view;
  view.anchor = menu_->anchor;
  view.heading = m != nullptr ? fmt::format("{}  {:.2f} s - {:.2f} s", m->title, m->tIn, m->tOut) : "(deleted)";
  for (const ui::MenuEntry& e : menuEntries(m != nullptr)) view.rows.emplace_back(e.label);
  view.highlighted = std::min(menu_->highlighted, view.rows.size() - 1);
  view.hint = m != nullptr ? "Stick up/down: choose; grip: do; left/right (hold to repeat): a frame earlier/later"
                           : "Stick up/down: choose; grip: do";
  if (recorder_) {
    view.heading = fmt::format("Recording a voice for \"{}\"  {:.1f} s", recordingFor_, recorder_->take().seconds());
    view.hint = "Grip: stop and keep it as the marker's narration";
  }
  return view;
}

std::vector<ui::MenuEntry> MarkerEditor::menuEntries(bool markerSelected) const {
  return ui::headsetMenuEntries(markerSelected, doc_.canUndo(), recorder_.has_value());
}

void MarkerEditor::showMenu() {
  overlay_.setHeadsetMenu(menuView());
  overlay_.setHeadsetKeyboard(keyboardView());
}

}  // namespace ps::player
