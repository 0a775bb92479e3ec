#pragma once
// A problem found in a document (shot.json, a playlist, a caption file): where it
// is as a JSON pointer, and a sentence for the person who has to fix it.
#include <string>
#include <vector>

namespace ps::scenes {

// Error: the document cannot be played as written. Warning: it can, but something
// is probably not what its author meant (an unknown field, a misspelt key).
enum class Severity { Error, Warning };

struct Problem {
  std::string pointer;  // RFC 6901 pointer into the document, "" for the whole document
  std::string message;  // a sentence without a trailing period
  Severity severity = Severity::Error;
};

const char* toString(Severity s);  // "error", "warning"
bool hasErrors(const std::vector<Problem>& problems);
std::size_t countErrors(const std::vector<Problem>& problems);

// The line a diagnostic prints: "file#/json/pointer: error: sentence" ("file: ..." for
// the whole document), each part through printable(), so whatever the document holds
// stays on this one line and within a bounded length.
std::string diagnosticLine(const std::string& file, const Problem& p);
// Without the file, as a panel lists a document's problems: "/json/pointer: sentence"
// (the sentence alone for the whole document), escaped and bounded as diagnosticLine().
std::string problemText(const Problem& p);
// Its place alone, "file#/json/pointer" ("file" for the whole document), for an Error's where.
std::string diagnosticPlace(const std::string& file, const std::string& pointer);

// Escapes a key for use as one reference token of a JSON pointer ("~" -> "~0", "/" -> "~1").
std::string pointerToken(const std::string& key);

}  // namespace ps::scenes
