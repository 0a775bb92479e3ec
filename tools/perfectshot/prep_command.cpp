// perfectshot prep: a camera master in, a shot package for headsets out (playback
// encode, all-intra scrub proxy, thumbnail strip, shot.json), built aside and renamed
// into place so that no interruption leaves half a package.
#include <charconv>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli_numbers.h"
#include "commands.h"
#include "ffmpeg_job.h"
#include "player/plate_input.h"
#include "media/ffmpeg_url.h"
#include "partial_package.h"
#include "prep_plan.h"
#include "prep_soundtrack.h"
#include "prep_rgbd.h"
#include "prep_sequence_command.h"
#include "splat_prep.h"
#include "progress_bar.h"
#include "quit_signals.h"
#include "report.h"
#include "scenes/atomic_file.h"

namespace ps::tools {

namespace {

constexpr int kExitInterrupted = 130;  // as a shell reports a command ended by Ctrl-C

struct Args {
  std::string video;
  std::string out;
  bool force = false;
  std::string projection, stereo, size, title, maxWidth, codec = "h264";
  std::string preset = "medium";
  SequencePrepArgs sequence;  // a folder of mesh frames: the volumetric capture branch
  std::vector<const CLI::Option*> plateOnly, sequenceOnly;
  const CLI::Option* presetOption = nullptr;
  RgbdPrepArgs rgbd;  // an RGB-D master: --depth FILE or --stacked
  std::vector<const CLI::Option*> rgbdOnly;
  int spzVersion = 3;  // a splat capture's SPZ
  const CLI::Option* spzVersionOption = nullptr;
  std::string splatForm = "spz";  // a 4D splat capture's form: per-frame SPZ or the compact video
  const CLI::Option* splatFormOption = nullptr;
};

// A splat capture (.ply or .spz, or a folder of numbered frames of one) goes to prepSplats;
// options of the other branches are refused with it, and --spz-version without it.
// Nothing: not a splat capture.
std::optional<int> runSplatsOrRefuse(const Args& args) {
  if (!isSplatInput(args.video)) {
    for (const CLI::Option* o : {args.spzVersionOption, args.splatFormOption})
      if (o->count() > 0) return reportError(Error{o->get_name(), "is for a splat capture (.ply, .spz or a folder of them)", ""});
    return std::nullopt;
  }
  for (const auto* group : {&args.plateOnly, &args.sequenceOnly, &args.rgbdOnly})
    for (const CLI::Option* o : *group)
      if (o->count() > 0) return reportError(Error{o->get_name(), "is not for a splat capture", ""});
  if (args.presetOption->count() > 0) return reportError(Error{"--preset", "is for the encodes; a splat capture has none", ""});
  if (auto s = media::requireLocalPath(args.out, "the package folder"); !s) return reportError(s.error());
  QuitSignals quit;
  ProgressBar bar("prep");
  if (args.splatForm == "video" && args.spzVersionOption->count() > 0)
    return reportError(Error{"--spz-version", "is for per-frame SPZ; --splat-form video writes none", ""});
  SplatPrepOptions options{.input = args.video,
                           .out = args.out,
                           .force = args.force,
                           .spzVersion = args.spzVersion,
                           .video = args.splatForm == "video"};
  auto outcome = prepSplats(options, [&](double f) { bar.update(f); }, [&] { return quit.received(); });
  if (!outcome) return reportError(outcome.error());
  if (outcome->interrupted) {
    spdlog::warn("prep: interrupted; nothing was written to {}", args.out);
    return kExitInterrupted;
  }
  bar.finish();
  const double ratio =
      outcome->inputBytes > 0 ? static_cast<double>(outcome->bytes) / static_cast<double>(outcome->inputBytes) : 0;
  std::cout << fmt::format("prep: wrote {} ({} {}, {} splats, SH degree {}, {} {:.1f} MiB, {:.0f}% of the input); {}\n",
                           args.out, outcome->frames, outcome->frames == 1 ? "frame" : "frames", outcome->splats,
                           outcome->shDegree, options.video ? std::string("splat video") : fmt::format("SPZ v{}", args.spzVersion),
                           static_cast<double>(outcome->bytes) / (1 << 20),
                           ratio * 100,
                           outcome->sequence ? "the folder is the splat-sequence's src"
                                             : std::string("its ") + kSplatsFile + " is the splats medium's src");
  return 0;
}

// An RGB-D master (--depth or --stacked) goes to runRgbdPrep; options for plates or mesh
// frames are refused with it, and its own options without it. Nothing: not an RGB-D master.
std::optional<int> runRgbdOrRefuse(Args& args) {
  const bool rgbd = !args.rgbd.depth.empty() || args.rgbd.stacked;
  if (!rgbd) {
    for (const CLI::Option* o : args.rgbdOnly)
      if (o->count() > 0) return reportError(Error{o->get_name(), "is for an RGB-D master: give --depth FILE or --stacked", ""});
    return std::nullopt;
  }
  if (!args.rgbd.depth.empty() && args.rgbd.stacked)
    return reportError(Error{"--stacked", "the master is either one stacked video or colour and --depth, not both", ""});
  for (const CLI::Option* o : args.sequenceOnly)
    if (o->count() > 0) return reportError(Error{o->get_name(), "is for a folder of mesh frames, not an RGB-D master", ""});
  for (const CLI::Option* o : args.plateOnly)
    if (o->count() > 0 && (o->get_name() == "--stereo" || o->get_name() == "--size"))
      return reportError(Error{o->get_name(), "is not supported for an RGB-D master (mono, delivered at its own size)", ""});
  if (args.rgbd.encoding.empty() || args.rgbd.nearM <= 0 || args.rgbd.farM <= 0)
    return reportError(Error{"prep", "an RGB-D master needs --depth-encoding, --near and --far", ""});
  args.rgbd.colour = args.video;
  args.rgbd.out = args.out;
  args.rgbd.force = args.force;
  args.rgbd.projection = args.projection;
  args.rgbd.title = args.title;
  args.rgbd.preset = args.preset;
  return runRgbdPrep(args.rgbd);
}

// A folder is a volumetric capture, a file a camera master; an option of the other kind is
// refused rather than ignored. Nothing: a master, for runPrep.
std::optional<int> runSequenceOrRefuse(Args& args) {
  const bool folder = std::filesystem::is_directory(args.video);
  for (const CLI::Option* o : folder ? args.plateOnly : args.sequenceOnly)
    if (o->count() > 0)
      return reportError(Error{o->get_name(), folder ? "is for a camera master, not a folder of mesh frames"
                                                     : "is for a folder of mesh frames, not a camera master",
                               ""});
  if (!folder) return std::nullopt;
  if (args.presetOption->count() > 0 && args.sequence.atlas.empty())
    return reportError(Error{"--preset", "is for the encodes; without --atlas a capture has none", ""});
  args.sequence.input = args.video;
  args.sequence.out = args.out;
  args.sequence.force = args.force;
  args.sequence.preset = args.preset;
  return runSequencePrep(args.sequence);
}

// --max-width: a number of pixels (even, 256..16384) or "full" (the master's own width).
Status parseMaxWidth(const std::string& text, PrepOptions& options) {
  if (text.empty()) return ok();
  if (text == "full") {
    options.maxWidth = kFullWidth;
    return ok();
  }
  int width = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), width);
  if (ec != std::errc() || end != text.data() + text.size() || width < 256 || width > 16384 || width % 2 != 0)
    return Error{"--max-width", "expected an even width between 256 and 16384, or full, found \"" + text + "\"", ""};
  options.maxWidth = width;
  return ok();
}

