#pragma once
// The marker editor in the player, for the production team:
// - window: E toggles editor mode (`play --edit` starts in it). A click on the view places a
//   marker at that direction at the playhead's time; dragging a pin moves it (one undo step
//   on release); the panel along the right edge edits the selected marker's fields; Ctrl+Z /
//   Ctrl+Shift+Z (or Ctrl+Y) undo and redo, Ctrl+S saves, Delete removes the selected marker;
//   B switches the panel between markers and blocking. In blocking, a click on the view where
//   it meets the floor moves the selected floor mark or actor key there, or with nothing
//   selected places a new floor mark; the panel renames, recolours, moves and deletes marks,
//   moves, deletes and adds keys, and deletes paths and measurements;
// - headset (`--edit`): pointing the controller and pressing the trigger away from any marker
//   places one at the current time; on a marker it selects it. Either opens the headset menu
//   beside the marker (ui/headset_marker_menu.h), and while it is open the thumbstick is the
//   menu's, not the playhead's: up / down moves the highlight, left / right moves the marker
//   one shot frame earlier / later (t_in and t_out together, on the frame grid), and held
//   there keeps moving it (ui/held_repeat.h's delay and rate, on the frames' display times);
//   each frame's move is one edit, saved at once like the others (an atomic write of a small
//   file ten times a second costs nothing and a crash loses no frame of it); the grip
//   (squeeze) does the highlighted entry: a title from the presets, type a title, delete the
//   marker, undo, close the menu. "Type title..." puts a keyboard below the marker in place of
//   the menu (ui/headset_keyboard.h): the key the controller's ray is on is lit, the trigger
//   types it; Done renames the marker (one edit, saved at once), Cancel leaves it; either
//   brings the menu back. While it is up the stick and the grip do nothing. "Record voice"
//   records from the microphone (media/voice_input.h; the editor's OpenVoice says which: the
//   system's capture device, or `--voice-input FILE`) until "Stop recording", the menu's only
//   entry meanwhile; the take is written atomically into the package as voice/<id>-<n>.wav (a
//   new file each time, so an undo gives the clip before back) and becomes the marker's
//   narration clip (one edit, saved at once; captions of the clip before are dropped). Where
//   there is no microphone the log says "no microphone: ..." once per try and the menu carries
//   on. The trigger on a row of the menu does that row (on the card elsewhere,
//   nothing: it never places a marker behind it). The other buttons keep their meaning. Every change is saved at
//   once, since a headset has no keyboard to save with; an edit that cannot be saved is
//   undone (document_save.h).
// Edits go through scenes::ShotDocument (undo/redo, unknown fields and key order kept, atomic
// save); the overlay shows the document's markers after every change.
// Thread: the player loop's.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <glm/vec2.hpp>

#include "media/voice_input.h"
#include "scenes/shot_document.h"
#include "ui/headset_keyboard.h"
#include "ui/headset_keyboard_geometry.h"
#include "ui/headset_marker_menu.h"
#include "ui/held_repeat.h"
#include "ui/marker_editor_panel.h"
#include "ui/marker_layout.h"
#include "ui/view_projection.h"
#include "player/view_overlay.h"
#include "player/commands.h"
#include "xr/display.h"

namespace ps::player {

class MarkerEditor {
 public:
  // Opens the voice input "Record voice" records from, when first asked to; empty: the system's
  // microphone (media/voice_capture.h).
  using OpenVoice = std::function<Result<std::unique_ptr<media::VoiceInput>>()>;

  // overlay must outlive the editor; the editor installs its panel in it.
  MarkerEditor(scenes::ShotDocument document, ViewOverlay& overlay, bool active, OpenVoice openVoice = {});
  MarkerEditor(const MarkerEditor&) = delete;
  MarkerEditor& operator=(const MarkerEditor&) = delete;
  ~MarkerEditor();

  bool active() const { return active_; }
  const scenes::ShotDocument& document() const { return doc_; }
  // Changes whenever the document does (edits, undo, redo): others showing the markers follow.
  std::uint64_t revision() const { return revision_; }

