#include "json_text.h"

#include <charconv>

#include "scenes/shot_loader.h"

namespace ps::scenes {

namespace {

// The deepest nesting of arrays and objects, counted outside strings; stops
// counting once past `limit` so that the answer is cheap for hostile input.
int nestingDepth(const std::string& text, int limit) {
  int depth = 0, deepest = 0;
  bool inString = false, escaped = false;
  for (char c : text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') inString = false;
      continue;
    }
    if (c == '"') inString = true;
    else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if (c == ']' || c == '}') --depth;
  }
  return deepest;
}

}  // namespace

bool parseJsonText(const std::string& text, Json& out, std::vector<Problem>& problems) {
  if (nestingDepth(text, kMaxJsonDepth) > kMaxJsonDepth) {
    problems.push_back({"", "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels; no shot needs that"});
    return false;
  }
  // nlohmann reads a NUL byte as the end of the input, so a document with anything after
  // a NUL would pass as the part before it. JSON text never holds one (a string spells
  // it \u0000).
  if (const std::size_t nul = text.find('\0'); nul != std::string::npos) {
    problems.push_back({"", "not valid JSON: a NUL byte at offset " + std::to_string(nul) +
                                " (JSON text has none; is something appended to the document?)"});
    return false;
  }
  try {
    out = Json::parse(text);
  } catch (const Json::exception& e) {
    // nlohmann's message carries the line and column.
    problems.push_back({"", std::string("not valid JSON: ") + e.what()});
    return false;
  }
  return true;
}

std::string formatNumber(double v) {
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

}  // namespace ps::scenes