Status parseSize(const std::string& text, PrepOptions& options) {
  if (text.empty()) return ok();
  auto size = parsePictureSize(text, 16, 16384, "--size");
  if (!size) return size.error();
  options.playbackWidth = static_cast<int>(size->width);
  options.playbackHeight = static_cast<int>(size->height);
  return ok();
}

bool isThumbnail(const std::filesystem::path& p) {
  const std::string name = p.filename().string();
  return name.starts_with("thumb-") && name.ends_with(".png");
}

int countThumbnails(const std::filesystem::path& dir) {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) n += isThumbnail(e.path()) ? 1 : 0;
  return n;
}

// The single thumbnails are in the strip now; the package holds only what shot.json names.
void removeThumbnails(const std::filesystem::path& dir) {
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (isThumbnail(e.path())) std::filesystem::remove(e.path());
}

// The real length of the playback encode: what the master held, which its header
// may overstate (a truncated copy).
Result<double> encodedSeconds(const std::filesystem::path& file, const std::string& master,
                              const FfmpegJobResult& job) {
  media::DecodeOptions options;
  options.threads = 1;
  auto plate = media::VideoSource::open(file.string(), options);
  if (!plate || plate->info().durationSeconds <= 0 || plate->info().frameCount.value_or(1) <= 0)
    return Error{master, "no frame of the master could be decoded", job.errorSummary()};
  return plate->info().durationSeconds;
}

