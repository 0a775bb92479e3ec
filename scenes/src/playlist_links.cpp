#include "playlist_links.h"

#include <deque>

#include "json_text.h"
#include "scenes/playlist.h"
#include "scenes/shot_loader.h"

namespace ps::scenes {

namespace fs = std::filesystem;

fs::path canonicalOr(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return ec ? p : c;
}

bool PlaylistLinks::isPlaylist(const fs::path& file) {
  if (auto it = isPlaylist_.find(file); it != isPlaylist_.end()) return it->second;
  std::error_code ec;
  bool playlist = false;
  if (fs::is_regular_file(file, ec))
    if (auto text = readTextFile(file)) playlist = looksLikePlaylist(text.value());
  return isPlaylist_[file] = playlist;
}

const std::vector<fs::path>& PlaylistLinks::named(const fs::path& playlist) {
  if (auto it = named_.find(playlist); it != named_.end()) return it->second;
  std::vector<fs::path>& out = named_[playlist];
  auto text = readTextFile(playlist);
  Json doc;
  std::vector<Problem> ignored;
  if (!text || !parseJsonText(text.value(), doc, ignored) || !doc.is_object()) return out;
  const auto items = doc.find("items");
  if (items == doc.end() || !items->is_array()) return out;
  const fs::path root = playlist.parent_path().empty() ? fs::path(".") : playlist.parent_path();
  for (const Json& item : *items) {
    const auto shot = item.is_object() ? item.find("shot") : item.end();
    if (!item.is_object() || shot == item.end() || !shot->is_string()) continue;
    std::string why;
    const fs::path found = resolveInside(root, shot->get<std::string>(), why);
    if (found.empty()) continue;
    const fs::path file = canonicalOr(shotFile(found));
    if (isPlaylist(file)) out.push_back(file);
  }
  return out;
}

std::vector<fs::path> PlaylistLinks::chainBack(const fs::path& from, const fs::path& to) {
  std::map<fs::path, fs::path> cameFrom{{from, fs::path()}};
  std::deque<fs::path> queue{from};
  while (!queue.empty() && cameFrom.size() <= kMaxPlaylistsSearched) {
    const fs::path at = queue.front();
    queue.pop_front();
    for (const fs::path& next : named(at)) {
      if (next == to) {
        std::vector<fs::path> chain{to};
        for (fs::path p = at; !p.empty(); p = cameFrom[p]) chain.insert(chain.begin(), p);
        return chain;
      }
      if (cameFrom.emplace(next, at).second) queue.push_back(next);
    }
  }
  return {};
}

std::string chainText(const fs::path& self, const std::vector<fs::path>& chain) {
  const fs::path base = canonicalOr(self).parent_path();
  std::string text = self.filename().string();
  for (const fs::path& p : chain) {
    const fs::path rel = p.lexically_relative(base);
    text += " \u2192 " + (rel.empty() ? p : rel).string();
  }
  return text;
}

}  // namespace ps::scenes
