#pragma once
// An instance's XrPath atoms: interned, well-formedness checked per the spec.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "xr_headers.h"

namespace ps::sim {

class PathTable {
 public:
  // XR_ERROR_PATH_FORMAT_INVALID for a malformed path, XR_ERROR_PATH_COUNT_EXCEEDED when full.
  XrResult intern(const char* text, XrPath& out);
  // Convenience for the runtime's own well-formed paths.
  XrPath get(const std::string& text);
  // nullptr for XR_NULL_PATH or a value never handed out.
  const std::string* find(XrPath path) const;

 private:
  std::vector<std::string> strings_;
  std::map<std::string, XrPath> ids_;
};

}  // namespace ps::sim
