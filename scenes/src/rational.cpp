#include "scenes/rational.h"

#include <charconv>

namespace ps {

namespace {
std::optional<std::int64_t> parsePositive(std::string_view s) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}
}  // namespace

std::optional<Rational> parseRational(std::string_view s) {
  const auto slash = s.find('/');
  const auto num = parsePositive(s.substr(0, slash));
  if (!num) return std::nullopt;
  if (slash == std::string_view::npos) return Rational{*num, 1};
  const auto den = parsePositive(s.substr(slash + 1));
  if (!den) return std::nullopt;
  return Rational{*num, *den};
}

}  // namespace ps
