// perfectshot lint: every problem of shots and playlists, one per line, and
// whether each referenced video opens and decodes its first frame. The checks of
// the format live in scenes/; decoding is media/'s, so that check lives here.
#include <spdlog/fmt/fmt.h>

#include <filesystem>
#include <iostream>
#include <set>

#include "commands.h"
#include "lint_files.h"
#include "lint_soundtrack.h"
#include "media/gltf_loader.h"
#include "media/mesh_sequence_files.h"
#include "media/splat_files.h"
#include "media/splat_sequence.h"
#include "media/splat_video.h"
#include "media/video_source.h"
#include "lint_rgbd.h"
#include "picture_limits.h"
#include "scenes/atomic_file.h"
#include "scenes/playlist.h"
#include "scenes/printable.h"
#include "scenes/shot_loader.h"
#include "scenes/video_times.h"
#include "scenes/text_file.h"
#include "scenes/walkthrough.h"
#include "media/audio_source.h"

namespace ps::tools {

namespace {

namespace fs = std::filesystem;
using scenes::Problem;
using scenes::Severity;

class Linter {
 public:
  explicit Linter(std::ostream& out = std::cout) : out_(out) {}
  int errors() const { return errors_; }
  void lintPath(const fs::path& arg) {
    const fs::path file = scenes::shotFile(arg);
    if (!linted_.insert(canonicalOr(file)).second) return;
    ++files_;
    auto text = scenes::readTextFile(file);
    if (!text) return print(file, {"", text.error().what + " (" + text.error().hint + ")"});
    reportLeftovers(file);
    if (scenes::looksLikePlaylist(text.value())) return lintPlaylist(file, text.value());
    lintShot(file, text.value());
  }

  // "N file(s): E error(s), W warning(s)"; exit 1 on any error.
  int finish() const {
    out_ << files_ << " file(s) checked: " << errors_ << " error(s), " << warnings_ << " warning(s)\n";
    return errors_ > 0 ? kExitUserError : 0;
  }

 private:
  static constexpr int kExitUserError = 1;

  static fs::path canonicalOr(const fs::path& p) {
    std::error_code ec;
    fs::path c = fs::weakly_canonical(p, ec);
    return ec ? p : c;
  }

  void print(const fs::path& file, const Problem& p) {
    (p.severity == Severity::Error ? errors_ : warnings_) += 1;
    out_ << scenes::diagnosticLine(file.string(), p) << "\n";
  }

  void lintShot(const fs::path& file, const std::string& text) {
    scenes::ShotParse parse = scenes::parseShot(text, file);
    std::set<std::string> bad;  // pointers already reported: no decode check on a path that is wrong
    for (const auto& p : parse.problems) {
      print(file, p);
      bad.insert(p.pointer);
    }
    const scenes::Shot& shot = parse.shot;
    // Each equirect video can be played (--media), so each must hold the shot's times, as
    // play checks the one it opens; a scrub proxy must reach as far as the timeline.
    for (const auto& m : shot.media)
      if ((m.kind == scenes::MediaKind::Equirect || m.kind == scenes::MediaKind::Rgbd) && !m.path.empty() &&
          !bad.contains(m.pointer + "/src"))
        if (auto length = checkVideo(file, m.pointer + "/src", m.src, m.path)) {
          for (const auto& p : scenes::checkTimesAgainstVideo(shot, m.src, *length, &m)) print(file, p);
          if (m.kind == scenes::MediaKind::Rgbd && !depthUnread(bad, m.pointer))
            for (const auto& p : lintRgbd(m)) print(file, p);
          if (m.kind == scenes::MediaKind::Rgbd && !bad.contains(m.pointer + "/background"))
            for (const auto& p : lintRgbdBackground(shot, m)) print(file, p);
        }
    for (const auto& m : shot.media)
      if (!m.proxyPath.empty() && !bad.contains(m.pointer + "/proxy"))
        if (auto length = checkVideo(file, m.pointer + "/proxy", m.proxySrc, m.proxyPath))
          for (const auto& p : scenes::checkTimelineAgainstVideo(shot, m.proxySrc, *length, &m)) print(file, p);
    for (const auto& m : shot.media)
      if (m.kind == scenes::MediaKind::Gltf && !m.path.empty() && !bad.contains(m.pointer + "/src"))
        checkSet(file, m, shot.root);
    for (const auto& m : shot.media)
      if (!bad.contains(m.pointer + "/src"))
        if (auto p = checkSoundtrack(m)) print(file, *p);
    for (const auto& m : shot.media)
      if (m.kind == scenes::MediaKind::MeshSequence && !m.path.empty() && !bad.contains(m.pointer + "/src"))
        checkSequence(file, m);
    for (const auto& m : shot.media)
      if ((m.kind == scenes::MediaKind::Splats || m.kind == scenes::MediaKind::SplatSequence) && !m.path.empty() &&
          !bad.contains(m.pointer + "/src"))
        checkSplats(file, m);
    if (shot.camera && shot.camera->clip && !shot.camera->clip->path.empty() &&
        !bad.contains(shot.camera->clip->pointer + "/src"))
      checkVideo(file, shot.camera->clip->pointer + "/src", shot.camera->clip->src, shot.camera->clip->path,
                 /*sphere=*/false);    lintWalkthroughs(file.parent_path());
  }

