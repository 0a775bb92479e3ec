#include "scenes/problem.h"

#include <algorithm>

#include "scenes/printable.h"

namespace ps::scenes {

const char* toString(Severity s) { return s == Severity::Error ? "error" : "warning"; }

std::size_t countErrors(const std::vector<Problem>& problems) {
  return static_cast<std::size_t>(
      std::count_if(problems.begin(), problems.end(), [](const Problem& p) { return p.severity == Severity::Error; }));
}

bool hasErrors(const std::vector<Problem>& problems) { return countErrors(problems) > 0; }

std::string diagnosticPlace(const std::string& file, const std::string& pointer) {
  return pointer.empty() ? printable(file) : printable(file) + "#" + printable(pointer);
}

std::string diagnosticLine(const std::string& file, const Problem& p) {
  return diagnosticPlace(file, p.pointer) + ": " + toString(p.severity) + ": " + printable(p.message);
}

std::string problemText(const Problem& p) {
  return (p.pointer.empty() ? "" : printable(p.pointer) + ": ") + printable(p.message);
}

std::string pointerToken(const std::string& key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

}  // namespace ps::scenes
