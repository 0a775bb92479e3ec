#include "scenes/shot_loader.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace ps::scenes {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Walks the document, recording problems instead of stopping at the first one.
class Reader {
 public:
  Reader(ShotParse& out, fs::path root) : out_(out), root_(std::move(root)) {}

  void problem(const std::string& pointer, std::string message) {
    out_.problems.push_back({pointer, std::move(message)});
  }

  const json* member(const json& obj, const std::string& ptr, const char* key, bool required) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) problem(ptr, std::string("missing required field \"") + key + "\"");
      return nullptr;
    }
    return &*it;
  }

  std::optional<std::string> string(const json& obj, const std::string& ptr, const char* key, bool required) {
    const json* v = member(obj, ptr, key, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
      problem(ptr + "/" + key, std::string("expected a string, found ") + v->type_name());
      return std::nullopt;
    }
    return v->get<std::string>();
  }

  std::optional<double> number(const json& obj, const std::string& ptr, const char* key, bool required) {
    const json* v = member(obj, ptr, key, required);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
      problem(ptr + "/" + key, std::string("expected a number, found ") + v->type_name());
      return std::nullopt;
    }
    return v->get<double>();
  }

  void readMedia(const json& doc) {
    const json* list = member(doc, "", "media", true);
    if (!list) return;
    if (!list->is_array() || list->empty()) {
      problem("/media", "expected a non-empty array of media entries");
      return;
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& e = (*list)[i];
      const std::string ptr = "/media/" + std::to_string(i);
      if (!e.is_object()) {
        problem(ptr, "expected an object with id, kind and src");
        continue;
      }
      MediaRef m;
      m.id = string(e, ptr, "id", true).value_or("");
      if (!m.id.empty() && !ids.insert(m.id).second) problem(ptr + "/id", "duplicate media id \"" + m.id + "\"");
      if (auto kind = string(e, ptr, "kind", true)) {
        if (*kind == "equirect") m.kind = MediaKind::Equirect;
        else if (*kind == "gltf") m.kind = MediaKind::Gltf;
        else problem(ptr + "/kind", "unknown media kind \"" + *kind + "\" (expected \"equirect\" or \"gltf\")");
      }
      if (auto src = string(e, ptr, "src", true)) {
        m.src = *src;
        std::string why;
        m.path = resolveInside(root_, *src, why);
        if (m.path.empty()) problem(ptr + "/src", why);
      }
      if (auto p = string(e, ptr, "projection", false)) {
        m.projection = parseProjection(*p);
        if (!m.projection) problem(ptr + "/projection", "unknown projection \"" + *p + "\" (expected \"360\" or \"180\")");
      }
      if (auto s = string(e, ptr, "stereo", false)) {
        m.stereo = parseStereoLayout(*s);
        if (!m.stereo)
          problem(ptr + "/stereo", "unknown stereo layout \"" + *s + "\" (expected \"mono\", \"top-bottom\" or \"left-right\")");
      }
      if (auto yaw = number(e, ptr, "yaw_offset_deg", false)) {
        if (*yaw < -180 || *yaw > 180) problem(ptr + "/yaw_offset_deg", "expected degrees in [-180, 180]");
        else m.yawOffsetDeg = *yaw;
      }
      out_.shot.media.push_back(std::move(m));
    }
  }

  void readTimeline(const json& doc) {
    const json* tl = member(doc, "", "timeline", false);
    if (!tl) return;
    if (!tl->is_object()) {
      problem("/timeline", "expected an object with fps, in and out");
      return;
    }
    Timeline& t = out_.shot.timeline;
    if (const json* fps = member(*tl, "/timeline", "fps", false)) {
      std::optional<Rational> r;
      if (fps->is_string()) r = parseRational(fps->get<std::string>());
      else if (fps->is_number_integer() && fps->get<long long>() > 0) r = Rational{fps->get<long long>(), 1};
      if (r) t.fps = *r;
      else problem("/timeline/fps", "expected a frame rate like \"24000/1001\" or 30");
    }
    if (auto in = number(*tl, "/timeline", "in", false)) {
      if (*in < 0) problem("/timeline/in", "expected seconds >= 0");
      else t.in = *in;
    }
    if (auto out = number(*tl, "/timeline", "out", false)) {
      if (*out <= t.in) problem("/timeline/out", "expected seconds after \"in\" (" + std::to_string(t.in) + ")");
      else t.out = *out;
    }
    if (const json* chapters = member(*tl, "/timeline", "chapters", false)) {
      if (!chapters->is_array()) {
        problem("/timeline/chapters", "expected an array of {t, title}");
        return;
      }
      for (std::size_t i = 0; i < chapters->size(); ++i) {
        const std::string ptr = "/timeline/chapters/" + std::to_string(i);
        const json& c = (*chapters)[i];
        if (!c.is_object()) {
          problem(ptr, "expected an object {t, title}");
          continue;
        }
        Chapter ch;
        ch.t = number(c, ptr, "t", true).value_or(0);
        ch.title = string(c, ptr, "title", true).value_or("");
        if (ch.t < t.in || (t.out && ch.t > *t.out)) problem(ptr + "/t", "chapter time is outside the timeline's in..out");
        t.chapters.push_back(std::move(ch));
      }
    }
  }

 private:
  ShotParse& out_;
  fs::path root_;
};

}  // namespace