  // The package's directors' walkthroughs (walkthroughs/NAME.json): each problem in its own file,
  // its voice segments' sounds decoding.
  void lintWalkthroughs(const fs::path& root) {
    for (const std::string& name : scenes::walkthroughNames(root)) {
      const fs::path file = scenes::walkthroughFile(root, name);
      ++files_;
      reportLeftovers(file);
      if (auto named = scenes::checkWalkthroughName(name); !named) {
        print(file, {"", named.error().what});
        continue;
      }
      auto text = scenes::readTextFile(file, scenes::kMaxWalkthroughBytes);
      if (!text) {
        print(file, {"", text.error().message()});
        continue;
      }
      const scenes::WalkthroughParse parse = scenes::parseWalkthrough(*text, root);
      for (const Problem& p : parse.problems) print(file, p);
      if (!parse.walkthrough.name.empty() && parse.walkthrough.name != name)
        print(file, {"/name", "the file is " + scenes::quote(name + ".json") + " but names the walkthrough " +
                                  scenes::quote(parse.walkthrough.name)});
      for (std::size_t i = 0; i < parse.walkthrough.voice.size(); ++i)
        if (const auto& v = parse.walkthrough.voice[i]; !v.path.empty())
          if (auto sound = media::AudioSource::open(v.path.string()); !sound)
            print(file, {"/voice/" + std::to_string(i) + "/src", sound.error().message()});
    }
  }

  // Where the shot's depth object was not read as written, its videos are not checked against it.
  static bool depthUnread(const std::set<std::string>& bad, const std::string& pointer) {
    for (const char* at : {"", "/depth", "/depth/packing", "/depth/encoding", "/depth/src"})
      if (bad.contains(pointer + at)) return true;
    return false;
  }

  // The set decodes as the player would load it; what it holds but the player does not read
  // (cameras, ...) is a warning, placed in the set's own file.
  void checkSet(const fs::path& file, const scenes::MediaRef& m, const fs::path& root) {
    auto set = media::loadGltf(m.path, root);
    if (!set) {
      print(file, {m.pointer + "/src", set.error().message(), Severity::Error});
      return;
    }
    for (const Problem& p : set->warnings)
      print(file, {m.pointer + "/src", scenes::diagnosticPlace(m.src, p.pointer) + ": " + p.message, Severity::Warning});
    if (m.animation && scenes::findAnimation(set->scene.animations, m.animation->name) < 0)
      print(file, {m.pointer + "/animation/name",
                   "the set " + scenes::quote(m.src) + " has no animation named " + scenes::quote(m.animation->name),
                   Severity::Error});
  }

  // The frames are listed (no gap) and each decodes as the player would read it; a frame that
  // does not would show its neighbour instead. Past a few, broken frames are only counted.
  void checkSequence(const fs::path& file, const scenes::MediaRef& m) {
    auto files = media::listMeshSequence(m.path);
    if (!files) {
      print(file, {m.pointer + "/src", files.error().message(), Severity::Error});
      return;
    }
    constexpr std::size_t kListed = 5;
    std::size_t broken = 0;
    for (const fs::path& frame : files->frames) {
      auto set = media::loadGltf(frame, files->packageRoot);
      if (set || ++broken > kListed) continue;
      print(file, {m.pointer + "/src", set.error().message(), Severity::Error});
    }
    if (broken > kListed)
      print(file, {m.pointer + "/src", std::to_string(broken - kListed) + " more frame(s) of " + scenes::quote(m.src) +
                                           " do not decode either", Severity::Error});
    if (!m.texturePath.empty()) checkAtlas(file, m, files->frames.size());
  }

  // A splat capture reads as the player reads it; a 4D capture's frames are listed (no gap) and
  // each read, as checkSequence reads mesh frames, or, in the compact form, each decoded.
  void checkSplats(const fs::path& file, const scenes::MediaRef& m) {
    const std::string pointer = m.pointer + "/src";
    std::error_code ec;
    if (m.kind == scenes::MediaKind::SplatSequence && fs::exists(m.path / media::kSplatVideoManifest, ec)) {
      auto video = media::SplatVideo::open(m.path);
      if (!video) {
        print(file, {pointer, video.error().message(), Severity::Error});
        return;
      }
      for (std::size_t i = 0; i < (*video)->layout().frames; ++i)
        if (auto f = (*video)->frame(i); !f) {
          print(file, {pointer, f.error().message(), Severity::Error});
          return;  // frames after a broken one are decoded from it: one report says it
        }
      return;
    }
    std::vector<fs::path> frames;
    if (m.kind == scenes::MediaKind::SplatSequence) {
      auto listed = media::listSplatSequence(m.path);
      if (!listed) {
        print(file, {pointer, listed.error().message(), Severity::Error});
        return;
      }
      frames = std::move(*listed);
    } else {
      frames.push_back(m.path);
    }
    constexpr std::size_t kListed = 5;
    std::size_t broken = 0;
    for (const fs::path& frame : frames) {
      auto read = media::readSplatFile(frame);
      if (read || ++broken > kListed) continue;
      print(file, {pointer, read.error().message(), Severity::Error});
    }
    if (broken > kListed)
      print(file, {pointer, std::to_string(broken - kListed) + " more frame(s) of " + scenes::quote(m.src) +
                                " do not read either", Severity::Error});
  }

