#include "gltf_context.h"

#include <utility>

namespace ps::media::gltf {

Error Context::error(const std::string& at, std::string what) const {
  return Error{scenes::diagnosticPlace(file, at), std::move(what), {}};
}

void Context::warn(const std::string& at, std::string what, const std::string& kind) {
  if (!kind.empty() && !warnedKinds.insert(kind).second) return;
  warnings.push_back(scenes::Problem{at, std::move(what), scenes::Severity::Warning});
}

std::string pointer(const char* array, std::size_t index) {
  return std::string("/") + array + "/" + std::to_string(index);
}

std::string pointer(const char* array, std::size_t index, const char* member) {
  return pointer(array, index) + "/" + member;
}

}  // namespace ps::media::gltf
