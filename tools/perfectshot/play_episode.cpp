#include "play_episode.h"

#include <spdlog/spdlog.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <sstream>

#include "engine/view.h"
#include "lint_files.h"
#include "player/episode_player.h"
#include "player/ui_claims.h"
#include "png_writer.h"
#include "quit_signals.h"
#include "report.h"
#include "scenes/text_file.h"

namespace ps::tools {

namespace {

// Offscreen: one eye straight ahead (where the title cards stand), a frame every 30th of a
// second, a still every so many seconds of the episode.
xr::OffscreenDisplayOptions offscreenEpisode(const player::OffscreenTour& tour) {
  xr::OffscreenDisplayOptions off;
  off.width = tour.width;
  off.height = tour.height;
  off.eyes = 1;
  off.step = 1.0 / 30;
  const float hfov = tour.hfovDeg, vfov = tour.vfovDeg;
  off.view = [hfov, vfov](std::uint64_t, double) { return engine::viewFromV360({0, 0, 0, hfov, vfov}); };
  const auto every = static_cast<std::uint64_t>(std::max(1.0, std::round(tour.stillsEverySeconds * 30)));
  off.readBack = [every](std::uint64_t index) { return index % every == 0; };
  return off;
}

}  // namespace

bool isPlaylistFile(const std::string& input) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(input, ec)) return false;
  auto text = scenes::readTextFile(input);
  return text && scenes::looksLikePlaylist(text.value());
}

int playEpisode(const PlayEpisodeArgs& args) {
  QuitSignals signals;  // before any thread exists, so every thread inherits the blocked mask
  // Every problem of the playlist and its shots before anything plays.
  std::ostringstream lint;
  if (const int errors = lintInto(args.playlist, lint); errors > 0) {
    std::fputs(lint.str().c_str(), stderr);
    return reportError(Error{args.playlist.string(),
                             "the episode has " + std::to_string(errors) + " error(s), listed above; not playing it",
                             "perfectshot lint " + args.playlist.string()});
  }
  auto playlist = scenes::loadPlaylist(args.playlist);
  if (!playlist) return reportError(playlist.error());
  auto episode = player::loadEpisode(*playlist, args.sequenceBudgetMiB);
  if (!episode) return reportError(episode.error());

  xr::DisplayRequest request;
  request.kind = args.kind;
  request.openxr.interactionProfiles = args.controllers;
  request.offscreen = offscreenEpisode(args.tour);
  auto window = windowDisplayOptions(args.window);
  if (!window) return reportError(window.error());
  if (args.kind == xr::DisplayKind::OpenXr || args.kind == xr::DisplayKind::Auto)
    request.openxr.mirror = mirrorOptions(args.window, *window, args.kind == xr::DisplayKind::OpenXr);
  const auto uiClaims = std::make_shared<player::UiClaims>();
  window->claims = player::windowClaims(uiClaims);
  request.window = std::move(window).value();
  auto display = xr::createDisplay(request);
  if (!display) return reportError(display.error());
  xr::OffscreenDisplay* offscreen = display->offscreen;
  if (offscreen != nullptr) {
    std::error_code ec;
    std::filesystem::create_directories(args.outDir, ec);
    if (ec) return reportError(Error{args.outDir, "cannot create the stills folder: " + ec.message(), ""});
  }

  player::EpisodePlayOptions options;
  options.choices = args.choices;
  options.offscreen = offscreen != nullptr;
  options.withAudio = !args.noAudio;
  options.sequenceBudgetMiB = args.sequenceBudgetMiB;
  options.atEnd = args.atEnd;
  options.quitRequested = [&signals] { return signals.received(); };
  options.uiClaims = uiClaims;
  int stills = 0;
  std::optional<Error> stillError;
  if (offscreen != nullptr)
    options.afterFrame = [&](const xr::DisplayFrame& frame, const media::PlayerFrame&,
                             const player::EpisodePosition& at) {
      if (stillError || offscreen->pixelsIndex() != frame.index) return;
      char name[80];
      std::snprintf(name, sizeof name, "still_%04d_item%zu_t%07.3f.png", stills++, at.item + 1, at.episodeSeconds);
      if (auto s = writePng(std::filesystem::path(args.outDir) / name, offscreen->pixels().front()); !s)
        stillError = s.error();
    };
  player::EpisodePlayer player(*display->display, *episode, options);
  player::EpisodeRunStats stats;
  try {
    stats = player.run();
  } catch (const player::PictureRefused& e) {
    return reportError(e.error());
  }
  if (stats.ended == player::EpisodeState::Attract)
    spdlog::info("play: the episode ended in attract (a kiosk's attract loop); play stops here");
  if (!stats.displayEnded) player::endDisplay(*display->display);
  if (stillError) return reportError(*stillError);
  spdlog::info("play: episode \"{}\": {} items begun, {} display frames, {} late, {} missed, {} cuts without a picture{}",
               episode->title, stats.cuts, stats.frames, stats.late, stats.missed, stats.cutsWithoutPicture,
               offscreen != nullptr ? fmt::format(", {} stills in {}", stills, args.outDir) : "");
  return 0;
}

}  // namespace ps::tools
