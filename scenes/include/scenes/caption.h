#pragma once
// Captions for a narration clip: the cues of a WebVTT (.vtt) or SubRip (.srt) file.
#include <filesystem>
#include <string>
#include <vector>

namespace ps::scenes {

struct CaptionCue {
  double start = 0;  // seconds from the start of the narration clip
  double end = 0;    // seconds, > start
  std::string text;  // lines joined with '\n'; markup such as <i> is kept as written
  friend bool operator==(const CaptionCue&, const CaptionCue&) = default;
};

enum class CaptionFormat { WebVtt, Srt };

struct CaptionProblem {
  int line = 0;  // 1-based line of the caption file, 0 for the whole file
  std::string message;
};

struct CaptionParse {
  std::vector<CaptionCue> cues;
  std::vector<CaptionProblem> problems;  // empty when every cue was read
};

// Parses the text of a caption file; never throws, reports every bad cue and keeps the good ones.
CaptionParse parseCaptions(const std::string& text, CaptionFormat format);

// ".vtt" -> WebVtt, ".srt" -> Srt; false for anything else.
bool captionFormatFromPath(const std::filesystem::path& path, CaptionFormat& format);

// The cues showing at clip time t, in file order.
std::vector<const CaptionCue*> cuesAt(const std::vector<CaptionCue>& cues, double t);

}  // namespace ps::scenes
