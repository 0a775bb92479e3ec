#include "ui/panel_fields.h"

#include <imgui.h>

namespace ps::ui {

void PanelFields::note(const std::string& label) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  rects_[label] = PixelRect{{a.x, a.y}, {b.x, b.y}};
}

std::optional<PixelRect> PanelFields::find(const std::string& label) const {
  const auto it = rects_.find(label);
  if (it == rects_.end()) return std::nullopt;
  return it->second;
}

}  // namespace ps::ui
