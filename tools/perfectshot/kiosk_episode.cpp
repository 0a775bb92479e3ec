// perfectshot kiosk episode.json: the episode is the visitor's programme. The episode player
// plays its items in one loop; the kiosk's director rides along in it (and in the attract loop
// between visits), so the visit cycle, the fades and the bindings are the shot kiosk's:
//   attract   the first shot's segment (the config's "attract", in that shot's seconds), looped,
//             while the episode's first item is opened and its first frame decoded ahead;
//   a visit   the episode from its first item at time 0, a fade at every cut between items;
//   the end   the last item holds on its last frame; the config's at_end decides what follows.
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <sstream>

#include "kiosk/episode_programme.h"
#include "kiosk/kiosk_director.h"
#include "kiosk/process_figures.h"
#include "kiosk/programme.h"
#include "kiosk_run.h"
#include "lint_files.h"
#include "player/episode_player.h"
#include "player/play_setup.h"
#include "report.h"
#include "scenes/playlist.h"
#include "xr/display_factory.h"

namespace ps::tools {

namespace {

std::function<std::string()> captionOf(const kiosk::KioskConfig& config, player::ShotPlayback& p) {
  if (!config.headLockedCaptions || !p.narration) return {};
  return [narration = p.narration.get()] { return narration->caption(); };
}

}  // namespace

int runKioskEpisode(const KioskArgs& args, const kiosk::KioskConfig& config, QuitSignals& signals,
                    KioskSession& session) {
  const std::filesystem::path file = args.input;
  // Every problem of the playlist and its shots before anything plays, as play does.
  std::ostringstream lint;
  if (const int errors = lintInto(file, lint); errors > 0) {
    std::fputs(lint.str().c_str(), stderr);
    return reportError(Error{file.string(),
                             "the episode has " + std::to_string(errors) + " error(s), listed above; not playing it",
                             "perfectshot lint " + file.string()});
  }
  auto playlist = scenes::loadPlaylist(file);
  if (!playlist) return reportError(playlist.error());
  auto episode = player::loadEpisode(*playlist, 0);
  if (!episode) return reportError(episode.error());
  if (episode->atEnd != scenes::EpisodeEnd::Stop)
    spdlog::warn("kiosk: the playlist's at_end ({}) is not used: in a kiosk the config's at_end decides",
                 scenes::toString(episode->atEnd));
  const player::EpisodeItem* first = nullptr;
  for (const player::EpisodeItem& item : episode->items)
    if (item.kind == player::EpisodeItemKind::Shot) {
      first = &item;
      break;
    }
  if (first == nullptr)
    return reportError(Error{file.string(), "has no shot: the kiosk's attract loop plays a segment of the first shot", ""});

  const xr::DisplayKind kind = *xr::parseDisplayKind(args.display);
  const bool withAudio = !args.noAudio && kind != xr::DisplayKind::Offscreen;
  auto opened = player::openShotPlayback(first->shot.string(), "", withAudio);
  if (!opened) return reportError(opened.error());
  player::ShotPlayback& attractShot = **opened;
  if (auto bad = checkAttract(config, attractShot, args.config.empty() ? "kiosk config" : args.config))
    return reportError(*bad);
  limitVolume(attractShot, config.volumeLimit);
  if (config.volumeLimit < 1.0f) spdlog::info("kiosk: volume limited to {:.2f} (soundtrack and narration)", config.volumeLimit);

  xr::DisplayRequest request;
  request.kind = kind;
  request.offscreen = player::offscreenTour(attractShot, {});
  auto window = windowDisplayOptions(args.window);
  if (!window) return reportError(window.error());
  if (kind == xr::DisplayKind::OpenXr || kind == xr::DisplayKind::Auto)
    request.openxr.mirror = mirrorOptions(args.window, *window, kind == xr::DisplayKind::OpenXr);
  request.window = std::move(window).value();
  auto display = xr::createDisplay(request);
  if (!display) return reportError(display.error());
  xr::Display& screen = *display->display;

  const std::vector<player::ControlBinding> controls = kiosk::allowedControls(config);
  kiosk::ShotSegment attract(*attractShot.player, "attract", config.attract.inSeconds, config.attract.outSeconds, true);
  kiosk::EpisodeProgramme programme(*episode);
  kiosk::KioskDirector director(screen, config, attract, programme);
  // The show control's volume: on the attract loop's output and each item's as it begins.
  float gain = config.volumeLimit;
  player::ShotPlayback* item = nullptr;  // the item playing; null between items
  std::optional<KioskShow> show;
  if (session.control != nullptr) {
    show.emplace(*session.control, director, attract, programme, file.string());
    show->volumeLimit = config.volumeLimit;
    if (withAudio)
      show->setVolume = [&](float g) -> std::optional<std::string> {
        gain = g;
        if (auto refusal = setGain(attractShot, g)) return refusal;
        return item != nullptr ? setGain(*item, g) : std::nullopt;
      };
  }
  KioskShow* const steer = show ? &*show : nullptr;

  auto curve = openMemoryCurve(args, director);
  if (!curve) return reportError(curve.error());
  const auto quit = [&] {
    return signals.received() || (args.visits > 0 && director.counts().visitsEnded >= args.visits) ||
           (show && show->loadRequested());
  };

  player::EpisodePlayer* episodePlayer = nullptr;
  player::EpisodePlayOptions eo;
  eo.choices.timeline = false;  // no menus and no scrubber for a visitor
  eo.offscreen = display->offscreen != nullptr;
  eo.withAudio = withAudio;
  eo.atEnd = scenes::EpisodeEnd::Stop;  // the last item holds; the visit cycle goes on from there
  eo.quitRequested = quit;
  eo.adjustItem = [&](player::ShotPlayback& p, std::size_t index, player::PlayerLoopOptions& o) {
    kioskLoopOptions(o, args, config, controls, director, session, steer);
    limitVolume(p, gain);
    item = &p;
    programme.beginItem(p, index, o);
    director.caption = captionOf(config, p);
    // The visit over (the director back in attract): the episode stops after this frame.
    o.leaveRequested = [&, inner = o.leaveRequested] {
      if (director.active() != &programme) episodePlayer->stop();
      return inner && inner();
    };
  };
  player::EpisodePlayer player(screen, *episode, eo);
  episodePlayer = &player;
  programme.setPlayer(player);

  std::uint64_t frames = 0, late = 0;
  double wallSeconds = 0;
  const auto started = std::chrono::steady_clock::now();
  try {
    for (;;) {
      if (director.active() == &programme && !programme.over()) {
        attractShot.player->pause();  // its sound too, while the visitor watches the episode
        const player::EpisodeRunStats s = player.run();
        programme.endItem();
        item = nullptr;
        frames += s.frames;
        late += s.late;
        if (s.displayEnded) break;
        // Still the visit's, the episode ended without its last item held (an item that did not
        // open at play time): it is over, the attract loop fills in while the visit cycle decides.
        if (director.active() == &programme) programme.finish();
        continue;
      }
      player::PlayerLoopOptions o = player::playOptions(attractShot, screen.capabilities(), false, eo.choices);
      kioskLoopOptions(o, args, config, controls, director, session, steer);
      o.quitRequested = quit;
      o.loop = true;  // the attract segment's region (its restart set it; the loop sets the same)
      o.autoplay = false;
      o.inSeconds = config.attract.inSeconds;
      o.outSeconds = config.attract.outSeconds ? config.attract.outSeconds : attractShot.outSeconds;
      // Seeked again as the loop starts: the restart's seek, made while no loop updated the
      // player, does not hold.
      o.startsAtIn = false;
      o.episodeItem = true;
      o.leaveRequested = [&] { return director.active() == &programme && !programme.over(); };
      director.caption = captionOf(config, attractShot);
      // The next visit's first item opens and decodes its first frame while attract plays.
      player.openAhead();
      o.afterFrame = [&player, before = std::move(o.afterFrame)](const xr::DisplayFrame& frame,
                                                                 const media::PlayerFrame& shown) {
        if (before) before(frame, shown);
        player.prerollAhead(frame.predictedDisplayTime);
      };
      player::PlayerLoop loop(screen, *attractShot.player, o);
      const player::PlayerLoopStats s = loop.run();
      frames += s.frames;
      late += s.late;
      if (s.ended == player::LoopEnd::DisplayQuit) break;
    }
  } catch (const player::PictureRefused& e) {
    return reportError(e.error());
  }
  if (show) session.load = show->loadRequested();
  wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const kiosk::KioskCounts& c = director.counts();
  spdlog::info("kiosk: {} visits ({} ended), programme started {} times, of which {} not at its beginning; "
               "attract {} times, {} fades; episode \"{}\": {} display frames in {:.1f} s, {} late",
               c.visits, c.visitsEnded, c.programmeStarts, c.startsNotAtBeginning, c.attractStarts, c.fades,
               episode->title, frames, wallSeconds, late);
  return 0;
}

}  // namespace ps::tools
