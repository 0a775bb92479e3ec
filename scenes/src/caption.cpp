#include "scenes/caption.h"

#include <cctype>
#include <optional>
#include <string_view>

namespace ps::scenes {

namespace {

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Up to 9 digits, so that the value cannot overflow.
std::optional<long> digits(std::string_view s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// [HH:]MM:SS(.|,)mmm, the forms WebVTT and SubRip write.
std::optional<double> timestamp(std::string_view s) {
  const auto frac = s.find_first_of(".,");
  if (frac == std::string_view::npos || s.size() - frac - 1 != 3) return std::nullopt;
  const auto millis = digits(s.substr(frac + 1));
  std::string_view hms = s.substr(0, frac);
  long fields[3] = {0, 0, 0};
  int count = 0;
  while (!hms.empty()) {
    if (count == 3) return std::nullopt;
    const auto colon = hms.rfind(':');
    const std::string_view part = colon == std::string_view::npos ? hms : hms.substr(colon + 1);
    const auto v = digits(part);
    if (!v) return std::nullopt;
    fields[count++] = *v;
    hms = colon == std::string_view::npos ? std::string_view{} : hms.substr(0, colon);
    if (colon != std::string_view::npos && hms.empty()) return std::nullopt;
  }
  if (!millis || count < 2 || fields[0] > 59 || fields[1] > 59) return std::nullopt;
  return static_cast<double>(fields[2]) * 3600.0 + static_cast<double>(fields[1]) * 60.0 +
         static_cast<double>(fields[0]) + static_cast<double>(*millis) / 1000.0;
}

class Reader {
 public:
  Reader(CaptionFormat format, CaptionParse& out) : format_(format), out_(out) {}

  void read(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    const auto lines = splitLines(text);
    std::size_t i = 0;
    if (format_ == CaptionFormat::WebVtt) {
      const std::string_view first = lines.empty() ? std::string_view{} : lines[0];
      if (!first.starts_with("WEBVTT") || (first.size() > 6 && first[6] != ' ' && first[6] != '\t'))
        problem(1, "a WebVTT file must start with the line \"WEBVTT\"");
      // The header block runs to the first blank line.
      while (i < lines.size() && !trim(lines[i]).empty()) ++i;
    }
    while (i < lines.size()) {
      if (trim(lines[i]).empty()) {
        ++i;
        continue;
      }
      const std::size_t begin = i;
      while (i < lines.size() && !trim(lines[i]).empty()) ++i;
      block(lines, begin, i);
    }
  }

 private:
  void problem(std::size_t line, std::string message) { out_.problems.push_back({static_cast<int>(line), std::move(message)}); }

  void block(const std::vector<std::string_view>& lines, std::size_t begin, std::size_t end) {
    const std::string_view head = lines[begin];
    if (format_ == CaptionFormat::WebVtt &&
        (head.starts_with("NOTE") || head.starts_with("STYLE") || head.starts_with("REGION")))
      return;
    std::size_t timing = begin;
    // One line may come before the timing: a WebVTT cue identifier or the SubRip cue number.
    if (lines[timing].find("-->") == std::string_view::npos && timing + 1 < end) ++timing;
    const std::string_view line = lines[timing];
    const auto arrow = line.find("-->");
    if (arrow == std::string_view::npos) {
      problem(timing + 1, "expected a cue timing line such as \"00:00:01.000 --> 00:00:04.000\"");
      return;
    }
    const std::string_view afterArrow = trim(line.substr(arrow + 3));
    // WebVTT allows cue settings after the end time.
    const std::string_view endText = afterArrow.substr(0, afterArrow.find_first_of(" \t"));
    const auto start = timestamp(trim(line.substr(0, arrow)));
    const auto stop = timestamp(endText);
    if (!start || !stop) {
      problem(timing + 1, "cue times must read [HH:]MM:SS.mmm (or ,mmm in SubRip)");
      return;
    }
    if (*stop <= *start) {
      problem(timing + 1, "the cue ends before it starts");
      return;
    }
    CaptionCue cue{*start, *stop, {}};
    for (std::size_t k = timing + 1; k < end; ++k) {
      if (!cue.text.empty()) cue.text += '\n';
      cue.text += lines[k];
    }
    out_.cues.push_back(std::move(cue));
  }

  CaptionFormat format_;
  CaptionParse& out_;
};

}  // namespace

CaptionParse parseCaptions(const std::string& text, CaptionFormat format) {
  CaptionParse out;
  Reader(format, out).read(text);
  return out;
}

bool captionFormatFromPath(const std::filesystem::path& path, CaptionFormat& format) {
  const auto ext = path.extension();
  if (ext == ".vtt") format = CaptionFormat::WebVtt;
  else if (ext == ".srt") format = CaptionFormat::Srt;
  else return false;
  return true;
}

std::vector<const CaptionCue*> cuesAt(const std::vector<CaptionCue>& cues, double t) {
  std::vector<const CaptionCue*> out;
  for (const auto& c : cues)
    if (t >= c.start && t < c.end) out.push_back(&c);
  return out;
}

}  // namespace ps::scenes
