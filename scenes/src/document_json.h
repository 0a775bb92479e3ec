#pragma once
// Internal: finding, naming and checking entries of a shot.json being edited
// (ShotDocument's marker and blocking edits share them).
#include <initializer_list>
#include <string>
#include <utility>

#include "json_text.h"
#include "scenes/result.h"

namespace ps::scenes {

// The object in the array owner[list] whose "id" is `id`, or nullptr.
const Json* findById(const Json& owner, const char* list, const std::string& id);
inline Json* findById(Json& owner, const char* list, const std::string& id) {
  return const_cast<Json*>(findById(std::as_const(owner), list, id));
}

// Removes `element`, which points into the array `list`.
void eraseElement(Json& list, const Json* element);

// `prefix` + "-N" with the smallest N >= 1 that no medium, marker or blocking entry uses.
std::string freshId(const Json& doc, const std::string& prefix);

bool finite(std::initializer_list<double> values);
// An edit refused before it changed anything.
Status invalid(const std::string& what);

}  // namespace ps::scenes
