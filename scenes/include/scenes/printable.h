#pragma once
// Text from a file or a user made safe to print in a one-line diagnostic: a key or a
// value can neither break the line (and so forge a second diagnostic), nor move the
// terminal's cursor, nor flood the output. Every diagnostic goes through these.
#include <cstddef>
#include <string>
#include <string_view>

namespace ps::scenes {

// How much of a value a message shows; longer ones are cut and their length given.
inline constexpr std::size_t kQuotedLimit = 120;
// How much of a whole field of a diagnostic line (a path, a pointer, a message) shows.
inline constexpr std::size_t kPrintableLimit = 1000;

// A value in double quotes for a message: `"`, `\`, control characters (C0, DEL, C1),
// line and paragraph separators and bidirectional overrides are escaped (\n, \t, \x1b,
// \u0085), invalid UTF-8 bytes as \xNN; past `limit` characters the value is cut with
// "…" and its length follows: "aaaa…" (52428800 bytes).
std::string quote(std::string_view value, std::size_t limit = kQuotedLimit);

// The same escaping and cutting without quotes, and leaving `"` and `\` as they are, so
// that a message already built with quote() values reads unchanged: for whole fields
// of a diagnostic (file paths, JSON pointers, messages) at the moment they are printed.
std::string printable(std::string_view text, std::size_t limit = kPrintableLimit);

}  // namespace ps::scenes
