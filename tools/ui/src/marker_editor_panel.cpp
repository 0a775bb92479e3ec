#include "ui/marker_editor_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <variant>

namespace ps::ui {

namespace {

template <std::size_t N>
void copyInto(std::array<char, N>& buffer, const std::string& s) {
  const std::size_t n = std::min(s.size(), N - 1);
  std::memcpy(buffer.data(), s.data(), n);
  buffer[n] = '\0';
}

// A time or length field: one edit when the user leaves it changed.
bool numberField(const char* label, double& value, double step) {
  ImGui::InputDouble(label, &value, step, step * 10, "%.3f");
  return ImGui::IsItemDeactivatedAfterEdit();
}

}  // namespace

void MarkerEditorPanel::load(const scenes::Marker& m) {
  loadedId_ = m.id;
  copyInto(title_, m.title);
  copyInto(text_, m.text);
  copyInto(audio_, m.narration ? m.narration->src : std::string());
  copyInto(captions_, m.narration ? m.narration->captionsSrc : std::string());
  tIn_ = m.tIn;
  tOut_ = m.tOut;
  fadeIn_ = m.fadeIn;
  fadeOut_ = m.fadeOut;
  const auto* direction = std::get_if<scenes::DirectionPlacement>(&m.placement);
  distance_ = direction ? direction->distanceM : 0;
  const auto& all = scenes::allMarkerCategories();
  category_ = static_cast<int>(std::find(all.begin(), all.end(), m.category) - all.begin());
}

std::optional<PixelRect> MarkerEditorPanel::fieldRect(const std::string& label) const { return fields_.find(label); }

EditorPanelActions MarkerEditorPanel::draw(const EditorPanelView& view, glm::vec2 targetSize, float widthPx,
                                           float bottomPx) {
  EditorPanelActions out;
  fields_.clear();
  const float width = std::min(widthPx, targetSize.x);
  ImGui::SetNextWindowPos(ImVec2(targetSize.x - width, 0));
  ImGui::SetNextWindowSize(ImVec2(width, std::max(1.0f, targetSize.y - bottomPx)));
  ImGui::SetNextWindowBgAlpha(0.85f);
  ImGui::Begin("Markers", nullptr,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings);
  // The pass's font is rasterised for headset panels; a desktop panel reads well smaller.
  ImGui::SetWindowFontScale(0.55f);
  ImGui::TextWrapped("%s%s", view.file.c_str(), view.dirty ? "  (unsaved)" : "");
  ImGui::BeginDisabled(!view.canUndo);
  if (ImGui::Button("Undo")) out.undo = true;
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!view.canRedo);
  if (ImGui::Button("Redo")) out.redo = true;
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Save")) out.save = true;
  if (!view.status.empty()) ImGui::TextWrapped("%s", view.status.c_str());
  if (ImGui::BeginTabBar("editor")) {
    // A tab the caller switched to (a key) is selected once; after that the user's clicks rule.
    const auto tab = [&](const char* label, EditorTab which) {
      const bool open = ImGui::BeginTabItem(
          label, nullptr, view.tab == which && shownTab_ != which ? ImGuiTabItemFlags_SetSelected : 0);
      fields_.note(label);
      return open;
    };
    if (tab("Markers", EditorTab::Markers)) {
      if (shownTab_ != EditorTab::Markers) out.tab = EditorTab::Markers;
      shownTab_ = EditorTab::Markers;
      markerFields(view, out);
      ImGui::EndTabItem();
    }
    if (tab("Blocking", EditorTab::Blocking)) {
      if (shownTab_ != EditorTab::Blocking) out.tab = EditorTab::Blocking;
      shownTab_ = EditorTab::Blocking;
      out.blocking = blocking_.draw(view.blocking, fields_);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  if (!view.problems.empty()) {
    ImGui::Separator();
    ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.2f, 1.0f), "%zu problem(s):", view.problems.size());
    for (const std::string& p : view.problems) ImGui::TextWrapped("%s", p.c_str());
  }
  const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  rect_ = {{pos.x, pos.y}, {pos.x + size.x, pos.y + size.y}};
  ImGui::End();
  return out;
}

void MarkerEditorPanel::markerFields(const EditorPanelView& view, EditorPanelActions& out) {
  ImGui::TextDisabled("click the view: place at the playhead; drag a pin: move");
  if (view.marker == nullptr) {
    loadedId_.clear();
    ImGui::TextWrapped("No marker selected.");
  } else {
    const scenes::Marker& m = *view.marker;
    if (m.id != loadedId_ || view.revision != loadedRevision_) {
      load(m);
      loadedRevision_ = view.revision;
    }
    ImGui::Text("id: %s", m.id.c_str());
    ImGui::InputText("title", title_.data(), title_.size());
    fields_.note("title");
    if (ImGui::IsItemDeactivatedAfterEdit()) out.edit.emplace().title = std::string(title_.data());
    ImGui::InputTextMultiline("text", text_.data(), text_.size(), ImVec2(0, ImGui::GetTextLineHeight() * 4));
    fields_.note("text");
    if (ImGui::IsItemDeactivatedAfterEdit()) out.edit.emplace().text = std::string(text_.data());
    const auto& categories = scenes::allMarkerCategories();
    const std::string preview(scenes::toString(categories[static_cast<std::size_t>(category_)]));
    if (ImGui::BeginCombo("category", preview.c_str())) {
      for (std::size_t i = 0; i < categories.size(); ++i) {
        const std::string name(scenes::toString(categories[i]));
        if (ImGui::Selectable(name.c_str(), static_cast<int>(i) == category_))
          out.edit.emplace().category = categories[i];
      }
      ImGui::EndCombo();
    }
    if (numberField("t in", tIn_, 1.0 / 30)) out.edit.emplace().tIn = tIn_;
    ImGui::SameLine();
    if (ImGui::SmallButton("here##in")) out.edit.emplace().tIn = view.playhead;
    if (numberField("t out", tOut_, 1.0 / 30)) out.edit.emplace().tOut = tOut_;
    ImGui::SameLine();
    if (ImGui::SmallButton("here##out")) out.edit.emplace().tOut = view.playhead;
    if (numberField("fade in", fadeIn_, 0.1)) out.edit.emplace().fadeIn = fadeIn_;
    if (numberField("fade out", fadeOut_, 0.1)) out.edit.emplace().fadeOut = fadeOut_;
    if (std::holds_alternative<scenes::DirectionPlacement>(m.placement) && numberField("distance m", distance_, 0.25))
      out.edit.emplace().distanceM = distance_;
    ImGui::InputText("audio", audio_.data(), audio_.size());
    if (ImGui::IsItemDeactivatedAfterEdit()) out.edit.emplace().audio = std::string(audio_.data());
    ImGui::InputText("captions", captions_.data(), captions_.size());
    if (ImGui::IsItemDeactivatedAfterEdit())
      out.edit.emplace().captions = std::string(captions_.data());
    if (ImGui::Button("Delete marker")) out.remove = true;
    fields_.note("Delete marker");
  }
}

}  // namespace ps::ui
