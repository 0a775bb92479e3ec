#pragma once
// Playlists (an episode): shots in order with title cards between them, as a
// kiosk plays them. Format "perfectshot-playlist/1", see scenes/FORMAT.md.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "scenes/problem.h"
#include "scenes/result.h"

namespace ps::scenes {

inline constexpr const char* kPlaylistFormat = "perfectshot-playlist/1";

struct PlaylistShot {
  std::string src;             // as written, relative to the playlist's folder
  std::filesystem::path path;  // the shot.json it names, resolved inside that folder
};

struct TitleCard {
  std::string title, text;
  double seconds = 5;  // how long it shows, > 0
};

using PlaylistItem = std::variant<PlaylistShot, TitleCard>;

// What the player does after the last item: stop, play from the first again, or hand the
// headset back to the kiosk's attract loop ("at_end"; play's --at-end overrides it).
enum class EpisodeEnd { Stop, Loop, Attract };
std::string_view toString(EpisodeEnd e);  // "stop", "loop", "attract"
std::optional<EpisodeEnd> parseEpisodeEnd(std::string_view s);

struct Playlist {
  std::filesystem::path file;  // the playlist's JSON file
  std::filesystem::path root;  // its folder
  std::string title;
  std::vector<PlaylistItem> items;
  EpisodeEnd atEnd = EpisodeEnd::Stop;
};

struct PlaylistParse {
  Playlist playlist;              // filled as far as the document allowed
  std::vector<Problem> problems;  // errors and warnings
  bool ok() const { return !hasErrors(problems); }
};

// Parses a playlist's text; `file` is where it lives. Checks that each shot
// exists inside the playlist's folder, not that the shots themselves are valid.
PlaylistParse parsePlaylist(const std::string& text, const std::filesystem::path& file);
Result<Playlist> loadPlaylist(const std::filesystem::path& file);

// Whether a parsed JSON document claims to be a playlist (its "format" says so).
bool looksLikePlaylist(const std::string& text);

}  // namespace ps::scenes
