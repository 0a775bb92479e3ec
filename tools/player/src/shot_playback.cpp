#include "player/shot_playback.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "player/plate_input.h"
#include "player/sets_span.h"
#include "player/shot_sets.h"
#include "player/shot_splats.h"
#include "player/soundtrack_options.h"
#include "media/audio_player.h"
#include "media/audio_source.h"
#include "scenes/printable.h"
#include "scenes/video_times.h"

namespace ps::player {

PlayerLoopOptions ShotPlayback::loopOptions() const {
  PlayerLoopOptions o;
  o.layout = layout;
  o.yawOffsetDeg = yawOffsetDeg;
  o.inSeconds = inSeconds;
  o.outSeconds = outSeconds;
  o.markers = markers;
  o.narration = narration.get();
  o.sets = sets;
  o.splats = splats;
  o.capturePoint = capturePoint;
  o.rgbd = rgbd.get();
  if (!markers.empty() || camera || rgbd || !blocking.empty()) {
    ViewOverlayOptions overlay;
    overlay.markers = markers;
    overlay.blocking = blocking;
    if (camera) overlay.filmFrame = FilmFrameOptions{*camera, true};
    if (rgbd) overlay.headBox = ui::HeadBoxFloor{rgbd->placement().origin, rgbd->placement().headBoxM};
    o.overlay = std::move(overlay);
  }
  return o;
}

namespace {

// Narration shares the soundtrack's output (one device, one listener, one HRTF); a shot
// without a soundtrack opens one for it.
void openNarration(ShotPlayback& p, const scenes::Shot* shot, bool withAudio, media::AudioOutput* shared) {
  if (!withAudio || shot == nullptr) return;
  const bool spoken = std::any_of(shot->markers.begin(), shot->markers.end(),
                                  [](const scenes::Marker& m) { return m.narration.has_value(); });
  if (!spoken) return;
  if (shared != nullptr) p.sharedOutput = shared;
  if (p.output() == nullptr) {
    auto output = media::AudioOutput::openDefault();
    if (!output) return;  // logged: markers stay silent
    p.audioOutput.emplace(std::move(*output));
  }
  p.narration = std::make_unique<media::NarrationController>(*p.output(), shot->markers, p.player->audio());
}

// The medium of the shot that is played (its start and offset place it on shot time).
const scenes::MediaRef* playedMedium(const scenes::Shot& shot, const std::string& url) {
  for (const scenes::MediaRef& m : shot.media)
    if (m.path.string() == url) return &m;
  return nullptr;
}

// The shot's times against the length of the video it plays: the first one past its
// end, as lint reports it (lint lists them all).
std::optional<Error> timesBeyondVideo(const scenes::Shot& shot, const std::string& url, const media::StreamInfo& info) {
  const scenes::MediaRef* medium = playedMedium(shot, url);
  const std::string src = medium != nullptr ? medium->src : url;
  const scenes::VideoLength length{info.durationSeconds, info.frameRate.valid() ? 1.0 / info.frameRate.toDouble() : 0.0};
  const std::vector<scenes::Problem> problems = scenes::checkTimesAgainstVideo(shot, src, length, medium);
  if (problems.empty()) return std::nullopt;
  const scenes::Problem& first = problems.front();
  return Error{scenes::diagnosticPlace(shot.file.string(), first.pointer), scenes::printable(first.message),
               problems.size() > 1 ? std::to_string(problems.size() - 1) + " more; perfectshot lint lists them all"
                                   : std::string()};
}

// A shot's timeline and what it carries (markers, camera, chapters), for the scrubber and the loop.
void takeShot(ShotPlayback& p, const scenes::Shot& shot) {
  p.timeline.fps = shot.timeline.fps;
  p.timeline.chapters = shot.timeline.chapters;
  p.timeline.markers = shot.markers;
  p.markers = shot.markers;
  p.camera = shot.camera;
  p.blocking = shot.blocking;
  p.shotFile = shot.file;
  p.capturePoint = capturePointOf(&shot);
}

// Playback without a plate: the transport alone over in..out at fps, the sets drawn on black.
std::unique_ptr<ShotPlayback> platelessPlayback(std::vector<PlacedSet> sets, std::vector<PlacedSplats> splats, double in,
                                                double out, Rational fps) {
  auto p = std::make_unique<ShotPlayback>();
  p->inSeconds = in;
  p->outSeconds = out;
  p->frameSeconds = 1.0 / fps.toDouble();
  p->timeline.fps = fps;
  // No picture anywhere on the shot (the scrubber asks for none).
  p->timeline.plateTiming = media::TrackTiming{.startSeconds = 0, .offsetSeconds = 0, .rate = 1, .mediaEndSeconds = 0};
  p->sets = std::move(sets);
  p->splats = std::move(splats);
  p->player = std::make_unique<media::Player>(media::ShotRange{.inSeconds = in, .outSeconds = out, .fps = fps});
  return p;
}

// A bare .glb/.gltf: its first animation (if any) from shot time 0 to its end (still sets play
// kStillSetsSeconds), at 30 frames a second (glTF has no frame rate).
Result<std::unique_ptr<ShotPlayback>> openBareSet(const std::string& arg) {
  auto set = loadBareSet(arg);
  if (!set) return set.error();
  std::vector<PlacedSet> sets;
  sets.push_back(std::move(*set));
  const double out = setsEndSeconds(sets, 0.0);
  return platelessPlayback(std::move(sets), {}, 0.0, out, Rational{30, 1});
}

// A bare .ply/.spz: the capture standing still at the stage's origin for kStillSetsSeconds.
Result<std::unique_ptr<ShotPlayback>> openBareSplats(const std::string& arg) {
  auto splats = loadBareSplats(arg);
  if (!splats) return splats.error();
  std::vector<PlacedSplats> list;
  list.push_back(std::move(*splats));
  const double out = setsEndSeconds({}, 0.0, list);
  return platelessPlayback({}, std::move(list), 0.0, out, Rational{30, 1});
}

// A shot with sets but no equirect medium: its own timeline (out, else its sets' end).
Result<std::unique_ptr<ShotPlayback>> openShotWithoutPlate(const scenes::Shot& shot, bool withAudio,
                                                           std::size_t sequenceBudgetMiB, media::AudioOutput* output) {
  auto sets = loadShotSets(shot, SetFailure::Skip, SequenceRead::Prefetch, sequenceBudgetMiB);
  if (!sets) return sets.error();
  auto splats = loadShotSplats(shot, SetFailure::Skip, SequenceRead::Prefetch, sequenceBudgetMiB);
  if (!splats) return splats.error();
  const double in = shot.timeline.in;
  const double out = shot.timeline.out.value_or(setsEndSeconds(*sets, in, *splats));
  auto p = platelessPlayback(std::move(*sets), std::move(*splats), in, out, shot.timeline.fps);
  takeShot(*p, shot);
  openNarration(*p, &shot, withAudio, output);
  return p;
}

}  // namespace

Result<std::unique_ptr<ShotPlayback>> openShotPlayback(const std::string& arg, const std::string& mediaId,
                                                       bool withAudio, std::size_t sequenceBudgetMiB,
                                                       media::AudioOutput* output, const PlateDecode& decode) {
  if (isGltfPath(arg)) {
    if (!mediaId.empty()) return Error{"--media", "names a medium of a shot, but this is a bare glTF set", ""};
    return openBareSet(arg);
  }
  if (isSplatPath(arg)) {
    if (!mediaId.empty()) return Error{"--media", "names a medium of a shot, but this is a bare splat capture", ""};
    return openBareSplats(arg);
  }
  auto withoutPlate = shotWithoutPlate(arg, mediaId);
  if (!withoutPlate) return withoutPlate.error();
  if (*withoutPlate) return openShotWithoutPlate(**withoutPlate, withAudio, sequenceBudgetMiB, output);
  auto plate = openPlate(arg, mediaId, /*strict=*/false, /*threads=*/0, decode);
  if (!plate) return plate.error();
  auto p = std::make_unique<ShotPlayback>();
  const media::StreamInfo info = plate->source.info();
  if (plate->input.shot) {
    if (auto bad = timesBeyondVideo(*plate->input.shot, plate->input.url, info)) return *bad;
  }
  p->layout = plate->layout;
  p->yawOffsetDeg = static_cast<float>(plate->input.yawOffsetDeg);
  // The shot's own range, on which the plate is placed by its start and offset; a bare video's
  // is the video.
  media::PlateOnShot onShot;
  if (plate->input.shot) {
    const scenes::Timeline& timeline = plate->input.shot->timeline;
    onShot.range = media::ShotRange{.inSeconds = timeline.in, .outSeconds = timeline.out, .fps = timeline.fps};
  }
  onShot.startSeconds = plate->input.startSeconds;
  onShot.offsetSeconds = plate->input.offsetSeconds;
  const media::TrackTiming plateTiming{.startSeconds = onShot.startSeconds,
                                       .offsetSeconds = onShot.offsetSeconds,
                                       .rate = 1.0,
                                       .mediaEndSeconds = info.durationSeconds > 0
                                                              ? std::optional<double>(info.durationSeconds)
                                                              : std::nullopt};
  p->outSeconds = plateTiming.endShotSeconds();
  if (plate->input.shot) {
    p->inSeconds = plate->input.shot->timeline.in;
    if (plate->input.shot->timeline.out) p->outSeconds = *plate->input.shot->timeline.out;
  }
  p->timeline.plateTiming = plateTiming;
  if (info.frameRate.valid()) p->frameSeconds = 1.0 / info.frameRate.toDouble();
  // The scrubber counts frames at the shot's rate, else the video's.
  if (info.frameRate.valid()) p->timeline.fps = info.frameRate;
  if (plate->input.shot) {
    takeShot(*p, *plate->input.shot);
    // The rest of the shot plays without a set that cannot be loaded (lint names what is wrong).
    auto sets = loadShotSets(*plate->input.shot, SetFailure::Skip, SequenceRead::Prefetch, sequenceBudgetMiB);
    if (!sets) return sets.error();  // only a budget too small for the sequences: the command line is wrong
    p->sets = std::move(*sets);
    auto splats = loadShotSplats(*plate->input.shot, SetFailure::Skip, SequenceRead::Prefetch, sequenceBudgetMiB);
    if (!splats) return splats.error();
    p->splats = std::move(*splats);
    for (const scenes::MediaRef& m : plate->input.shot->media)  // the medium played, for its proxy
      if (m.path.string() == plate->input.url) p->timeline.plate = m;
    if (plate->input.rgbd && p->timeline.plate) {
      auto rgbd = RgbdPicture::open(*plate->input.shot, *p->timeline.plate, info, plate->layout);
      if (!rgbd) return rgbd.error();
      p->rgbd = std::move(*rgbd);
    }
  }
  if (!p->timeline.plate) p->timeline.videoUrl = plate->input.url;

  std::unique_ptr<media::AudioPlayer> audio;
  if (withAudio) {
    const scenes::MediaRef* medium = p->timeline.plate ? &*p->timeline.plate : nullptr;
    auto source = media::AudioSource::open(plate->input.url, soundtrackOptions(medium));
    if (!source) {
      spdlog::info("play: no soundtrack ({})", source.error().message());
    } else if (output == nullptr && !p->audioOutput) {
      if (auto opened = media::AudioOutput::openDefault(); !opened)
        spdlog::info("play: playing without sound ({})", opened.error().message());
      else
        p->audioOutput.emplace(std::move(*opened));
    }
    if (source && output != nullptr) p->sharedOutput = output;
    if (source && p->output() != nullptr) {
      auto created = media::AudioPlayer::create(*p->output(), std::move(*source), p->clock);
      if (created)
        audio = std::move(*created);
      else
        spdlog::warn("play: playing without sound ({})", created.error().message());
    }
  }
  p->player = std::make_unique<media::Player>(std::move(plate->source), std::move(audio), media::PlayerOptions{},
                                              std::move(onShot));
  openNarration(*p, plate->input.shot ? &*plate->input.shot : nullptr, withAudio, output);
  return p;
}

}  // namespace ps::player
