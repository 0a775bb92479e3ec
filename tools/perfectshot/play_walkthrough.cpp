#include "play_walkthrough.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "cli_numbers.h"
#include "media/audio_source.h"
#include "media/voice_capture.h"
#include "media/voice_file_input.h"
#include "scenes/atomic_file.h"

namespace ps::tools {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMostVoiceBytes = 1u << 30;

}  // namespace

std::optional<std::string> WalkthroughArgs::flag() const {
  if (!record.empty()) return "--record-walkthrough";
  if (!tour.empty()) return "--tour";
  return std::nullopt;
}

void addWalkthroughOptions(CLI::App& command, WalkthroughArgs& args) {
  CLI::Option* record =
      command.add_option("--record-walkthrough", args.record,
                         "NAME: record the director's walkthrough (head pose each frame, the controller's ray, the\n"
                         "timeline's play/pause/seek/step/rate) into the shot as walkthroughs/NAME.json, saved every\n"
                         "2 s and at the end");
  CLI::Option* voice = command.add_option("--walkthrough-voice", args.voice,
                                          "with --record-walkthrough: a sound file recorded elsewhere, copied into the\n"
                                          "package and heard in the tour from where the director stood")
                           ->needs(record);
  command.add_flag("--walkthrough-mic", args.mic,
                   "with --record-walkthrough: record the director's voice from the microphone (or --voice-input's\n"
                   "file) as they walk, into the package as walkthroughs/NAME.voice.wav; without a microphone the\n"
                   "walkthrough is recorded without it (said once)")
      ->needs(record)
      ->excludes(voice);
  command.add_option("--walkthrough-voice-at", args.voiceAt,
                     "with --walkthrough-voice: the recording's second where the voice starts (default 0)")
      ->check(finiteIn(0, 86400))
      ->needs(voice);
  CLI::Option* tour = command.add_option(
      "--tour", args.tour,
      "NAME: play the shot as the director's recorded walkthrough: the timeline does what theirs did,\n"
      "their gaze glows in the picture, their voice comes from where they stood; a window or offscreen\n"
      "view follows their head (F toggles looking freely; headset: an arrow points to the gaze, the\n"
      "left squeeze toggles it)");
  tour->excludes(record);
  command.add_flag("--tour-look-freely", args.lookFreely, "with --tour: start looking freely instead of following")
      ->needs(tour);
}

Result<scenes::VoiceSegment> copyVoiceIntoPackage(const fs::path& packageRoot, const std::string& name,
                                                  const fs::path& file, double atSeconds) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return Error{file.string(), "the voice is not a regular file", ""};
  if (fs::file_size(file, ec) > kMostVoiceBytes) return Error{file.string(), "the voice is larger than 1 GiB", ""};
  auto sound = media::AudioSource::open(file.string());
  if (!sound) return sound.error();
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext.empty() || !std::all_of(ext.begin() + 1, ext.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }))
    ext = ".audio";
  const std::string src = std::string(scenes::kWalkthroughFolder) + "/" + name + ".voice" + ext;
  std::ifstream in(file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return Error{file.string(), "cannot read the voice", ""};
  fs::create_directories(packageRoot / scenes::kWalkthroughFolder, ec);
  if (ec) return Error{(packageRoot / scenes::kWalkthroughFolder).string(), "cannot make the folder: " + ec.message(), ""};
  if (auto written = scenes::writeFileAtomically(packageRoot / src, bytes); !written) return written.error();
  spdlog::info("walkthrough: the voice {} ({:.1f} s, {}) is in the package as {}", file.string(),
               sound->info().durationSeconds, sound->info().codec, src);
  scenes::VoiceSegment segment;
  segment.src = src;
  segment.path = packageRoot / src;
  segment.atSeconds = atSeconds;
  return segment;
}

Status PlayWalkthrough::open(const WalkthroughArgs& args, const std::string& voiceInput, player::ShotPlayback& playback,
                             xr::Display& display, bool offscreen, bool overlay, player::PlayerLoopOptions& options) {
  const auto flag = args.flag();
  if (!flag) return ok();
  if (playback.shotFile.empty())
    return Error{*flag, "a walkthrough lives in a shot package; give the package folder or its shot.json", ""};
  const fs::path root = playback.shotFile.parent_path();
  if (!args.record.empty()) {
    player::WalkthroughRecorder::Options o;
    o.packageRoot = root;
    o.name = args.record;
    o.frameSeconds = playback.player->transport().frameSeconds();
    // The name first: a voice is copied in only for a recording that can be made.
    if (auto fresh = scenes::checkNewWalkthrough(root, o.name); !fresh) return fresh.error();
    if (!args.voice.empty()) {
      auto segment = copyVoiceIntoPackage(root, o.name, args.voice, args.voiceAt);
      if (!segment) return segment.error();
      o.voice.push_back(std::move(*segment));
    }
    if (args.mic && !voiceInput.empty()) {
      auto file = media::openVoiceFile(voiceInput);
      if (!file) return file.error();
      o.voiceInput = std::move(file).value();
    } else if (args.mic) {
      auto mic = media::openMicrophone();
      if (mic)
        o.voiceInput = std::move(mic).value();
      else
        spdlog::warn("walkthrough: recorded without a voice: {}", mic.error().message());
    }
    auto started = player::WalkthroughRecorder::start(std::move(o));
    if (!started) return started.error();
    recorder_ = std::move(*started);
    spdlog::info("walkthrough: recording into {}", recorder_->file().string());
    return ok();
  }
  auto w = scenes::readWalkthrough(root, args.tour);
  if (!w) return w.error();
  player::WalkthroughTour::Options o;
  o.walkthrough = std::move(*w);
  o.follow = !args.lookFreely;
  o.quitAtEnd = offscreen;
  o.output = playback.output();
  if (!o.walkthrough.voice.empty() && o.output == nullptr)
    spdlog::info("tour: no sound here; the director's voice is not played");
  tour_ = std::make_unique<player::WalkthroughTour>(display, *playback.player, std::move(o));
  if (overlay && !options.overlay) options.overlay.emplace();
  // The tour says when it is over; the shot plays on around it.
  if (offscreen) options.loop = true;
  return ok();
}

player::LoopDirector* PlayWalkthrough::director() {
  if (recorder_) return recorder_.get();
  return tour_.get();
}

Status PlayWalkthrough::finish() {
  if (!recorder_) return ok();
  return recorder_->finish();
}

}  // namespace ps::tools
