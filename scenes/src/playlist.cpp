#include "scenes/playlist.h"

#include "json_reader.h"
#include "playlist_links.h"
#include "scenes/printable.h"
#include "scenes/shot_loader.h"

namespace ps::scenes {

namespace fs = std::filesystem;

namespace {

// A playlist names shot packages only: one that names a playlist (itself, one that
// leads back to it, or any other) is refused, so nothing that follows a playlist's
// items can loop.
bool namesAPlaylist(JsonReader& r, PlaylistLinks& links, const std::string& ptr, const PlaylistShot& item,
                    const fs::path& self) {
  const fs::path me = canonicalOr(self);
  const fs::path named = canonicalOr(item.path);
  if (named == me) {
    r.error(ptr + "/shot", quote(item.src) + " is this playlist itself (" + chainText(self, {me}) +
                               "); a playlist may only name shot packages");
    return true;
  }
  if (!links.isPlaylist(named)) return false;
  const std::vector<fs::path> chain = links.chainBack(named, me);
  if (!chain.empty())
    r.error(ptr + "/shot", quote(item.src) + " is a playlist that leads back to this one (" +
                               chainText(self, chain) + "); a playlist may only name shot packages");
  else
    r.error(ptr + "/shot", quote(item.src) +
                               " is a playlist; a playlist may only name shot packages (playlists do not nest)");
  return true;
}

void readItem(JsonReader& r, PlaylistLinks& links, const Json& e, const std::string& ptr, Playlist& playlist) {
  if (!e.is_object() || e.contains("shot") == e.contains("title_card")) {
    r.error(ptr, "expected an item with either \"shot\" (a package path) or \"title_card\" {title, text, seconds}");
    return;
  }
  r.unknownMembers(e, ptr, {"shot", "title_card"});
  if (e.contains("shot")) {
    PlaylistShot item;
    const fs::path found = r.existing(e, ptr, "shot", true, &item.src);
    if (found.empty()) return;
    item.path = shotFile(found);
    std::error_code ec;
    if (!fs::is_regular_file(item.path, ec)) {
      r.error(ptr + "/shot", quote(item.src) + " is a folder without a shot.json");
      return;
    }
    if (namesAPlaylist(r, links, ptr, item, playlist.file)) return;
    playlist.items.emplace_back(std::move(item));
    return;
  }
  const Json* card = r.object(e, ptr, "title_card", true, "an object {title, text, seconds}");
  if (!card) return;
  const std::string cp = ptr + "/title_card";
  r.unknownMembers(*card, cp, {"title", "text", "seconds"});
  TitleCard c;
  c.title = r.string(*card, cp, "title", true).value_or("");
  c.text = r.string(*card, cp, "text", false).value_or("");
  c.seconds = r.positive(*card, cp, "seconds", false, "seconds").value_or(c.seconds);
  playlist.items.emplace_back(std::move(c));
}

}  // namespace

PlaylistParse parsePlaylist(const std::string& text, const fs::path& file) {
  PlaylistParse out;
  out.playlist.file = file;
  out.playlist.root = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  Json doc;
  if (!parseJsonText(text, doc, out.problems)) return out;
  if (!doc.is_object()) {
    out.problems.push_back({"", "expected a JSON object at the top level"});
    return out;
  }
  JsonReader r(out.problems, out.playlist.root);
  r.unknownMembers(doc, "", {"$schema", "format", "title", "at_end", "items"});
  if (auto format = r.string(doc, "", "format", true); format && *format != kPlaylistFormat)
    r.error("/format", "unsupported format " + quote(*format) + " (this build reads " + quote(kPlaylistFormat) + ")");
  out.playlist.title = r.string(doc, "", "title", false).value_or("");
  if (auto atEnd = r.string(doc, "", "at_end", false)) {
    if (auto e = parseEpisodeEnd(*atEnd))
      out.playlist.atEnd = *e;
    else
      r.error("/at_end", "unknown end " + quote(*atEnd) + " (expected \"stop\", \"loop\" or \"attract\")");
  }
  const Json* items = r.array(doc, "", "items", true, "a non-empty array of items");
  if (!items) return out;
  if (items->empty()) r.error("/items", "expected a non-empty array of items");
  PlaylistLinks links;
  for (std::size_t i = 0; i < items->size(); ++i) readItem(r, links, (*items)[i], child("/items", i), out.playlist);
  return out;
}

Result<Playlist> loadPlaylist(const fs::path& file) {
  auto text = readTextFile(file);
  if (!text) return text.error();
  PlaylistParse p = parsePlaylist(text.value(), file);
  for (const auto& pr : p.problems)
    if (pr.severity == Severity::Error)
      return Error{diagnosticPlace(file.string(), pr.pointer), printable(pr.message), ""};
  return std::move(p.playlist);
}

std::string_view toString(EpisodeEnd e) {
  switch (e) {
    case EpisodeEnd::Stop: return "stop";
    case EpisodeEnd::Loop: return "loop";
    case EpisodeEnd::Attract: return "attract";
  }
  return "stop";
}

std::optional<EpisodeEnd> parseEpisodeEnd(std::string_view s) {
  for (EpisodeEnd e : {EpisodeEnd::Stop, EpisodeEnd::Loop, EpisodeEnd::Attract})
    if (toString(e) == s) return e;
  return std::nullopt;
}

bool looksLikePlaylist(const std::string& text) {
  Json doc;
  std::vector<Problem> ignored;
  if (!parseJsonText(text, doc, ignored) || !doc.is_object()) return false;
  auto it = doc.find("format");
  return it != doc.end() && it->is_string() && it->get<std::string>().starts_with("perfectshot-playlist/");
}

}  // namespace ps::scenes
