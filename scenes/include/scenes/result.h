#pragma once
// Result<T>: the outcome of a step that can fail for a reason the user can fix
// (a file that does not open, a manifest field that is wrong). Programming errors
// and API failures that are not the user's to fix throw instead.
#include <string>
#include <utility>
#include <variant>

namespace ps {

// One problem, phrased for the person who has to fix it.
struct Error {
  std::string where;  // file, file#/json/pointer, file@frame N, or the API call
  std::string what;   // what went wrong, a sentence without trailing period
  std::string hint;   // what to do about it; may be empty

  // "where: what (hint)" on one line.
  std::string message() const {
    std::string m = where.empty() ? what : where + ": " + what;
    if (!hint.empty()) m += " (" + hint + ")";
    return m;
  }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}            // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}        // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// For steps that produce nothing but can fail.
struct Done {};
using Status = Result<Done>;
inline Status ok() { return Done{}; }

}  // namespace ps