// Whether the master ended well before the length its header gives: more than a few
// frames short, beyond what rounding to the output frame rate explains.
bool endsEarly(const media::StreamInfo& master, double encoded) {
  if (master.durationSeconds <= 0) return false;
  const double frame = master.frameRate.valid() ? 1 / master.frameRate.toDouble() : 1.0 / 30;
  return encoded < master.durationSeconds - std::max(3 * frame, 0.02 * master.durationSeconds);
}

int runPrep(const Args& args) {
  // Before any thread: SIGINT/SIGTERM become something the encode loop polls, so the
  // partial package is removed instead of the process dying with it in place.
  QuitSignals quit;
  PrepOptions options{.title = args.title, .preset = args.preset};
  if (!args.size.empty() && !args.maxWidth.empty())
    return reportError(Error{"--max-width", "caps the master's width; --size gives the size outright: one or the other", ""});
  if (auto s = parseSize(args.size, options); !s) return reportError(s.error());
  if (auto s = parseMaxWidth(args.maxWidth, options); !s) return reportError(s.error());
  options.codec = args.codec == "hevc" ? PlaybackCodec::Hevc : PlaybackCodec::H264;
  if (auto s = media::requireLocalPath(args.out, "the package folder"); !s) return reportError(s.error());

  // First: an existing package is refused before any work.
  auto package = PartialPackage::create(args.out, args.force);
  if (!package) return reportError(package.error());
  auto plate = player::openPlate(args.video, "", /*strict=*/false, /*threads=*/1);
  if (!plate) return reportError(plate.error());
  auto masterUrl = media::inputFileUrl(plate->input.url);
  if (!masterUrl) return reportError(masterUrl.error());
  FrameLayout layout = plate->layout;
  if (auto s = player::overrideLayout(layout, args.projection, args.stereo); !s) return reportError(s.error());
  media::StreamInfo info = plate->source.info();
  spdlog::info("prep: {} is {}x{} {} fps, {:.2f} s; projection {} ({}), stereo {} ({})", args.video, info.width,
               info.height, info.frameRate.toDouble(), info.durationSeconds, toString(layout.projection),
               toString(layout.projectionSource), toString(layout.stereo), toString(layout.stereoSource));

  PrepPlan plan = planPrep(info, layout, options);
  if (options.codec == PlaybackCodec::H264 && plan.playback.width > kPlaybackMaxWidth)
    spdlog::warn("prep: an H.264 plate {} wide plays on few headsets' decoders (most stop at {}); --codec hevc for this width",
                 plan.playback.width, kPlaybackMaxWidth);
  plan.ambisonic = masterSoundtrackIsAmbix(args.video);
  ProgressBar bar("prep");
  const double duration = std::max(info.durationSeconds, 1e-3);
  const auto shouldStop = [&] { return quit.received(); };
  auto job = runFfmpegJob(
      prepFfmpegArgs(*masterUrl, info, layout, plan, options, package->dir()),
      [&](double outSeconds) { bar.update(outSeconds / duration); }, shouldStop);
  if (!job) return reportError(job.error());
  // Ctrl-C in a terminal reaches ffmpeg too, which may end by itself before we stop it.
  const auto interrupted = [&] {
    spdlog::warn("prep: interrupted; nothing was written to {}", args.out);
    return kExitInterrupted;  // the package's destructor removes the partial folder
  };
  if (job->stopped || quit.received()) return interrupted();
  if (job->exitCode != 0) return reportError(Error{args.video, "ffmpeg could not encode it", job->errorSummary()});

  auto encoded = encodedSeconds(package->dir() / kPlaybackFile, args.video, *job);
  if (!encoded) return reportError(encoded.error());
  const bool truncated = endsEarly(info, *encoded);
  if (truncated)
    spdlog::warn("prep: {}: truncated or damaged: its header says {:.3f} s but only {:.3f} s could be decoded; "
                 "the package holds those {:.3f} s (copy the master again for all of it)",
                 args.video, info.durationSeconds, *encoded, *encoded);
  const double headerSeconds = info.durationSeconds;
  // timeline.out is where the plate ends, never past it.
  info.durationSeconds = *encoded;

  // As many thumbnails as ffmpeg's fps filter made (the end may round either way).
  plan.thumbnailCount = countThumbnails(package->dir());
  plan.thumbnailColumns = std::clamp(plan.thumbnailCount, 1, plan.thumbnailColumns);
  if (plan.thumbnailCount == 0)
    return reportError(Error{args.video, fmt::format("ffmpeg made no thumbnails of its {:.3f} s", *encoded),
                             job->errorSummary()});
  job = runFfmpegJob(stripFfmpegArgs(plan, package->dir()), [](double) {}, shouldStop);
  if (!job) return reportError(job.error());
  if (job->stopped || quit.received()) return interrupted();
  if (job->exitCode != 0)
    return reportError(Error{args.video, "ffmpeg could not tile the thumbnails", job->errorSummary()});
  removeThumbnails(package->dir());
  bar.finish();

  // shot.json last: until the rename below, nothing looks like a package.
  if (auto s = scenes::writeFileAtomically(package->dir() / "shot.json", prepShotJson(info, layout, plan, options)); !s)
    return reportError(s.error());
  if (auto s = package->commit(); !s) return reportError(s.error());
  std::cout << fmt::format("prep: wrote {} (playback {}x{}, proxy {}x{} all-intra, {} thumbnails every {} s)\n",
                           args.out, plan.playback.width, plan.playback.height, plan.proxy.width, plan.proxy.height,
                           plan.thumbnailCount, plan.thumbnailInterval);
  if (truncated)
    std::cout << fmt::format("prep: warning: the master is truncated: the package holds {:.3f} s of the {:.3f} s "
                             "its header gives\n",
                             *encoded, headerSeconds);
  return 0;
}

}  // namespace

