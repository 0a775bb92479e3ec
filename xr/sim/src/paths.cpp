#include "paths.h"

#include <cstring>
#include <stdexcept>

namespace ps::sim {
namespace {

bool wellFormed(const std::string& s) {
  if (s.size() < 2 || s.front() != '/' || s.back() == '/') return false;
  std::size_t start = 1;
  while (start <= s.size()) {
    std::size_t end = s.find('/', start);
    if (end == std::string::npos) end = s.size();
    const std::string part = s.substr(start, end - start);
    if (part.empty() || part.find_first_not_of('.') == std::string::npos) return false;
    for (char c : part)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

XrResult PathTable::intern(const char* text, XrPath& out) {
  if (text == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  const std::string s(text, strnlen(text, XR_MAX_PATH_LENGTH));
  if (s.size() >= XR_MAX_PATH_LENGTH || !wellFormed(s)) return XR_ERROR_PATH_FORMAT_INVALID;
  const auto it = ids_.find(s);
  if (it != ids_.end()) {
    out = it->second;
    return XR_SUCCESS;
  }
  if (strings_.size() >= 100000) return XR_ERROR_PATH_COUNT_EXCEEDED;
  strings_.push_back(s);
  out = strings_.size();  // 0 stays XR_NULL_PATH
  ids_.emplace(s, out);
  return XR_SUCCESS;
}

XrPath PathTable::get(const std::string& text) {
  XrPath p = XR_NULL_PATH;
  if (intern(text.c_str(), p) != XR_SUCCESS) throw std::logic_error("malformed runtime path " + text);
  return p;
}

const std::string* PathTable::find(XrPath path) const {
  if (path == XR_NULL_PATH || path > strings_.size()) return nullptr;
  return &strings_[path - 1];
}

}  // namespace ps::sim
