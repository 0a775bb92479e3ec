#include "document_json.h"

#include <cmath>

namespace ps::scenes {

namespace {

// Ids are one namespace over the whole shot (shot_reader.h).
bool idTaken(const Json& doc, const std::string& id) {
  if (findById(doc, "media", id) || findById(doc, "markers", id)) return true;
  auto blocking = doc.find("blocking");
  if (blocking == doc.end() || !blocking->is_object()) return false;
  for (const char* list : {"marks", "actors", "measurements"})
    if (findById(*blocking, list, id)) return true;
  return false;
}

}  // namespace

const Json* findById(const Json& owner, const char* list, const std::string& id) {
  auto it = owner.find(list);
  if (it == owner.end() || !it->is_array()) return nullptr;
  for (const auto& e : *it)
    if (e.is_object() && e.contains("id") && e["id"].is_string() && e["id"].get<std::string>() == id) return &e;
  return nullptr;
}

void eraseElement(Json& list, const Json* element) {
  for (std::size_t i = 0; i < list.size(); ++i)
    if (&list[i] == element) {
      list.erase(i);
      return;
    }
}

std::string freshId(const Json& doc, const std::string& prefix) {
  for (int n = 1;; ++n) {
    std::string id = prefix + "-" + std::to_string(n);
    if (!idTaken(doc, id)) return id;
  }
}

bool finite(std::initializer_list<double> values) {
  for (double v : values)
    if (!std::isfinite(v)) return false;
  return true;
}

Status invalid(const std::string& what) { return Error{"", what, ""}; }

}  // namespace ps::scenes
