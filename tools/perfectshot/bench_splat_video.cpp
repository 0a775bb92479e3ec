// bench splat-video: a generated 4D splat capture stored as per-frame SPZ and in the compact
// video form, in the same run: the bytes a second each needs at the capture's rate, how far
// each lands from the capture's own values, and what reading a frame back costs.
// --motion all: every splat but the frame code drifts on a path of its own (a few cm, its own
// phase) and turns a little each frame, the case that gives a video codec's prediction across
// frames the least to work with.
#include <fmt/format.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <string>

#include <glm/gtc/quaternion.hpp>

#include "bench_commands.h"
#include "make_splats/splat_sequence.h"
#include "media/splat_files.h"
#include "media/splat_video.h"
#include "report.h"
#include "splat_video_write.h"

namespace ps::tools {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Args {
  std::size_t frames = 60;
  std::size_t splats = 20000;
  double fps = 30;
  int spzVersion = 3;
  std::string motion = "set";  // set: the object set stands still; all: every splat moves
};

// Moves every splat of a sequence frame but the frame code (its last kFrameCodeBits) along a
// path of its own: up to 2 cm from where it stands, one cycle in two seconds, a phase per splat;
// each turns up to 12 degrees about its own vertical, with the same phase.
void everySplatMoves(scenes::SplatCloud& cloud, std::size_t frame, double fps) {
  const std::size_t moving = cloud.size() - static_cast<std::size_t>(make_splats::kFrameCodeBits);
  const double t = static_cast<double>(frame) / fps;
  for (std::size_t i = 0; i < moving; ++i) {
    const double phase = static_cast<double>((i * 2654435761u) % 1000) * 0.006283185307;
    const double w = 3.14159265358979 * t + phase;
    cloud.positions[i] += glm::vec3(glm::dvec3(std::sin(w), std::sin(1.3 * w + 1.0), std::cos(0.7 * w)) * 0.0115);
    const double angle = 0.105 * std::sin(w);
    const glm::quat turn(static_cast<float>(std::cos(angle)), 0.0f, static_cast<float>(std::sin(angle)), 0.0f);
    cloud.rotations[i] = glm::normalize(turn * cloud.rotations[i]);
  }
}

// How far a stored cloud lies from the capture's, splat by splat (both keep the order).
struct Deviation {
  double positionSq = 0, positionMax = 0, colourSq = 0, opacitySq = 0, angleSq = 0, shSq = 0;
  std::size_t splats = 0, shValues = 0;

  void add(const scenes::SplatCloud& truth, const scenes::SplatCloud& got) {
    const std::size_t n = std::min(truth.size(), got.size());
    const std::size_t rest = scenes::shRestPerChannel(std::min(truth.shDegree, got.shDegree)) * 3;
    const std::size_t truthRest = scenes::shRestPerChannel(truth.shDegree) * 3;
    const std::size_t gotRest = scenes::shRestPerChannel(got.shDegree) * 3;
    for (std::size_t i = 0; i < n; ++i) {
      const double d = glm::length(glm::dvec3(truth.positions[i] - got.positions[i]));
      positionSq += d * d;
      positionMax = std::max(positionMax, d);
      const glm::dvec3 c = glm::dvec3(truth.baseColors[i] - got.baseColors[i]) * 255.0;
      colourSq += glm::dot(c, c) / 3.0;
      const double o = (truth.opacities[i] - got.opacities[i]) * 255.0;
      opacitySq += o * o;
      const double dot = std::min(1.0, std::abs(static_cast<double>(glm::dot(truth.rotations[i], got.rotations[i]))));
      const double angle = 2.0 * std::acos(dot) * 180.0 / 3.14159265358979;
      angleSq += angle * angle;
      for (std::size_t k = 0; k < rest; ++k) {
        const double s = truth.sh[i * truthRest + k] - got.sh[i * gotRest + k];
        shSq += s * s;
      }
      shValues += rest;
    }
    splats += n;
  }