void addPrepCommand(CLI::App& app, CommandOutcome& outcome) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "prep",
      "Turns a camera master into a shot package for headsets: plate.mp4 (H.264, or HEVC with --codec;\n"
      "1 s GOP; at most 4096 wide unless --max-width says otherwise; stereo packing kept), proxy.mp4 (all-intra, at most 2048 wide, for scrubbing), strip.png\n"
      "(thumbnails for the scrubber) and shot.json (projection and stereo as detected, or as given).\n"
      "The package is built beside SHOT_DIR and renamed into place when complete; an interrupted run\n"
      "leaves nothing at SHOT_DIR.\n"
      "Given a folder of numbered .obj, .ply or .glb frames (a volumetric capture), it makes a mesh\n"
      "sequence instead: frame_NNNNNN.glb compressed (--compression), frames.json (every frame's file,\n"
      "size, triangles and bounds: the sequence's src in shot.json) and, with --atlas, atlas.mp4\n"
      "(H.264, short GOPs) and atlas_proxy.mp4 (all-intra).\n"
      "Given a Gaussian splat capture (.ply or .spz) it writes splats.spz; given a folder of numbered\n"
      "splat frames (a 4D capture) it writes frame_NNNNNN.spz, the splat sequence's src.");
  cmd->add_option("video", args->video, "the camera master, a folder of numbered mesh frames, or a splat capture")
      ->required()
      ->check(CLI::ExistingPath);
  cmd->add_option("-o,--output", args->out, "the package folder to create (a local path)")->required();
  cmd->add_flag("--force", args->force, "replace an existing package");
  args->plateOnly = {
      cmd->add_option("--projection", args->projection, "360 or 180; overrides what is detected"),
      cmd->add_option("--stereo", args->stereo, "mono, top-bottom or left-right; overrides what is detected"),
      cmd->add_option("--size", args->size, "WIDTHxHEIGHT of the playback encode (default: the master's, at most 4096 wide)"),
      cmd->add_option("--max-width", args->maxWidth,
                      "the playback encode's widest (default 4096, what headsets' H.264 decoders take), or full:\n"
                      "an 8K master kept at full resolution, best with --codec hevc"),
      cmd->add_option("--codec", args->codec, "the playback encode's codec: h264 (every headset) or hevc (8K, 10-bit masters)")
          ->check(CLI::IsMember({"h264", "hevc"}))
          ->capture_default_str(),
      cmd->add_option("--title", args->title, "the shot's title in shot.json")};
  args->presetOption = cmd->add_option("--preset", args->preset, "x264 preset of the playback encode (and of a capture's atlas)")
      ->check(CLI::IsMember({"ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower"}))
      ->capture_default_str();
  args->sequenceOnly = {
      cmd->add_option("--compression", args->sequence.compression, "a capture's mesh compression: draco (the smallest files) or meshopt (files about 5x\n"
                      "larger, decoded several times faster: scrubs to an exact frame of 100k triangles within one\n"
                      "30 fps frame, where Draco takes longer; BENCHMARKS.md)")
          ->check(CLI::IsMember({"draco", "meshopt"}))
          ->capture_default_str(),
      cmd->add_option("--atlas", args->sequence.atlas,
                      "a capture's texture atlas: a video, or a folder of numbered .png/.jpg images (frame i: image i)")
          ->check(CLI::ExistingPath),
      cmd->add_option("--fps", args->sequence.fps, "a capture's frames per second (the atlas's timing)")
          ->check(CLI::Range(0.001, 1000.0))
          ->capture_default_str()};
  args->rgbdOnly = {
      cmd->add_option("--depth", args->rgbd.depth, "an RGB-D master's depth video (the master is its colour)")
          ->check(CLI::ExistingFile),
      cmd->add_flag("--stacked", args->rgbd.stacked, "the master is an RGB-D video: colour on top, depth below"),
      cmd->add_option("--depth-encoding", args->rgbd.encoding, "an RGB-D master's depth: linear or inverse (a grey plane)")
          ->check(CLI::IsMember({"linear", "inverse"})),
      cmd->add_option("--near", args->rgbd.nearM, "an RGB-D master's near depth in metres")->check(CLI::PositiveNumber),
      cmd->add_option("--far", args->rgbd.farM, "an RGB-D master's far depth in metres")->check(CLI::PositiveNumber),
      cmd->add_option("--delivery", args->rgbd.delivery,
                      "an RGB-D package's video: hevc10 (HEVC Main 10, colour over the master's depth coding) or\n"
                      "h264-split8 (8-bit H.264 4:4:4, lossless, inverse depth split over two bytes)")
          ->check(CLI::IsMember({"hevc10", "h264-split8"}))};
  args->spzVersionOption = cmd->add_option("--spz-version", args->spzVersion, "a splat capture's SPZ version: 2 or 3 (gzip), 4 (zstd)")
      ->check(CLI::Range(2, 4))
      ->capture_default_str();
  args->splatFormOption = cmd->add_option("--splat-form", args->splatForm,
                                          "a 4D splat capture's form: spz (a file a frame) or video (the compact form:\n"
                                          "attributes in a lossless 4:4:4 H.264 video, splat-video.json)")
      ->check(CLI::IsMember({"spz", "video"}))
      ->capture_default_str();
  cmd->callback([args, &outcome] {
    if (const std::optional<int> splats = runSplatsOrRefuse(*args)) {
      outcome.exitCode = *splats;
      return;
    }
    if (const std::optional<int> rgbd = runRgbdOrRefuse(*args)) {
      outcome.exitCode = *rgbd;
      return;
    }
    const std::optional<int> done = runSequenceOrRefuse(*args);
    outcome.exitCode = done ? *done : runPrep(*args);
  });
}

}  // namespace ps::tools
