#pragma once
// `perfectshot play episode.json`: a playlist played end to end (player/episode_player.h) on
// the display play would choose. The playlist and every shot in it are linted first; any
// error refuses to play, with every problem listed.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "player/play_setup.h"
#include "scenes/playlist.h"
#include "window_options.h"
#include "xr/display_factory.h"

namespace ps::tools {

struct PlayEpisodeArgs {
  std::filesystem::path playlist;
  xr::DisplayKind kind = xr::DisplayKind::Auto;
  std::string outDir;
  player::OffscreenTour tour;
  std::vector<std::string> controllers;
  player::PlayChoices choices;
  bool noAudio = false;
  std::size_t sequenceBudgetMiB = 0;
  std::optional<scenes::EpisodeEnd> atEnd;  // --at-end
  WindowArgs window;
};

// Whether `input` names a playlist (a JSON file whose format says so).
bool isPlaylistFile(const std::string& input);

// The exit code; errors reported.
int playEpisode(const PlayEpisodeArgs& args);

}  // namespace ps::tools