fs::path resolveInside(const fs::path& root, const std::string& relative, std::string& why) {
  const fs::path rel(relative);
  if (relative.empty()) {
    why = "expected a path relative to the package folder, found an empty string";
    return {};
  }
  if (rel.is_absolute()) {
    why = "\"" + relative + "\" is absolute; paths must be relative to the package folder";
    return {};
  }
  for (const auto& part : rel)
    if (part == "..") {
      why = "\"" + relative + "\" climbs out with \"..\"; paths must stay inside the package folder";
      return {};
    }
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(root, ec);
  const fs::path full = fs::weakly_canonical(root / rel, ec);
  if (ec) {
    why = "\"" + relative + "\" cannot be resolved: " + ec.message();
    return {};
  }
  // A symlink inside the package may still point outside it: compare resolved paths.
  auto [b, f] = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
  if (b != base.end()) {
    why = "\"" + relative + "\" resolves to " + full.string() + ", outside the package folder";
    return {};
  }
  return full;
}

ShotParse parseShot(const std::string& text, const fs::path& file) {
  ShotParse out;
  out.shot.file = file;
  out.shot.root = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    // nlohmann's message carries the line and column.
    out.problems.push_back({"", std::string("not valid JSON: ") + e.what()});
    return out;
  }
  if (!doc.is_object()) {
    out.problems.push_back({"", "expected a JSON object at the top level"});
    return out;
  }
  Reader r(out, out.shot.root);
  if (auto format = r.string(doc, "", "format", true)) {
    out.shot.format = *format;
    if (*format != kShotFormat)
      r.problem("/format", "unsupported format \"" + *format + "\" (this build reads \"" + kShotFormat + "\")");
  }
  out.shot.title = r.string(doc, "", "title", false).value_or("");
  out.shot.film = r.string(doc, "", "film", false).value_or("");
  out.shot.director = r.string(doc, "", "director", false).value_or("");
  r.readMedia(doc);
  r.readTimeline(doc);
  return out;
}

Result<Shot> loadShot(const fs::path& packageOrFile) {
  const fs::path file = fs::is_directory(packageOrFile) ? packageOrFile / "shot.json" : packageOrFile;
  std::ifstream in(file);
  if (!in) return Error{file.string(), "cannot open the shot manifest", "is this a shot package folder?"};
  std::stringstream text;
  text << in.rdbuf();
  ShotParse p = parseShot(text.str(), file);
  if (!p.ok()) {
    const auto& first = p.problems.front();
    std::string hint;
    if (p.problems.size() > 1)
      hint = std::to_string(p.problems.size() - 1) + " more problem(s); perfectshot lint lists them all";
    return Error{file.string() + "#" + first.pointer, first.message, hint};
  }
  return std::move(p.shot);
}

}  // namespace ps::scenes
