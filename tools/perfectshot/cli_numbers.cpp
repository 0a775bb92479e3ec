#include "cli_numbers.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "scenes/printable.h"

namespace ps::tools {

namespace {

// The whole text as a finite double, or NaN when it is not one.
double finiteNumber(const std::string& text) {
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nan("");
  return v;
}

std::string number(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (s.ends_with('.')) s.pop_back();
  return s;
}

CLI::Validator finiteValidator(double lo, double hi, bool openLow, std::string expected) {
  return CLI::Validator(
      [lo, hi, openLow, expected](std::string& text) -> std::string {
        const double v = finiteNumber(text);
        if (std::isnan(v)) return "expected a finite number, found " + scenes::quote(text);
        if ((openLow ? v <= lo : v < lo) || v > hi) return "expected " + expected + ", found " + scenes::quote(text);
        return {};
      },
      expected);
}

}  // namespace

CLI::Validator finiteIn(double lo, double hi) {
  return finiteValidator(lo, hi, false, "a number in [" + number(lo) + ", " + number(hi) + "]");
}

CLI::Validator finitePositive(double hi) {
  return finiteValidator(0, hi, true, "a number greater than 0 and at most " + number(hi));
}

Result<PictureSize> parsePictureSize(const std::string& text, std::uint32_t lo, std::uint32_t hi,
                                     const std::string& option) {
  const Error bad{option,
                  "expected WIDTHxHEIGHT between " + std::to_string(lo) + " and " + std::to_string(hi) + ", found " +
                      scenes::quote(text),
                  ""};
  const std::size_t x = text.find('x');
  if (x == std::string::npos) return bad;
  const auto side = [&](std::string_view s, std::uint32_t& out) {
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && ec == std::errc() && ptr == s.data() + s.size() && out >= lo && out <= hi;
  };
  PictureSize size;
  const std::string_view all(text);
  if (!side(all.substr(0, x), size.width) || !side(all.substr(x + 1), size.height)) return bad;
  return size;
}

Result<std::array<double, 3>> parseTriple(const std::string& text, double limit, const std::string& option) {
  const Error bad{option, "expected X,Y,Z with each a number between " + fmt::format("{}", -limit) + " and " +
                              fmt::format("{}", limit) + ", found " + scenes::quote(text),
                  ""};
  std::array<double, 3> out{};
  std::string_view rest(text);
  for (std::size_t i = 0; i < 3; ++i) {
    const std::size_t comma = rest.find(',');
    if ((i < 2) == (comma == std::string_view::npos)) return bad;
    const std::string_view part = rest.substr(0, comma);
    // from_chars takes "nan" and "inf" too; they are refused by the range check below.
    const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), out[i]);
    if (part.empty() || ec != std::errc() || ptr != part.data() + part.size() || !std::isfinite(out[i]) ||
        std::abs(out[i]) > limit)
      return bad;
    rest = i < 2 ? rest.substr(comma + 1) : std::string_view();
  }
  return out;
}

}  // namespace ps::tools
