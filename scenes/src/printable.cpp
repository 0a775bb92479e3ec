#include "scenes/printable.h"

#include <algorithm>
#include <cstdio>

namespace ps::scenes {

namespace {

// The code point of the well-formed UTF-8 sequence at text[i] and its length in
// bytes; 0 when the bytes there are not one (overlong, surrogate, cut short, stray).
std::size_t decodeUtf8(std::string_view text, std::size_t i, char32_t& cp) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80) {
    cp = lead;
    return 1;
  }
  std::size_t n = 0;
  char32_t least = 0;
  if ((lead & 0xE0) == 0xC0) n = 2, cp = lead & 0x1F, least = 0x80;
  else if ((lead & 0xF0) == 0xE0) n = 3, cp = lead & 0x0F, least = 0x800;
  else if ((lead & 0xF8) == 0xF0) n = 4, cp = lead & 0x07, least = 0x10000;
  else return 0;
  if (text.size() - i < n) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < least || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// Characters that move the cursor, end the line, or reorder what a terminal shows.
bool invisible(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)  // C0, DEL, C1
         || cp == 0x2028 || cp == 0x2029                          // line and paragraph separators
         || cp == 0x061C || cp == 0x200E || cp == 0x200F          // direction marks
         || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);  // bidi overrides
}

void appendHex(std::string& out, const char* format, unsigned value) {
  char buf[16];
  const int n = std::snprintf(buf, sizeof buf, format, value);
  out.append(buf, static_cast<std::size_t>(n));
}

// Escapes `text` into `out`, at most `limit` characters of it; returns whether all of it fit.
bool escapeInto(std::string& out, std::string_view text, std::size_t limit, bool quoting) {
  std::size_t i = 0;
  for (std::size_t shown = 0; i < text.size() && shown < limit; ++shown) {
    char32_t cp = 0;
    const std::size_t n = decodeUtf8(text, i, cp);
    if (n == 0) {
      appendHex(out, "\\x%02X", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (cp == '\n') out += "\\n";
    else if (cp == '\r') out += "\\r";
    else if (cp == '\t') out += "\\t";
    else if (cp < 0x80 && invisible(cp)) appendHex(out, "\\x%02X", static_cast<unsigned>(cp));
    else if (invisible(cp)) appendHex(out, "\\u%04X", static_cast<unsigned>(cp));
    else if (quoting && (cp == '"' || cp == '\\')) (out += '\\') += static_cast<char>(cp);
    else out.append(text.substr(i, n));
    i += n;
  }
  return i == text.size();
}

std::string lengthNote(std::size_t bytes) { return " (" + std::to_string(bytes) + " bytes)"; }

}  // namespace

std::string quote(std::string_view value, std::size_t limit) {
  std::string out = "\"";
  out.reserve(std::min(value.size(), limit) + 2);
  const bool whole = escapeInto(out, value, limit, true);
  if (whole) return out + "\"";
  return out + "\u2026\"" + lengthNote(value.size());
}

std::string printable(std::string_view text, std::size_t limit) {
  std::string out;
  out.reserve(std::min(text.size(), limit));
  if (escapeInto(out, text, limit, false)) return out;
  return out + "\u2026" + lengthNote(text.size());
}

}  // namespace ps::scenes