  std::string line() const {
    const double n = std::max<double>(1, static_cast<double>(splats));
    return fmt::format("position rms {:.3f} mm (max {:.3f} mm), colour rms {:.2f}/255, opacity rms {:.2f}/255, "
                       "rotation rms {:.2f} deg, SH rms {:.4f}",
                       1000 * std::sqrt(positionSq / n), 1000 * positionMax, std::sqrt(colourSq / n),
                       std::sqrt(opacitySq / n), std::sqrt(angleSq / n),
                       shValues ? std::sqrt(shSq / static_cast<double>(shValues)) : 0.0);
  }
};

double secondsSince(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

std::uintmax_t folderBytes(const fs::path& dir) {
  std::uintmax_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.is_regular_file() ? e.file_size() : 0;
  return n;
}

int runBench(const Args& a) {
  make_splats::ObjectSetSpec spec;
  spec.splats = a.splats;
  const bool everyMoves = a.motion == "all";
  const auto frameAt = [&](std::size_t i) {
    scenes::SplatCloud c = make_splats::sequenceFrameSplats(i, a.fps, spec);
    if (everyMoves) everySplatMoves(c, i, a.fps);
    return c;
  };
  std::string pattern = (fs::temp_directory_path() / "perfectshot-bench-splat-video-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) return reportError(Error{pattern, "mkdtemp failed", ""});
  struct Cleanup {
    fs::path p;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(p, ec);
    }
  } cleanup{pattern};
  const fs::path spzDir = cleanup.p / "spz", videoDir = cleanup.p / "video";
  fs::create_directories(spzDir);
  fs::create_directories(videoDir);

  // Per-frame SPZ: each frame written, then read back.
  auto t = Clock::now();
  for (std::size_t i = 0; i < a.frames; ++i)
    if (auto s = media::writeSpz(frameAt(i), spzDir / fmt::format("frame_{:06}.spz", i), a.spzVersion); !s)
      return reportError(s.error());
  const double spzWrite = secondsSince(t);
  Deviation spzDeviation;
  double spzRead = 0;
  for (std::size_t i = 0; i < a.frames; ++i) {
    const auto start = Clock::now();
    auto back = media::readSplatFile(spzDir / fmt::format("frame_{:06}.spz", i));
    spzRead += secondsSince(start);
    if (!back) return reportError(back.error());
    spzDeviation.add(frameAt(i), back->cloud);
  }

  // The compact video form: written, read in order (playing), then in a scattered order (scrubbing).
  t = Clock::now();
  auto written = writeSplatVideo(
      a.frames, [&](std::size_t i) -> Result<scenes::SplatCloud> { return frameAt(i); }, videoDir, a.fps,
      [](double) {}, [] { return false; });
  if (!written) return reportError(written.error());
  const double videoWrite = secondsSince(t);
  auto video = media::SplatVideo::open(videoDir);
  if (!video) return reportError(video.error());
  Deviation videoDeviation;
  double videoRead = 0;
  for (std::size_t i = 0; i < a.frames; ++i) {
    const auto start = Clock::now();
    auto back = (*video)->frame(i);
    videoRead += secondsSince(start);
    if (!back) return reportError(back.error());
    videoDeviation.add(frameAt(i), *back);
  }
  double scrubRead = 0;
  for (std::size_t step = 0, i = a.frames - 1; step < a.frames; ++step, i = (i + 7) % a.frames) {
    const auto start = Clock::now();
    auto back = (*video)->frame(i);
    scrubRead += secondsSince(start);
    if (!back) return reportError(back.error());
  }

  const std::uintmax_t spzBytes = folderBytes(spzDir), videoBytes = folderBytes(videoDir);
  const double duration = static_cast<double>(a.frames) / a.fps;
  const auto mbps = [&](std::uintmax_t bytes) { return static_cast<double>(bytes) * 8 / duration / 1e6; };
  const auto perFrameMs = [&](double seconds) { return 1000 * seconds / static_cast<double>(a.frames); };
  const media::SplatVideoLayout& l = written->layout;
  std::cout << fmt::format("bench splat-video: {} frames of {} splats (SH degree {}) at {} fps, make_splats's 4D sequence{}\n",
                           a.frames, frameAt(0).size(), l.shDegree, a.fps,
                           everyMoves ? " with every splat moving" : "");
  std::cout << fmt::format("  per-frame SPZ v{}: {:.2f} MiB, {:.1f} Mb/s; written in {:.2f} s; read {:.1f} ms/frame\n",
                           a.spzVersion, static_cast<double>(spzBytes) / (1 << 20), mbps(spzBytes), spzWrite,
                           perFrameMs(spzRead));
  std::cout << "    " << spzDeviation.line() << "\n";
  std::cout << fmt::format("  splat video (lossless 4:4:4 H.264, GOP {}, {}x{}): {:.2f} MiB, {:.1f} Mb/s; written in "
                           "{:.2f} s; read {:.1f} ms/frame playing, {:.1f} ms/frame scrubbing\n",
                           l.gop, l.width, l.pictureHeight(), static_cast<double>(videoBytes) / (1 << 20),
                           mbps(videoBytes), videoWrite, perFrameMs(videoRead), perFrameMs(scrubRead));
  std::cout << "    " << videoDeviation.line() << "\n";
  std::cout << fmt::format("  ratio: the splat video takes {:.3f}x the bytes of per-frame SPZ\n",
                           static_cast<double>(videoBytes) / static_cast<double>(std::max<std::uintmax_t>(1, spzBytes)));
  return 0;
}

}  // namespace

void addBenchSplatVideo(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = bench.add_subcommand(
      "splat-video",
      "A generated 4D splat capture as per-frame SPZ and as the compact splat video, in the same run:\n"
      "bytes a second, deviation from the capture's values, and the cost of reading a frame back.");
  cmd->add_option("--frames", args->frames, "frames of the capture")->check(CLI::Range(2, 3000))->capture_default_str();
  cmd->add_option("--splats", args->splats, "splats of the object set in each frame (about)")
      ->check(CLI::Range(100, 4000000))
      ->capture_default_str();
  cmd->add_option("--fps", args->fps, "the capture's frame rate")->check(CLI::Range(1.0, 240.0))->capture_default_str();
  cmd->add_option("--spz-version", args->spzVersion, "the SPZ version of the per-frame side")
      ->check(CLI::Range(2, 4))
      ->capture_default_str();
  cmd->add_option("--motion", args->motion,
                  "set: the object set stands still, a sphere orbits it (default); all: every splat moves and\n"
                  "turns a little each frame")
      ->check(CLI::IsMember({"set", "all"}))
      ->capture_default_str();
  cmd->callback([args, &outcome] { outcome.exitCode = runBench(*args); });
}

}  // namespace ps::tools
