#include "ui/headset_marker_menu.h"

#include <algorithm>
#include <cmath>

namespace ps::ui {

std::vector<MenuEntry> headsetMenuEntries(bool markerSelected, bool canUndo, bool recording) {
  // Nothing else while recording: an edit or an undo under way would race the take's own.
  if (recording) return {{MenuEntryKind::StopRecording, "Stop recording"}};
  std::vector<MenuEntry> entries;
  if (markerSelected) {
    for (std::string_view title : kMarkerTitlePresets) entries.push_back({MenuEntryKind::Title, title});
    entries.push_back({MenuEntryKind::TypeTitle, "Type title..."});
    entries.push_back({MenuEntryKind::RecordVoice, "Record voice"});
    entries.push_back({MenuEntryKind::Delete, "Delete marker"});
  }
  if (canUndo) entries.push_back({MenuEntryKind::Undo, "Undo"});
  entries.push_back({MenuEntryKind::Close, "Close"});
  return entries;
}

std::size_t cycledIndex(std::size_t current, int step, std::size_t count) {
  if (count == 0) return 0;
  const auto n = static_cast<long long>(count);
  const long long moved = (static_cast<long long>(current % count) + step) % n;
  return static_cast<std::size_t>(moved < 0 ? moved + n : moved);
}

std::size_t initialHighlight(const std::vector<MenuEntry>& entries, std::string_view title) {
  const auto it = std::find_if(entries.begin(), entries.end(), [&](const MenuEntry& e) {
    return e.kind == MenuEntryKind::Title && e.label == title;
  });
  return it == entries.end() ? 0 : static_cast<std::size_t>(it - entries.begin());
}

TimeSpan retimedByFrames(TimeSpan span, int frames, Rational fps, double earliest, std::optional<double> latest) {
  if (!fps.valid() || fps.toDouble() <= 0) return span;
  const double rate = fps.toDouble();
  // Frame numbers, not seconds, are moved: repeated nudges land exactly on the grid.
  const double inFrame = std::round(span.tIn * rate);
  const double outFrame = std::max(inFrame + 1, std::round(span.tOut * rate));
  double to = inFrame + frames;
  if (latest) to = std::min(to, std::floor(*latest * rate + 1e-9) - (outFrame - inFrame));
  to = std::max(to, std::ceil(earliest * rate - 1e-9));
  const double moved = to - inFrame;
  return {(inFrame + moved) / rate, (outFrame + moved) / rate};
}

std::optional<std::string> selectionAfterChange(const std::optional<std::string>& selected,
                                                const std::vector<std::string>& before,
                                                const std::vector<std::string>& after) {
  const auto in = [](const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  if (selected && in(after, *selected)) return selected;
  std::optional<std::string> arrived;
  for (const std::string& id : after) {
    if (in(before, id)) continue;
    if (arrived) return std::nullopt;  // several at once: none is the obvious one
    arrived = id;
  }
  return arrived;
}

}  // namespace ps::ui
