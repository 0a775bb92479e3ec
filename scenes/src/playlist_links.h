#pragma once
// Internal: which playlists a playlist names, for refusing a playlist inside a playlist
// and showing the chain when it leads back to where it started. Each file is read once
// per instance, and a search for a chain reads at most kMaxPlaylistsSearched files in
// all, so a web of playlists naming each other ends quickly.
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace ps::scenes {

inline constexpr std::size_t kMaxPlaylistsSearched = 256;

class PlaylistLinks {
 public:
  // Whether the file (resolved) claims to be a playlist.
  bool isPlaylist(const std::filesystem::path& file);
  // The chain of playlists {from, ..., to} by which `from` names `to` again, or empty.
  std::vector<std::filesystem::path> chainBack(const std::filesystem::path& from, const std::filesystem::path& to);

 private:
  // The playlists a playlist's items name, resolved as its own parse resolves them;
  // what does not resolve is left out (that parse reports it).
  const std::vector<std::filesystem::path>& named(const std::filesystem::path& playlist);

  std::map<std::filesystem::path, bool> isPlaylist_;
  std::map<std::filesystem::path, std::vector<std::filesystem::path>> named_;
};

// Resolved the way paths are compared here (symbolic links and "." followed).
std::filesystem::path canonicalOr(const std::filesystem::path& p);

// "episode.json → b.json → episode.json": the playlist's name, then each link of the
// chain as seen from the playlist's folder.
std::string chainText(const std::filesystem::path& self, const std::vector<std::filesystem::path>& chain);

}  // namespace ps::scenes
