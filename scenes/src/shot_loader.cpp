#include "scenes/shot_loader.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "scenes/printable.h"
#include "shot_reader.h"

namespace ps::scenes {

namespace fs = std::filesystem;

fs::path resolveInside(const fs::path& root, const std::string& relative, std::string& why) {
  if (relative.empty()) {
    why = "expected a path relative to the package folder, found an empty string";
    return {};
  }
  if (relative.find('\0') != std::string::npos) {
    why = "a path must not contain a NUL character";
    return {};
  }
  const fs::path rel(relative);
  if (rel.is_absolute()) {
    why = quote(relative) + " is absolute; paths must be relative to the package folder";
    return {};
  }
  for (const auto& part : rel)
    if (part == "..") {
      why = quote(relative) + " climbs out with \"..\"; paths must stay inside the package folder";
      return {};
    }
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(root, ec);
  const fs::path full = ec ? fs::path() : fs::weakly_canonical(root / rel, ec);
  if (ec) {
    why = quote(relative) + " cannot be resolved: " + ec.message();
    return {};
  }
  // A symlink inside the package may still point outside it: compare resolved paths.
  auto [b, f] = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
  if (b != base.end()) {
    why = quote(relative) + " resolves to " + quote(full.string()) + ", outside the package folder";
    return {};
  }
  return full;
}

ShotParse readShot(const Json& doc, const fs::path& file) {
  ShotParse out;
  out.shot.file = file;
  out.shot.root = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  if (!doc.is_object()) {
    out.problems.push_back({"", "expected a JSON object at the top level"});
    return out;
  }
  JsonReader r(out.problems, out.shot.root);
  r.unknownMembers(doc, "", {"$schema", "format", "title", "film", "director", "media", "timeline", "markers", "camera",
                         "origin", "blocking"});
  if (auto format = r.string(doc, "", "format", true)) {
    out.shot.format = *format;
    if (*format != kShotFormat)
      r.error("/format", "unsupported format " + quote(*format) + " (this build reads " + quote(kShotFormat) + ")");
  }
  out.shot.title = r.string(doc, "", "title", false).value_or("");
  out.shot.film = r.string(doc, "", "film", false).value_or("");
  out.shot.director = r.string(doc, "", "director", false).value_or("");
  IdSet ids;
  readMedia(r, doc, out.shot.media, ids);
  if (auto origin = readPoint(r, doc, "", "origin")) out.shot.origin = *origin;
  readTimeline(r, doc, out.shot.timeline);
  for (const MediaRef& m : out.shot.media)
    if (out.shot.timeline.out && m.startSeconds >= *out.shot.timeline.out)
      r.warning(m.pointer + "/start", formatNumber(m.startSeconds) + " s is not before the timeline's out (" +
                                         formatNumber(*out.shot.timeline.out) + " s); the layer never shows");
  readMarkers(r, doc, out.shot.timeline, out.shot.markers, ids);
  readCamera(r, doc, out.shot.timeline, out.shot.camera);
  readBlocking(r, doc, out.shot.timeline, out.shot.blocking, ids);
  return out;
}

ShotParse parseShot(const std::string& text, const fs::path& file) {
  Json doc;
  std::vector<Problem> problems;
  if (!parseJsonText(text, doc, problems)) {
    ShotParse out;
    out.shot.file = file;
    out.shot.root = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    out.problems = std::move(problems);
    return out;
  }
  return readShot(doc, file);
}

fs::path shotFile(const fs::path& packageOrFile) {
  std::error_code ec;
  return fs::is_directory(packageOrFile, ec) ? packageOrFile / "shot.json" : packageOrFile;
}

Result<Shot> loadShot(const fs::path& packageOrFile) {
  const fs::path file = shotFile(packageOrFile);
  auto text = readTextFile(file);
  if (!text) {
    // The reader's sentence says why (missing, a FIFO, too large); the hint what a package is.
    const Error& e = text.error();
    return Error{printable(e.where), "cannot read the shot manifest: " + e.what,
                 file != packageOrFile || e.hint.empty() ? "is this a shot package folder?" : e.hint};
  }
  ShotParse p = parseShot(text.value(), file);
  std::vector<const Problem*> errors;
  for (const auto& pr : p.problems) {
    if (pr.severity == Severity::Error) errors.push_back(&pr);
    else spdlog::warn("{}", diagnosticLine(file.string(), pr));
  }
  if (!errors.empty()) {
    std::string hint;
    if (errors.size() > 1)
      hint = std::to_string(errors.size() - 1) + " more error(s); perfectshot lint lists them all";
    return Error{diagnosticPlace(file.string(), errors.front()->pointer), printable(errors.front()->message), hint};
  }
  return std::move(p.shot);
}

}  // namespace ps::scenes
