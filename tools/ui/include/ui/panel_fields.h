#pragma once
// Where a panel's fields were drawn last, by their labels (target pixels): for scripted input
// (tests) and for a pointer that is not a mouse. Call note() right after the widget.
#include <map>
#include <optional>
#include <string>

#include "ui/marker_layout.h"

namespace ps::ui {

class PanelFields {
 public:
  void clear() { rects_.clear(); }
  // The last ImGui item's rectangle, under `label`.
  void note(const std::string& label);
  std::optional<PixelRect> find(const std::string& label) const;

 private:
  std::map<std::string, PixelRect, std::less<>> rects_;
};

}  // namespace ps::ui
