#pragma once
// A shot opened for playback: its plate (if it has one) in a media::Player, with the soundtrack when the
// video has one and an output device opens (else silent, logged), and what the player
// loop needs to know about it (layout, yaw offset, in and out). Not movable (the player
// refers to the clock and the audio output).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/audio_output.h"
#include "player/plate_decode.h"
#include "media/mesh_sequence.h"
#include "media/narration_controller.h"
#include "media/player.h"
#include "media/time_source.h"
#include "player/player_loop.h"
#include "player/rgbd_picture.h"
#include "scenes/blocking.h"
#include "scenes/result.h"

namespace ps::player {

struct ShotPlayback {
  ShotPlayback() = default;
  ShotPlayback(const ShotPlayback&) = delete;
  ShotPlayback& operator=(const ShotPlayback&) = delete;

  FrameLayout layout;
  float yawOffsetDeg = 0;
  double inSeconds = 0;
  std::optional<double> outSeconds;
  double frameSeconds = 1.0 / 30;  // nominal
  media::SteadyTimeSource clock;   // what the audio clock reads; the display times' clock
  std::optional<media::AudioOutput> audioOutput;  // its own output, unless it plays on a shared one
  media::AudioOutput* sharedOutput = nullptr;      // an output kept across shots (an episode's)
  // What the soundtrack and the narration play on: the shared output, else its own; null: none.
  media::AudioOutput* output() { return sharedOutput != nullptr ? sharedOutput : (audioOutput ? &*audioOutput : nullptr); }
  TimelineOptions timeline;        // fps, chapters and markers for the timeline scrubber
  std::vector<scenes::Marker> markers;  // the shot's; none for a bare video
  std::optional<scenes::FilmCamera> camera;  // the shot's original film camera, if it names one
  scenes::Blocking blocking;       // the crew's floor marks, actor paths, dolly track, measurements
  std::filesystem::path shotFile;  // the shot.json played; empty for a bare video
  std::vector<PlacedSet> sets;     // the shot's glTF sets (a set that fails to load is left out)
  std::vector<PlacedSplats> splats;  // the shot's splat captures (one that fails to load is left out)
  glm::vec3 capturePoint = capturePointOf(nullptr);  // the shot's origin
  // The plate's depth when it is an rgbd medium (its colour and depth per frame); null otherwise.
  std::unique_ptr<RgbdPicture> rgbd;
  std::unique_ptr<media::Player> player;  // last: refers to the members above
  // The shot's spoken markers, on audioOutput; ducks the player's soundtrack, so after it.
  std::unique_ptr<media::NarrationController> narration;

  // The loop options this shot implies (layout, yaw, in, out; markers and the film frame over the views).
  PlayerLoopOptions loopOptions() const;
};

// arg: a shot package folder, a shot.json, a video, a bare glTF set (.glb, .gltf) or a bare splat
// capture (.ply, .spz: played as a set with no background, still, for kStillSetsSeconds); mediaId
// picks a medium of a shot. The shot's mesh sequences share sequenceBudgetMiB of decoded frames
// (loadShotSets). A shot without an equirect medium and a bare set play without a plate (the
// player's transport alone, the sets on black): a shot over its timeline's in..out (no out: its
// sets' end, sets_span.h), a bare set at 30 fps from 0 to the end of its first animation (a
// still set: kStillSetsSeconds).
// output: where the sound plays, kept by the caller across shots (an episode's, so that a cut
// opens no device); null: the shot opens the default output itself when it has sound.
Result<std::unique_ptr<ShotPlayback>> openShotPlayback(const std::string& arg, const std::string& mediaId,
                                                       bool withAudio,
                                                       std::size_t sequenceBudgetMiB = media::kDefaultSequenceBudgetMiB,
                                                       media::AudioOutput* output = nullptr,
                                                       const PlateDecode& decode = {});

}  // namespace ps::player
