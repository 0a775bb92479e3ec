#include "ui/blocking_panel.h"

#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <cstring>

namespace ps::ui {

namespace {

using Kind = BlockingAction::Kind;

BlockingAction action(Kind kind, BlockingSelection selection) {
  BlockingAction a;
  a.kind = kind;
  a.selection = std::move(selection);
  return a;
}

// Metres on the floor: one edit when the user leaves the field changed.
bool metresField(const char* label, double& value) {
  ImGui::InputDouble(label, &value, 0.05, 0.5, "%.3f");
  return ImGui::IsItemDeactivatedAfterEdit();
}

ImVec4 imColour(const scenes::Colour& c) {
  return ImVec4(static_cast<float>(c.r), static_cast<float>(c.g), static_cast<float>(c.b), 1.0f);
}

}  // namespace

void BlockingPanel::load(const BlockingPanelView& view) {
  loaded_ = view.selected;
  loadedRevision_ = view.revision;
  hasLoaded_ = true;
  name_[0] = '\0';
  x_ = z_ = 0;
  const scenes::Blocking& b = *view.blocking;
  if (view.selected.mark) {
    const auto m = std::find_if(b.marks.begin(), b.marks.end(), [&](const auto& f) { return f.id == *view.selected.mark; });
    if (m == b.marks.end()) return;
    const std::size_t n = std::min(m->name.size(), name_.size() - 1);
    std::memcpy(name_.data(), m->name.data(), n);
    name_[n] = '\0';
    colour_ = {static_cast<float>(m->colour.r), static_cast<float>(m->colour.g), static_cast<float>(m->colour.b)};
    x_ = m->position.x;
    z_ = m->position.z;
  } else if (view.selected.path && view.selected.key) {
    const auto p = std::find_if(b.actors.begin(), b.actors.end(), [&](const auto& a) { return a.id == *view.selected.path; });
    if (p == b.actors.end() || *view.selected.key >= p->keys.size()) return;
    x_ = p->keys[*view.selected.key].position.x;
    z_ = p->keys[*view.selected.key].position.z;
  }
}

std::optional<BlockingAction> BlockingPanel::draw(const BlockingPanelView& view, PanelFields& fields) {
  std::optional<BlockingAction> out;
  if (view.blocking == nullptr) return out;
  if (!hasLoaded_ || view.selected != loaded_ || view.revision != loadedRevision_) load(view);
  const scenes::Blocking& b = *view.blocking;
  ImGui::TextDisabled("click the floor: a new mark, or the selected mark or key moved there");

  ImGui::Text("Floor marks (%zu)", b.marks.size());
  for (const scenes::FloorMark& m : b.marks) {
    const std::string label = fmt::format("{}##mark {}", m.name.empty() ? m.id : m.name, m.id);
    ImGui::ColorButton(("##swatch " + m.id).c_str(), imColour(m.colour), ImGuiColorEditFlags_NoTooltip,
                       ImVec2(ImGui::GetTextLineHeight(), ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    if (ImGui::Selectable(label.c_str(), view.selected.mark == m.id))
      out = action(Kind::Select, BlockingSelection{m.id, std::nullopt, std::nullopt});
    fields.note("mark " + m.id);
  }
  if (view.selected.mark) {
    const auto m = std::find_if(b.marks.begin(), b.marks.end(), [&](const auto& f) { return f.id == *view.selected.mark; });
    if (m != b.marks.end())
      if (auto a = markFields(*m, fields)) out = std::move(a);
  }

  ImGui::Separator();
  ImGui::Text("Actors (%zu)", b.actors.size());
  for (const scenes::ActorPath& p : b.actors) {
    const std::string label = fmt::format("{}, {} key{}##path {}", p.actor, p.keys.size(), p.keys.size() == 1 ? "" : "s", p.id);
    if (ImGui::Selectable(label.c_str(), view.selected.path == p.id && !view.selected.key))
      out = action(Kind::Select, BlockingSelection{std::nullopt, p.id, std::nullopt});
    fields.note("path " + p.id);
    if (view.selected.path != p.id) continue;
    if (auto a = pathFields(p, view, fields)) out = std::move(a);
  }

  if (!b.measurements.empty()) {
    ImGui::Separator();
    ImGui::Text("Measurements (%zu)", b.measurements.size());
    for (const scenes::Measurement& m : b.measurements) {
      ImGui::Text("%s: %.3f m", (m.name.empty() ? m.id : m.name).c_str(), m.distanceM());
      ImGui::SameLine();
      if (ImGui::SmallButton(("delete##measurement " + m.id).c_str())) {
        out = action(Kind::DeleteMeasurement, view.selected);
        out->measurement = m.id;
      }
      fields.note("delete measurement " + m.id);
    }
  }
  return out;
}

std::optional<scenes::FloorPoint> BlockingPanel::positionFields(const std::string& what, PanelFields& fields) {
  const bool movedX = metresField(("x m##" + what).c_str(), x_);
  fields.note(what + " x");
  const bool movedZ = metresField(("z m##" + what).c_str(), z_);
  fields.note(what + " z");
  if (!movedX && !movedZ) return std::nullopt;
  return scenes::FloorPoint{x_, z_};
}

std::optional<BlockingAction> BlockingPanel::markFields(const scenes::FloorMark& m, PanelFields& fields) {
  std::optional<BlockingAction> out;
  const BlockingSelection selected{m.id, std::nullopt, std::nullopt};
  ImGui::Indent();
  ImGui::InputText("name", name_.data(), name_.size());
  fields.note("mark name");
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    out = action(Kind::RenameMark, selected);
    out->name = name_.data();
  }
  for (std::size_t i = 0; i < kSpikeTapeColours.size(); ++i) {
    if (i > 0) ImGui::SameLine();
    if (ImGui::ColorButton(fmt::format("tape {}", i).c_str(), imColour(kSpikeTapeColours[i]))) {
      out = action(Kind::RecolourMark, selected);
      out->colour = kSpikeTapeColours[i];
    }
    fields.note(fmt::format("tape {}", i));
  }
  // Any other colour: the sliders' edit is one when they are let go (not while dragging).
  ImGui::ColorEdit3("colour", colour_.data(), ImGuiColorEditFlags_NoPicker);
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    out = action(Kind::RecolourMark, selected);
    out->colour = {colour_[0], colour_[1], colour_[2]};
  }
  if (const auto at = positionFields("mark", fields)) {
    out = action(Kind::MoveMark, selected);
    out->position = *at;
  }
  if (ImGui::Button("Delete mark")) out = action(Kind::DeleteMark, selected);
  fields.note("Delete mark");
  ImGui::Unindent();
  return out;
}

std::optional<BlockingAction> BlockingPanel::pathFields(const scenes::ActorPath& p, const BlockingPanelView& view,
                                                        PanelFields& fields) {
  std::optional<BlockingAction> out;
  ImGui::Indent();
  for (std::size_t i = 0; i < p.keys.size(); ++i) {
    const scenes::ActorKey& k = p.keys[i];
    const std::string label = fmt::format("t {:.3f} s  ({:.2f}, {:.2f})##key {} {}", k.t, k.position.x, k.position.z, p.id, i);
    if (ImGui::Selectable(label.c_str(), view.selected.key == i))
      out = action(Kind::Select, BlockingSelection{std::nullopt, p.id, i});
    fields.note(fmt::format("key {}", i));
  }
  if (ImGui::Button("Key here")) out = action(Kind::KeyHere, BlockingSelection{std::nullopt, p.id, std::nullopt});
  fields.note("Key here");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("a key at %.3f s where the path puts the actor then", view.playhead);
  ImGui::SameLine();
  if (ImGui::Button("Delete path")) out = action(Kind::DeletePath, BlockingSelection{std::nullopt, p.id, std::nullopt});
  fields.note("Delete path");
  if (view.selected.key && *view.selected.key < p.keys.size()) {
    const BlockingSelection selected{std::nullopt, p.id, view.selected.key};
    if (const auto at = positionFields("key", fields)) {
      out = action(Kind::MoveKey, selected);
      out->position = *at;
    }
    if (ImGui::Button("Delete key")) out = action(Kind::DeleteKey, selected);
    fields.note("Delete key");
  }
  ImGui::Unindent();
  return out;
}

}  // namespace ps::ui
