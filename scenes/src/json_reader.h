#pragma once
// Internal: reads typed values out of a JSON document, recording a problem with
// its pointer for everything that is missing, mistyped or out of range, and
// carrying on, so that one pass reports every problem.
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "json_text.h"
#include "scenes/problem.h"

namespace ps::scenes {

class JsonReader {
 public:
  // Paths in the document resolve inside `root`.
  JsonReader(std::vector<Problem>& problems, std::filesystem::path root);

  void error(const std::string& pointer, std::string message);
  void warning(const std::string& pointer, std::string message);
  void report(const std::string& pointer, std::string message, Severity severity);

  // The member `key` of `obj` (at `pointer`), or nullptr; a missing required member is an error.
  const Json* member(const Json& obj, const std::string& pointer, const char* key, bool required);
  // The member if it is an object (an array); a member of another type is an error saying `expected`.
  const Json* object(const Json& obj, const std::string& pointer, const char* key, bool required, const char* expected);
  const Json* array(const Json& obj, const std::string& pointer, const char* key, bool required, const char* expected);
  std::optional<std::string> string(const Json& obj, const std::string& pointer, const char* key, bool required);
  // A finite number in [lo, hi]; `what` names it in the message ("degrees", "seconds").
  std::optional<double> number(const Json& obj, const std::string& pointer, const char* key, bool required,
                               double lo = -1e300, double hi = 1e300, const char* what = "a number");
  // A number > 0.
  std::optional<double> positive(const Json& obj, const std::string& pointer, const char* key, bool required,
                                 const char* what);
  // A package-relative path to an existing regular file (a folder, "." or a device is an
  // error); empty when absent or bad.
  std::filesystem::path file(const Json& obj, const std::string& pointer, const char* key, bool required,
                             std::string* written = nullptr);
  // The same for a path that may also be a folder (a playlist's shot package).
  std::filesystem::path existing(const Json& obj, const std::string& pointer, const char* key, bool required,
                                 std::string* written = nullptr);

  // Warns about members not in `known`; names starting with "x-" are for other tools and pass.
  void unknownMembers(const Json& obj, const std::string& pointer, std::initializer_list<const char*> known);

  const std::filesystem::path& root() const { return root_; }

  // Calls each(element, elementPointer) for the elements of `list` that are objects;
  // any other element is an error saying `expected`.
  template <typename Each>
  void eachObject(const Json& list, const std::string& pointer, const char* expected, Each each) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string at = pointer + "/" + std::to_string(i);
      if (list[i].is_object()) each(list[i], at);
      else error(at, std::string("expected ") + expected);
    }
  }

 private:
  const Json* typed(const Json& obj, const std::string& pointer, const char* key, bool required, const char* expected,
                    bool (Json::*is)() const noexcept);

  std::vector<Problem>& problems_;
  std::filesystem::path root_;
};

// pointer + "/" + escaped key.
std::string child(const std::string& pointer, const std::string& key);
std::string child(const std::string& pointer, std::size_t index);

}  // namespace ps::scenes
