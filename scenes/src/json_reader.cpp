#include "json_reader.h"

#include <sys/stat.h>

#include <cmath>

#include "scenes/printable.h"
#include "scenes/shot_loader.h"
#include "scenes/text_file.h"

namespace ps::scenes {

namespace fs = std::filesystem;

std::string child(const std::string& pointer, const std::string& key) { return pointer + "/" + pointerToken(key); }
std::string child(const std::string& pointer, std::size_t index) { return pointer + "/" + std::to_string(index); }

JsonReader::JsonReader(std::vector<Problem>& problems, fs::path root) : problems_(problems), root_(std::move(root)) {}

void JsonReader::error(const std::string& pointer, std::string message) { report(pointer, std::move(message), Severity::Error); }

void JsonReader::warning(const std::string& pointer, std::string message) {
  report(pointer, std::move(message), Severity::Warning);
}

void JsonReader::report(const std::string& pointer, std::string message, Severity severity) {
  problems_.push_back({pointer, std::move(message), severity});
}

const Json* JsonReader::member(const Json& obj, const std::string& pointer, const char* key, bool required) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) error(pointer, "missing required field " + quote(key));
    return nullptr;
  }
  return &*it;
}

const Json* JsonReader::typed(const Json& obj, const std::string& pointer, const char* key, bool required,
                              const char* expected, bool (Json::*is)() const noexcept) {
  const Json* v = member(obj, pointer, key, required);
  if (v && !(v->*is)()) {
    error(child(pointer, key), std::string("expected ") + expected + ", found " + v->type_name());
    return nullptr;
  }
  return v;
}

const Json* JsonReader::object(const Json& obj, const std::string& pointer, const char* key, bool required,
                               const char* expected) {
  return typed(obj, pointer, key, required, expected, &Json::is_object);
}

const Json* JsonReader::array(const Json& obj, const std::string& pointer, const char* key, bool required,
                              const char* expected) {
  return typed(obj, pointer, key, required, expected, &Json::is_array);
}

std::optional<std::string> JsonReader::string(const Json& obj, const std::string& pointer, const char* key,
                                              bool required) {
  const Json* v = member(obj, pointer, key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    error(child(pointer, key), std::string("expected a string, found ") + v->type_name());
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<double> JsonReader::number(const Json& obj, const std::string& pointer, const char* key, bool required,
                                         double lo, double hi, const char* what) {
  const Json* v = member(obj, pointer, key, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    error(child(pointer, key), std::string("expected ") + what + ", found " + v->type_name());
    return std::nullopt;
  }
  const double d = v->get<double>();
  if (!std::isfinite(d)) {
    error(child(pointer, key), std::string("expected ") + what + ", found a number too large to represent");
    return std::nullopt;
  }
  if (d < lo || d > hi) {
    error(child(pointer, key), std::string("expected ") + what + " in [" + formatNumber(lo) + ", " + formatNumber(hi) +
                                   "], found " + formatNumber(d));
    return std::nullopt;
  }
  return d;
}

std::optional<double> JsonReader::positive(const Json& obj, const std::string& pointer, const char* key, bool required,
                                           const char* what) {
  auto v = number(obj, pointer, key, required, -1e300, 1e300, what);
  if (v && *v <= 0) {
    error(child(pointer, key), std::string("expected ") + what + " greater than 0, found " + formatNumber(*v));
    return std::nullopt;
  }
  return v;
}

fs::path JsonReader::file(const Json& obj, const std::string& pointer, const char* key, bool required,
                          std::string* written) {
  std::string src;
  fs::path path = existing(obj, pointer, key, required, &src);
  if (written) *written = src;
  if (path.empty()) return {};
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0)
    if (std::string what = notRegularFile(st.st_mode); !what.empty()) {
      error(child(pointer, key), quote(src) + " " + what);
      return {};
    }
  return path;
}

fs::path JsonReader::existing(const Json& obj, const std::string& pointer, const char* key, bool required,
                              std::string* written) {
  auto src = string(obj, pointer, key, required);
  if (!src) return {};
  if (written) *written = *src;
  std::string why;
  fs::path path = resolveInside(root_, *src, why);
  if (path.empty()) {
    error(child(pointer, key), why);
    return {};
  }
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    error(child(pointer, key), quote(*src) + " does not exist in the package folder");
    return {};
  }
  return path;
}

void JsonReader::unknownMembers(const Json& obj, const std::string& pointer, std::initializer_list<const char*> known) {
  for (const auto& [key, value] : obj.items()) {
    if (key.starts_with("x-")) continue;
    bool found = false;
    for (const char* k : known) found = found || key == k;
    if (!found) warning(child(pointer, key), "unknown field " + quote(key) + "; it is kept but PerfectShot ignores it");
  }
}

}  // namespace ps::scenes
