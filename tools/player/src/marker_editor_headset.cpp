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

}  // namespace

bool MarkerEditor::pointAndPress(const xr::DisplayFrame& frame, const Commands& in, double shotSeconds) {
  const auto& markers = overlay_.markers();
  const glm::vec3 dir = in.aim->orientation * glm::vec3(0, 0, -1);
  const engine::Ray ray{in.aim->position - overlay_.origin(), dir};
  // The menu first: it is drawn over what lies behind it. Its card is laid out for the first eye.
  if (const std::optional<ui::HeadsetMenuView> view = menuView(); view && !frame.eyes.empty()) {
    const xr::EyeTarget& eye = frame.eyes.front();
    const ui::ViewProjection first(overlay_.inShotSpace(eye.view), {static_cast<float>(eye.target.extent.width),
                                                                    static_cast<float>(eye.target.extent.height)});
    if (const auto hit = ui::rayOnHeadsetMenu(ray, *view, first, *engine::FontAtlas::shared())) {
      if (hit->row) {
        menu_->highlighted = *hit->row;
        doEntry(ui::headsetMenuEntries(selected_.has_value(), doc_.canUndo())[*hit->row]);
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
  menu_ = HeadsetMenu{ui::initialHighlight(ui::headsetMenuEntries(true, doc_.canUndo()), m->title),
                      ui::markerPoint(*m, overlay_.style())};
  retimeRepeat_.reset();
  showMenu();
}

void MarkerEditor::applyMenu(Commands& in, double displayTime) {
  // The stick is the menu's while it is open: it neither scrubs nor steps the playhead (the
  // keyboard's shuttle level stops too: the commands hold one level for both). The grip does
  // the highlighted entry; a shot being edited is no episode, whose items the grip also steps.
  const int pushX = in.stickPushX, pushY = in.stickPushY;
  const bool doIt = in.keep;
  in.stepFrames -= in.stickPushY;
  in.shuttle = 0;
  const int heldX = in.stickHeldX;
  in.stickPushX = in.stickPushY = in.stickHeldX = 0;
  in.keep = false;
  in.itemStep = 0;

  const std::vector<ui::MenuEntry> entries = ui::headsetMenuEntries(selected_.has_value(), doc_.canUndo());
  menu_->highlighted = std::min(menu_->highlighted, entries.size() - 1);
  if (pushY != 0) menu_->highlighted = ui::cycledIndex(menu_->highlighted, -pushY, entries.size());  // up: the row above
  // A held push repeats; a frame owed several repeats moves them at once (one edit, one save).
  if (const int frames = retimeRepeat_.steps(pushX, heldX, displayTime); frames != 0 && selected_)
    retime(frames, pushX == 0);
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
        menu_->highlighted = ui::initialHighlight(ui::headsetMenuEntries(true, doc_.canUndo()), m->title);
      } else {
        menu_->highlighted = 0;
      }
      return;
    }
    case ui::MenuEntryKind::Close:
      menu_.reset();
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

void MarkerEditor::headsetEdited(const Status& s, const std::string& what) {
  if (!s) {
    changed("not changed: " + s.error().message(), Outcome::Refused);
    return;
  }
  if (saveEdit(doc_, what)) changed(what);
  else changed(what + ": not saved, so undone", Outcome::Failed);
}

std::optional<ui::HeadsetMenuView> MarkerEditor::menuView() {
  if (!menu_) return std::nullopt;
  const scenes::Marker* m = markerWithId(doc_.shot().markers, selected_);
  if (m != nullptr) menu_->anchor = ui::markerPoint(*m, overlay_.style());
  ui::HeadsetMenuView view;
  view.anchor = menu_->anchor;
  view.heading = m != nullptr ? fmt::format("{}  {:.2f} s - {:.2f} s", m->title, m->tIn, m->tOut) : "(deleted)";
  for (const ui::MenuEntry& e : ui::headsetMenuEntries(m != nullptr, doc_.canUndo())) view.rows.emplace_back(e.label);
  view.highlighted = std::min(menu_->highlighted, view.rows.size() - 1);
  view.hint = m != nullptr ? "Stick up/down: choose; grip: do; left/right (hold to repeat): a frame earlier/later"
                           : "Stick up/down: choose; grip: do";
  return view;
}

void MarkerEditor::showMenu() { overlay_.setHeadsetMenu(menuView()); }

}  // namespace ps::player