  // The texture atlas decodes to the end and holds a frame for every mesh frame (frame i
  // textures mesh frame i); the count is decoded, not taken from the container.
  void checkAtlas(const fs::path& file, const scenes::MediaRef& m, std::size_t meshFrames) {
    const std::string pointer = m.pointer + "/texture";
    media::DecodeOptions options{.threads = 1, .strict = true, .manifestLayout = {}};
    auto source = media::VideoSource::open(m.texturePath.string(), options);
    if (!source) {
      print(file, {pointer, source.error().message(), Severity::Error});
      return;
    }
    std::size_t frames = 0;
    while (true) {
      auto next = source->next();
      if (!next) {
        print(file, {pointer, next.error().message(), Severity::Error});
        return;
      }
      if (!next.value()) break;
      ++frames;
    }
    if (frames < meshFrames)
      print(file, {pointer, "the texture video " + scenes::quote(m.textureSrc) + " has " + std::to_string(frames) +
                                " frames, fewer than the " + std::to_string(meshFrames) + " frames of the mesh sequence " +
                                scenes::quote(m.src) + " (frame i of the video textures mesh frame i)",
                   Severity::Error});
  }

  // Temporary files of a save that was killed before its rename: never read, but clutter.
  void reportLeftovers(const fs::path& file) {
    for (const fs::path& left : scenes::atomicWriteLeftovers(file))
      print(file, {"", scenes::quote(left.filename().string()) +
                           " is left over from an interrupted save; it is never read (remove it)",
                   Severity::Warning});
  }

  void lintPlaylist(const fs::path& file, const std::string& text) {
    scenes::PlaylistParse parse = scenes::parsePlaylist(text, file);
    for (const auto& p : parse.problems) print(file, p);
    for (const auto& item : parse.playlist.items)
      if (const auto* shot = std::get_if<scenes::PlaylistShot>(&item)) lintPath(shot->path);
  }

  // The video opens and its first frame decodes; then its length, for the shot's times. A
  // picture for the sphere (not the film clip, which is shown small) fits common GPUs' images.
  std::optional<scenes::VideoLength> checkVideo(const fs::path& file, const std::string& pointer,
                                                const std::string& src, const fs::path& path, bool sphere = true) {
    media::DecodeOptions options{.threads = 1, .strict = true, .manifestLayout = {}};
    auto source = media::VideoSource::open(path.string(), options);
    if (!source) return fail(file, {pointer, scenes::quote(src) + " does not open as a video: " + source.error().what});
    auto frame = source->next();
    if (!frame) return fail(file, {pointer, scenes::quote(src) + " does not decode: " + frame.error().what});
    if (!frame.value()) return fail(file, {pointer, scenes::quote(src) + " has no video frames"});
    const media::StreamInfo& info = source->info();
    if (auto big = sphere ? commonLimitWarning(src, info.width, info.height) : std::nullopt)
      print(file, {pointer, *big, Severity::Warning});
    return scenes::VideoLength{info.durationSeconds, info.frameRate.valid() ? 1.0 / info.frameRate.toDouble() : 0.0};
  }

  std::nullopt_t fail(const fs::path& file, const Problem& p) {
    print(file, p);
    return std::nullopt;
  }

  std::ostream& out_;
  std::set<fs::path> linted_;
  int files_ = 0, errors_ = 0, warnings_ = 0;
};

}  // namespace

int lintInto(const std::filesystem::path& path, std::ostream& out) {
  Linter linter(out);
  linter.lintPath(path);
  return linter.errors();
}

void addLintCommand(CLI::App& app, CommandOutcome& outcome) {
  auto inputs = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand(
      "lint",
      "Check shot packages and playlists: lists every problem as `file#/json/pointer: error|warning: sentence`,\n"
      "then a summary line. Checks the format, times inside the timeline, unique ids, that every referenced file\n"
      "exists inside the package, caption files, and that each video opens and decodes its first frame; a\n"
      "playlist's shots are linted too. Exits 1 when there is any error (warnings alone exit 0).");
  cmd->add_option("inputs", *inputs, "shot package folders, shot.json files, or playlist files")->required();
  cmd->callback([inputs, &outcome] {
    Linter linter;
    for (const auto& in : *inputs) linter.lintPath(in);
    outcome.exitCode = linter.finish();
  });
}

}  // namespace ps::tools
