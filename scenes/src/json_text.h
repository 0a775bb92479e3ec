#pragma once
// Internal: turning untrusted text into a JSON document without throwing, and
// without letting deep nesting reach anything recursive.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scenes/problem.h"

namespace ps::scenes {

// ordered_json keeps the key order as written, so a save changes only what was edited.
using Json = nlohmann::ordered_json;

// Parses `text` into `out`; on failure appends one whole-document problem and returns false.
bool parseJsonText(const std::string& text, Json& out, std::vector<Problem>& problems);

// The shortest text that reads back as exactly `v` ("2.39", "10", "1e+300").
std::string formatNumber(double v);

}  // namespace ps::scenes
