#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace ps {

// An exact ratio, for frame rates and time bases ("24000/1001", "30").
struct Rational {
  std::int64_t num = 0;
  std::int64_t den = 1;
  double toDouble() const { return den != 0 ? static_cast<double>(num) / static_cast<double>(den) : 0.0; }
  bool valid() const { return num != 0 && den != 0; }
  friend bool operator==(const Rational&, const Rational&) = default;
};

// Parses "N/D" or "N" with N, D > 0.
std::optional<Rational> parseRational(std::string_view s);

}  // namespace ps