  // Before the loop applies the input. Returns true when the editor took the frame's trigger
  // press (a placement or a pick in the headset): the loop must not also take it as
  // play/pause. Clears the player's key actions from `in` while a field has the keyboard.
  bool apply(const xr::DisplayFrame& frame, Commands& in, double shotSeconds);
  // Presses that start here belong to the editor (its panel, a pin to drag), not a look-around.
  bool capturesPress(glm::vec2 pixel) const;
  ui::EditorTab tab() const { return tab_; }
  // The marker selected (in the window or the headset); empty: none.
  const std::optional<std::string>& selected() const { return selected_; }
  // Whether the headset menu is open (it then has the thumbstick).
  bool headsetMenuOpen() const { return menu_.has_value(); }
  // Whether a voice is being recorded for the selected marker.
  bool recording() const { return recorder_.has_value(); }
  const ui::BlockingSelection& blockingSelection() const { return blocking_; }

 private:
  enum class Outcome { Done, Refused, Failed };  // how the status is logged: info, warn, error
  // The document changed: the overlay follows.
  void changed(std::string status, Outcome outcome = Outcome::Done);
  // A marker where `shotRay` (shot space: from the capture point) meets a surface, else along it.
  void place(const engine::Ray& shotRay, double shotSeconds);
  void save();
  void panel(glm::vec2 targetSize, double shotSeconds);
  // Blocking: a panel's action, and a click on the floor (stage metres).
  void applyBlocking(const ui::BlockingAction& a, double shotSeconds);
  void clickFloor(const scenes::FloorPoint& at);
  // A blocking edit's outcome.
  void blockingEdited(const Status& s, std::string what);

  // Headset (marker_editor_headset.cpp): the trigger's press with an aim (true: taken), the
  // open menu's thumbstick, one entry done, and the menu as the overlay shows it.
  bool pointAndPress(const xr::DisplayFrame& frame, const Commands& in, double shotSeconds);
  void openMenu();
  // `displayTime`: the frame's (seconds, steady clock), what a held push repeats by.
  void applyMenu(Commands& in, double displayTime);
  void doEntry(const ui::MenuEntry& entry);
  // `repeated`: by a held push, which says nothing where the marker cannot move further.
  void retime(int frames, bool repeated);
  // The menu as the overlay shows it now (empty: closed, or the keyboard is up in its place).
  std::optional<ui::HeadsetMenuView> menuView();
  std::optional<ui::HeadsetKeyboardView> keyboardView() const;
  std::optional<ui::ViewProjection> firstEye(const xr::DisplayFrame& frame) const;
  // A marker edit made in the headset: saved at once (undone when it cannot be).
  void headsetEdited(const Status& s, const std::string& what);
  void showMenu();
  // The keyboard: the key the aim is on (lit), and the trigger's press on it.
  std::optional<std::size_t> keyUnderAim(const xr::DisplayFrame& frame, const Commands& in);
  void pressKey(std::size_t key);
  // The voice note (marker_editor_voice.cpp): started from the menu, polled every frame,
  // stopped and kept as the marker's narration.
  void startRecording();
  void pollRecording();
  void stopRecording();
  std::vector<ui::MenuEntry> menuEntries(bool markerSelected) const;

  scenes::ShotDocument doc_;
  ViewOverlay& overlay_;
  bool active_;
  std::optional<std::string> selected_;
  std::optional<std::string> dragging_;   // the marker whose pin follows the pointer
  std::optional<glm::vec3> dragDirection_;  // where it is being dragged to
  ui::MarkerEditorPanel panel_;
  ui::EditorTab tab_ = ui::EditorTab::Markers;
  ui::BlockingSelection blocking_;
  std::uint64_t revision_ = 1;
  std::string status_;
  struct HeadsetMenu {
    std::size_t highlighted = 0;  // into ui::headsetMenuEntries for the present state
    glm::vec3 anchor{0.0f};       // the edited marker's point (relative to the capture point)
  };
  std::optional<HeadsetMenu> menu_;
  ui::HeldRepeat retimeRepeat_;  // the stick's left / right while the menu is open
  std::optional<ui::TitleTyping> typing_;  // the keyboard, up in place of the menu
  std::optional<std::size_t> hoveredKey_;
  OpenVoice openVoice_;
  std::unique_ptr<media::VoiceInput> voice_;     // opened on the first recording; outlives recorder_
  std::optional<media::VoiceRecorder> recorder_;  // while recording
  std::string recordingFor_;                      // the marker's id
  double now_ = 0;  // this frame's display time (seconds, steady clock): what a take is timed by
  std::vector<ui::MarkerSprite> sprites_;  // the window's eye, last frame: what presses can grab
  VkExtent2D extent_{};
};

}  // namespace ps::player
