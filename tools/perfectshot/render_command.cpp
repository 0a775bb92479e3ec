// perfectshot render: one view of one frame, headlessly, to a PNG.
#include <spdlog/spdlog.h>

#include "cli_numbers.h"
#include "commands.h"
#include "engine/device.h"
#include "engine/render_still.h"
#include "engine/view.h"
#include "media/track_timing.h"
#include "player/plate_input.h"
#include "png_writer.h"
#include "report.h"
#include "sequence_budget_option.h"
#include "scenes/printable.h"
#include "player/shot_sets.h"
#include "player/still_scene.h"
#include "player/view_overlay.h"

namespace ps::tools {

namespace {

struct RenderArgs {
  std::string input;
  std::string mediaId;
  double time = 0;
  float yaw = 0, pitch = 0, roll = 0;
  float hfov = 90, vfov = 60;
  std::string size = "1280x720";
  std::string eye = "left";
  std::string projection, stereo;
  std::string output;
  bool markers = false;
  bool filmFrame = false;
  bool blocking = false;
  std::size_t sequenceBudgetMiB = 0;
  std::string pos;   // stage metres; empty: the capture point
  double ipd = 0;    // metres between the eyes; 0: both eyes at --pos
};

// --time counts from the shot's in point and must not pass its end: the timeline's out, or
// the video's end (where the container says). At the end itself it shows the last frame.
Status checkTimeInside(double time, const player::OpenedPlate& plate) {
  const scenes::Shot* shot = plate.input.shot ? &*plate.input.shot : nullptr;
  const double in = shot ? shot->timeline.in : 0.0;
  const double duration = plate.source.info().durationSeconds;
  std::optional<double> end;
  if (shot && shot->timeline.out) end = *shot->timeline.out;
  else if (duration > 0) end = plate.input.startSeconds + duration - plate.input.offsetSeconds;  // on shot time
  if (!end || time <= *end - in) return ok();
  return Error{"--time",
               fmt::format("{} s is after the end of the {} at {} s{}", time, shot ? "shot" : "video", *end - in,
                           shot ? " from its in point" : ""),
               fmt::format("the last frame shows at --time {}", *end - in)};
}

// A shot without a plate ends at its timeline's out, if it names one (its sets hold their last
// pose after their ends).
Status checkTimeInsideSets(double time, const scenes::Shot& shot) {
  if (!shot.timeline.out || time <= *shot.timeline.out - shot.timeline.in) return ok();
  const double end = *shot.timeline.out - shot.timeline.in;
  return Error{"--time", fmt::format("{} s is after the end of the shot at {} s from its in point", time, end),
               fmt::format("the last frame shows at --time {}", end)};
}

// Where the eye stands: --pos (else the capture point), moved half the IPD along the head's
// right for --eye right and left for --eye left.
Result<glm::vec3> eyePosition(const RenderArgs& args, Eye eye, const glm::vec3& capturePoint,
                              const glm::quat& orientation) {
  glm::vec3 p = capturePoint;
  if (!args.pos.empty()) {
    auto xyz = parseTriple(args.pos, 1e4, "--pos");
    if (!xyz) return xyz.error();
    p = glm::vec3(static_cast<float>((*xyz)[0]), static_cast<float>((*xyz)[1]), static_cast<float>((*xyz)[2]));
  }
  const float half = static_cast<float>(args.ipd / 2);
  return p + orientation * glm::vec3(eye == Eye::Right ? half : -half, 0.0f, 0.0f);
}

// A bare glTF set or splat capture: at the stage's origin, no background, seen from the
// capture point.
int runRenderSet(const RenderArgs& args, const engine::StillRequest& base, Eye eye) {
  if (args.markers || args.filmFrame || args.blocking || !args.mediaId.empty() || !args.projection.empty() ||
      !args.stereo.empty())
    return reportError(Error{args.input,
                             "--markers, --film-frame, --blocking, --media, --projection and --stereo need a shot or a "
                             "video, not a bare set",
                             ""});
  player::StillScene scene;
  if (player::isSplatPath(args.input)) {
    auto splats = player::loadBareSplats(args.input);
    if (!splats) return reportError(splats.error());
    scene.splats.push_back(std::move(*splats));
  } else {
    auto set = player::loadBareSet(args.input);
    if (!set) return reportError(set.error());
    scene.sets.push_back(std::move(*set));
  }
  engine::StillRequest request = base;
  auto position = eyePosition(args, eye, player::capturePointOf(nullptr), request.view.orientation);
  if (!position) return reportError(position.error());
  request.view.position = *position;
  auto device = engine::Device::create();
  if (!device) return reportError(device.error());
  scene.shotSeconds = args.time;  // the set's first animation is posed at --time
  auto image = player::renderStillScene(*device, std::move(scene), request);
  if (!image) {
    Error error = image.error();
    if (error.where == "output size") error.where = "--size " + args.size;
    return reportError(error);
  }
  if (auto written = writePng(args.output, *image); !written) return reportError(written.error());
  spdlog::info("render: wrote {} ({}x{})", args.output, image->width, image->height);
  return 0;
}

int runRender(const RenderArgs& args) {
  auto size = parsePictureSize(args.size, 1, 16384, "--size");
  if (!size) return reportError(size.error());
  auto eye = parseEye(args.eye);
  if (!eye) return reportError(Error{"--eye", "expected left or right, found " + scenes::quote(args.eye), ""});
  engine::StillRequest base;
  base.view = engine::viewFromV360({args.yaw, args.pitch, args.roll, args.hfov, args.vfov});
  base.eye = *eye;
  base.width = size->width;
  base.height = size->height;
  if (player::isGltfPath(args.input) || player::isSplatPath(args.input)) return runRenderSet(args, base, *eye);

  // A shot of sets only renders them on black; anything else through its plate.
  auto withoutPlate = player::shotWithoutPlate(args.input, args.mediaId);
  if (!withoutPlate) return reportError(withoutPlate.error());
  std::optional<player::OpenedPlate> plate;
  if (*withoutPlate) {
    if (!args.projection.empty() || !args.stereo.empty())
      return reportError(
          Error{args.input, "--projection and --stereo need a plate; this shot has none (sets only)", ""});
    if (auto s = checkTimeInsideSets(args.time, **withoutPlate); !s) return reportError(s.error());
  } else {
    auto opened = player::openPlate(args.input, args.mediaId, /*strict=*/true);
    if (!opened) return reportError(opened.error());
    plate.emplace(std::move(*opened));
    if (auto s = player::overrideLayout(plate->layout, args.projection, args.stereo); !s) return reportError(s.error());
    if (auto s = checkTimeInside(args.time, *plate); !s) return reportError(s.error());
  }
  const scenes::Shot* shot = plate ? (plate->input.shot ? &*plate->input.shot : nullptr) : &**withoutPlate;

  // A shot's time is counted from its timeline's in point; a bare video's from its first frame.
  // The plate shows its media time there by its start and offset; outside it, no plate.
  const double shotTime = args.time + (shot ? shot->timeline.in : 0.0);
  std::optional<media::DecodedFrame> frame;
  if (plate) {
    const media::TrackTime plateTime = media::TrackTiming{.startSeconds = plate->input.startSeconds,
                                                          .offsetSeconds = plate->input.offsetSeconds,
                                                          .rate = 1.0,
                                                          .mediaEndSeconds = std::nullopt}
                                           .at(shotTime);
    if (plateTime.place != media::TrackPlace::Before) {
      // Past the plate's end (the shot's end, within a frame of it): its last frame.
      auto decoded = plate->source.frameAt(plateTime.mediaSeconds, media::SeekIntent::Still);  // one picture
      if (!decoded) return reportError(decoded.error());
      frame = std::move(*decoded);
      spdlog::debug("render: frame {} at {:.3f} s for t={:.3f} s", frame->index, frame->seconds, shotTime);
    }
  }

  auto device = engine::Device::create();
  if (!device) return reportError(device.error());
  const std::optional<FrameView> frameView = frame ? std::optional<FrameView>(frame->view()) : std::nullopt;

  engine::StillRequest request = base;
  if (plate) {
    request.layout = plate->layout;
    request.yawOffsetDeg = static_cast<float>(plate->input.yawOffsetDeg);
  }
  if ((args.markers || args.filmFrame || args.blocking) && shot == nullptr)
    return reportError(Error{args.input, "--markers, --film-frame and --blocking need a shot, not a bare video", ""});
  if (args.blocking && shot->blocking.empty())
    return reportError(Error{args.input + ": /blocking", "the shot has no blocking for --blocking", ""});
  if (args.filmFrame && !shot->camera)
    return reportError(Error{args.input + ": /camera", "the shot names no film camera for --film-frame", ""});
  auto position = eyePosition(args, *eye, player::capturePointOf(shot), request.view.orientation);
  if (!position) return reportError(position.error());
  request.view.position = *position;
  player::StillScene scene;
  scene.plate = frameView ? &*frameView : nullptr;  // before the plate's start: no plate
  // An rgbd plate: its colour and depth, as geometry the eye's --pos sees with parallax.
  std::unique_ptr<player::RgbdPicture> rgbd;
  std::optional<player::RgbdPictureFrame> rgbdFrame;
  if (plate && plate->input.rgbd && shot != nullptr && frame) {
    for (const scenes::MediaRef& m : shot->media) {
      if (m.kind != scenes::MediaKind::Rgbd || m.path.string() != plate->input.url) continue;
      auto opened = player::RgbdPicture::open(*shot, m, plate->source.info(), plate->layout);
      if (!opened) return reportError(opened.error());
      rgbd = std::move(*opened);
      break;
    }
    if (rgbd) {
      auto picture = rgbd->picture(*frame);
      if (!picture) return reportError(picture.error());
      rgbdFrame = *picture;
      rgbdFrame->layout = plate->layout;  // with --projection and --stereo applied
      scene.rgbd = &*rgbdFrame;
      scene.rgbdPlacement = rgbd->placement();
    }
  }
  scene.shotSeconds = shotTime;
  if (shot != nullptr) {
    auto sets =
        player::loadShotSets(*shot, player::SetFailure::Refuse, player::SequenceRead::Exact, args.sequenceBudgetMiB);
    if (!sets) return reportError(sets.error());
    scene.sets = std::move(*sets);
    auto splats =
        player::loadShotSplats(*shot, player::SetFailure::Refuse, player::SequenceRead::Exact, args.sequenceBudgetMiB);
    if (!splats) return reportError(splats.error());
    scene.splats = std::move(*splats);
  }
  std::optional<player::ViewOverlay> overlay;
  if (args.markers || args.filmFrame || args.blocking || rgbd) {
    player::ViewOverlayOptions o;
    if (args.markers) o.markers = shot->markers;
    if (args.blocking) o.blocking = shot->blocking;
    if (args.filmFrame) o.filmFrame = player::FilmFrameOptions{*shot->camera, true};
    // An rgbd plate's head box on the floor, where --pos nears or leaves it.
    if (rgbd) o.headBox = ui::HeadBoxFloor{rgbd->placement().origin, rgbd->placement().headBoxM};
    overlay.emplace(std::move(o));
    overlay->setOrigin(player::capturePointOf(shot));
    scene.overlay = &*overlay;
  }
  Result<engine::RgbaImage> image = player::renderStillScene(*device, std::move(scene), request);
  if (!image) {
    Error error = image.error();
    // The engine knows no files: a problem with the frame is one with this file's frame.
    if (error.where == "frame" && frame && plate)
      error.where = plate->source.info().url + "@frame " + std::to_string(frame->index);
    if (error.where == "output size") error.where = "--size " + args.size;
    return reportError(error);
  }
  if (auto written = writePng(args.output, *image); !written) return reportError(written.error());
  spdlog::info("render: wrote {} ({}x{}, frame {})", args.output, image->width, image->height,
               frame ? std::to_string(frame->index)
                     : std::string(plate ? "none: before the plate" : "none: the shot has no plate"));
  return 0;
}

}  // namespace

void addRenderCommand(CLI::App& app, CommandOutcome& outcome) {
  auto args = std::make_shared<RenderArgs>();
  CLI::App* cmd = app.add_subcommand(
      "render",
      "Render one view of a shot or video headlessly to a PNG. The angles follow FFmpeg's v360\n"
      "filter (yaw turns right, pitch looks up, roll as v360 rolls), so the same numbers give the\n"
      "same view as `ffmpeg -vf v360=input=e:output=flat:yaw=..:pitch=..:roll=..:h_fov=..:v_fov=..`.");
  cmd->add_option("input", args->input,
                  "a video file, a shot.json, a shot package folder, or a glTF set (.glb, .gltf) to see alone")
      ->required();
  cmd->add_option("-o,--output", args->output, "the PNG to write (written atomically)")->required();
  cmd->add_option("--time", args->time,
                  "seconds: shot time for a shot (from its in point), media time for a video; up to the\n"
                  "shot's end (its timeline out, else the video's end), which shows the last frame")
      ->check(finiteIn(0, 1e9));
  cmd->add_option("--yaw", args->yaw, "degrees, right-positive")->check(finiteIn(-360, 360));
  cmd->add_option("--pitch", args->pitch, "degrees, up-positive")->check(finiteIn(-180, 180));
  cmd->add_option("--roll", args->roll, "degrees, as v360")->check(finiteIn(-360, 360));
  cmd->add_option("--hfov", args->hfov, "horizontal field of view, degrees")->check(finiteIn(1, 179));
  cmd->add_option("--vfov", args->vfov, "vertical field of view, degrees")->check(finiteIn(1, 179));
  cmd->add_option("--size", args->size, "output size WIDTHxHEIGHT")->capture_default_str();
  cmd->add_option("--eye", args->eye, "left or right: which eye's picture of a stereo source")->capture_default_str();
  cmd->add_option("--media", args->mediaId, "with a shot: the id of the medium to render (default: the plate)");
  cmd->add_option("--projection", args->projection, "override the detected projection: 360 or 180");
  cmd->add_option("--stereo", args->stereo, "override the detected stereo layout: mono, top-bottom or left-right");
  cmd->add_flag("--markers", args->markers,
                "draw the shot's narration markers active at --time (pins, cards, edge arrows)");
  cmd->add_option("--pos", args->pos,
                  "X,Y,Z: where the eye stands, in stage metres (the floor is y = 0); default: the shot's\n"
                  "capture point (its origin, 1.6 m above the floor unless it says otherwise)");
  cmd->add_option("--ipd", args->ipd,
                  "metres between the eyes: --eye left and right stand half of it either side of --pos")
      ->check(finiteIn(0, 1));
  cmd->add_flag("--blocking", args->blocking,
                "draw the shot's blocking at --time: floor marks, actors where their paths put them (with\n"
                "their trails), the dolly track and the kept measurements");
  cmd->add_flag("--film-frame", args->filmFrame,
                "draw the film camera's frustum and frame, with its clip playing inside");
  addSequenceBudgetOption(*cmd, args->sequenceBudgetMiB);
  cmd->callback([args, &outcome] { outcome.exitCode = runRender(*args); });
}

}  // namespace ps::tools
