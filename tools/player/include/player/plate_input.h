#pragma once
// What a command was pointed at: a shot package folder, a shot.json, or a bare
// video file. Resolved to the medium to show and what the manifest says about it.
#include <filesystem>
#include <optional>
#include <string>

#include "scenes/layout.h"
#include "scenes/result.h"
#include "scenes/shot.h"

namespace ps::player {

struct PlateInput {
  std::string url;                       // the file handed to media/ (which refuses URLs)
  std::optional<scenes::Shot> shot;      // absent for a bare video
  std::optional<Projection> projection;  // from the manifest, if it says
  std::optional<StereoLayout> stereo;
  double yawOffsetDeg = 0;
  // Where the medium lies on shot time (shot.h): shot time t shows its media time
  // offsetSeconds + (t - startSeconds). 0 and 0 for a bare video.
  double startSeconds = 0;
  double offsetSeconds = 0;
  // An rgbd medium's depth (the url is its colour, or colour stacked over depth); absent for an
  // equirect and a bare video.
  std::optional<scenes::RgbdMedia> rgbd;
};

// mediaId picks a medium of the shot by id; empty means the shot's plate.
Result<PlateInput> resolvePlateInput(const std::string& arg, const std::string& mediaId = "");

// True for a shot package folder or a shot.json (not a video, not a URL).
bool isShotPath(const std::string& arg);

// The shot at arg when it has sets (gltf, mesh-sequence) but no equirect medium and mediaId picks
// none: such a shot plays and renders without a plate. Absent for anything else (a shot with a
// plate, a shot with nothing to show, a video).
Result<std::optional<scenes::Shot>> shotWithoutPlate(const std::string& arg, const std::string& mediaId);

}  // namespace ps::player

#include "media/video_source.h"
#include "player/plate_decode.h"

namespace ps::player {

// A plate opened for reading, with its layout settled: the container's metadata
// first, then the manifest, then the guess from the aspect ratio (of the colour half, for an
// rgbd video stacked top-bottom).
struct OpenedPlate {
  PlateInput input;
  media::VideoSource source;
  FrameLayout layout;
};

// strict: a damaged frame is an error (commands that make one picture); playback is lenient.
// hardware: for a plate that is only shown (see plate_decode.h); an rgbd medium's colour, which
// its depth is measured against on the CPU, always decodes in software.
Result<OpenedPlate> openPlate(const std::string& arg, const std::string& mediaId, bool strict, int threads = 0,
                              const PlateDecode& decode = {});

// Command-line overrides of the layout ("--projection", "--stereo"); empty strings leave it.
Status overrideLayout(FrameLayout& layout, const std::string& projection, const std::string& stereo);

}  // namespace ps::player
