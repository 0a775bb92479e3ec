#pragma once
// The marker editor's menu in the headset, as plain logic: which entries it offers, how the
// thumbstick moves its highlight, how a marker is retimed by whole shot frames, and what stays
// selected after an edit. A headset has no keyboard: a title is picked from the director's usual
// words, or typed on the headset keyboard (headset_keyboard.h) the menu opens. No drawing here
// (headset_menu_geometry.h draws it).
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenes/rational.h"

namespace ps::ui {

// The titles a marker can be given in the headset, in the order the menu lists them.
inline constexpr std::array<std::string_view, 8> kMarkerTitlePresets{
    "Camera move", "Blocking", "Light", "Performance", "Sound", "Costume", "Set dressing", "Note"};

enum class MenuEntryKind : unsigned char {
  Title,   // rename the selected marker to the entry's label
  TypeTitle,  // open the keyboard to type the selected marker's title
  RecordVoice,    // record a voice note from the microphone as the selected marker's narration
  StopRecording,  // stop it and keep it
  Delete,  // delete the selected marker
  Undo,    // undo the document's last edit (whatever made it)
  Close,   // put the menu away: the thumbstick scrubs again
};

struct MenuEntry {
  MenuEntryKind kind = MenuEntryKind::Close;
  std::string_view label;
  friend bool operator==(const MenuEntry&, const MenuEntry&) = default;
};

// The entries, top to bottom: with a marker selected, the title presets, "Type title...",
// "Record voice" and "Delete marker";
// "Undo" while the document has something to undo; "Close" always (last).
// While a voice is being recorded, only "Stop recording".
std::vector<MenuEntry> headsetMenuEntries(bool markerSelected, bool canUndo, bool recording = false);

// `current` moved by `step` entries among `count`, wrapping at both ends (0 when count is 0).
std::size_t cycledIndex(std::size_t current, int step, std::size_t count);

// Where the highlight starts when the menu opens on a marker titled `title`: its preset's
// entry when it has one's title, else the first entry.
std::size_t initialHighlight(const std::vector<MenuEntry>& entries, std::string_view title);

// A marker's window [tIn, tOut) moved by `frames` shot frames at `fps`: both ends first snapped
// to their nearest frames (at least one frame apart), then moved together, so the duration in
// frames is kept. A move stops where the window would start before `earliest` (the timeline's
// in, snapped up to a frame) or end after `latest` (its out when it has one, snapped down); a
// window longer than the two allow keeps to `earliest`. An invalid fps leaves the span as it is.
struct TimeSpan {
  double tIn = 0, tOut = 0;
  friend bool operator==(const TimeSpan&, const TimeSpan&) = default;
};
TimeSpan retimedByFrames(TimeSpan span, int frames, Rational fps, double earliest,
                         std::optional<double> latest = std::nullopt);

// What stays selected after the document changed from the marker ids `before` to `after`: the
// one selected when it is still there; else the one marker that came back or was added (an
// undone deletion); else none.
std::optional<std::string> selectionAfterChange(const std::optional<std::string>& selected,
                                                const std::vector<std::string>& before,
                                                const std::vector<std::string>& after);

}  // namespace ps::ui
