// bench sequence: a mesh sequence's streaming, on folders written by
// `ps_make_set --sequence N --draco --body-triangles T` (each frame as a GLB with
// KHR_draco_mesh_compression and the same Draco stream as a bare .drc):
//   - streaming rate: frames per second from the files to decoded scenes ready to show, the
//     player's way (MeshSequence on its prefetch thread, the playhead stepping to each frame as
//     soon as it is ready), against Draco's own `draco_decoder` decoding the same streams one
//     file after another, in the same run. draco_decoder is a process per file that writes a
//     PLY; its own "ms to decode" is printed too, as the library's decode alone.
//   - cold scrub latency: with the prefetch settled around one frame, a jump to a frame far
//     outside what it holds, until that exact frame is ready; p50 and p95. Measured on the
//     frames as given (Draco) and on the same meshes written again by prep's encoder as meshopt
//     and as plain GLB, each with its files' size and one frame's read and decode apart.
// Both read files the page cache holds (the peer's run reads them first): disk speed is not
// what either measures.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <filesystem>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "bench_commands.h"
#include "bench_common.h"
#include "media/mesh_sequence.h"
#include "media/gltf_loader.h"
#include "media/mesh_sequence_files.h"
#include "report.h"
#include "sequence_budget_option.h"
#include "sequence_forms.h"
#include "subprocess.h"

namespace ps::tools {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Args {
  std::vector<std::string> folders;
  int repeats = 3;
  int jumps = 20;
  std::size_t budgetMiB = 0;
  std::string peer = "draco_decoder";
};

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double at = p * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(at));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (at - static_cast<double>(lo));
}

// Until frame `index` is decoded: polled, as the frame loop would find it on a later frame. The
// 50 us sleep bounds what polling adds to a measurement.
bool waitReady(const media::MeshSequence& seq, std::size_t index, double timeoutSeconds) {
  const auto start = Clock::now();
  while (!seq.ready(index)) {
    if (secondsSince(start) > timeoutSeconds) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(50));
  }
  return true;
}

Result<std::unique_ptr<media::MeshSequence>> openSequence(const fs::path& folder, std::size_t budgetMiB) {
  auto files = media::listMeshSequence(folder);
  if (!files) return files.error();
  media::MeshSequenceOptions o;
  o.fps = 30.0;
  o.budgetMiB = budgetMiB;
  o.prefetch = media::MeshSequenceOptions::Prefetch::Thread;
  return media::MeshSequence::open(std::move(*files), o);
}

double frameTime(std::size_t index) { return (static_cast<double>(index) + 0.5) / 30.0; }

struct PeerRun {
  double seconds = 0;        // wall, all files
  double decodeSeconds = 0;  // what it said its decoding took
};

Result<PeerRun> runPeer(const Args& args, const std::vector<fs::path>& drcs, const fs::path& scratch) {
  static const std::regex decodeMs(R"(\((\d+) ms to decode\))");
  PeerRun run;
  const auto start = Clock::now();
  for (const fs::path& drc : drcs) {
    auto r = runSubprocess({args.peer, "-i", drc.string(), "-o", (scratch / "peer.ply").string()});
    if (!r) return r.error();
    if (r->exitCode != 0) return Error{args.peer, "failed on " + drc.string() + ": " + r->output, ""};
    std::smatch m;
    if (std::regex_search(r->output, m, decodeMs)) run.decodeSeconds += std::stod(m[1].str()) / 1000.0;
  }
  run.seconds = secondsSince(start);
  return run;
}

// The player's way: the playhead steps to each frame as soon as it is ready.
Result<double> runOurs(const fs::path& folder, std::size_t frames, std::size_t budgetMiB) {
  const auto start = Clock::now();
  auto seq = openSequence(folder, budgetMiB);
  if (!seq) return seq.error();
  for (std::size_t i = 0; i < frames; ++i) {
    (*seq)->show(frameTime(i));
    if (!waitReady(**seq, i, 60.0)) return Error{folder.string(), fmt::format("frame {} was not ready in 60 s", i), ""};
  }
  const double seconds = secondsSince(start);
  if (const auto problems = (*seq)->problems(); !problems.empty()) return Error{folder.string(), problems.front(), ""};
  return seconds;
}

struct Scrub {
  std::vector<double> ms;
  std::size_t heldFrames = 0;
};

Result<Scrub> coldScrubs(const Args& args, const fs::path& folder, std::size_t frames, std::size_t frameBytes) {
  // A window of about six frames, so that most of the sequence is cold at any time.
  const std::size_t budgetMiB = std::max<std::size_t>(1, (frameBytes * 6 + (1u << 20) - 1) >> 20);
  auto seq = openSequence(folder, budgetMiB);
  if (!seq) return seq.error();
  media::MeshSequence& s = **seq;
  std::mt19937 rng(7);
  Scrub out;
  std::size_t at = 0;
  for (int j = 0; j < args.jumps; ++j) {
    s.show(frameTime(at));
    if (!s.waitIdle(60.0)) return Error{folder.string(), "the prefetch did not settle in 60 s", ""};
    std::size_t to = at;
    for (int tries = 0; tries < 1000 && (s.ready(to) || (to > at ? to - at : at - to) < frames / 3); ++tries)
      to = std::uniform_int_distribution<std::size_t>(0, frames - 1)(rng);
    if (s.ready(to)) return Error{folder.string(), "no frame is cold: the budget holds the sequence", ""};
    out.heldFrames = 0;
    for (std::size_t i = 0; i < frames; ++i) out.heldFrames += s.ready(i) ? 1 : 0;
    const auto start = Clock::now();
    s.show(frameTime(to));
    if (!waitReady(s, to, 60.0)) return Error{folder.string(), fmt::format("frame {} was not ready in 60 s", to), ""};
    out.ms.push_back(secondsSince(start) * 1000.0);
    at = to;
  }
  return out;
}

struct FrameSize {
  std::size_t triangles = 0;
  std::size_t bytes = 0;  // decoded, as the budget counts them
};

Result<FrameSize> probeFrame(const fs::path& folder, std::size_t budgetMiB) {
  auto probe = openSequence(folder, budgetMiB);
  if (!probe) return probe.error();
  (*probe)->show(frameTime(0));
  if (!waitReady(**probe, 0, 60.0)) return Error{folder.string(), "frame 0 does not decode", ""};
  const auto first = (*probe)->show(frameTime(0)).scene;
  return FrameSize{first->triangleCount(), media::meshSceneBytes(*first)};
}

// One frame's cost apart, on this thread: its file's bytes read (from the page cache, as the
// scrubs read them), and those bytes decoded to the scene the sequence holds. Medians over the
// frames.
struct Split {
  double readMs = 0, decodeMs = 0;
};

Result<Split> readAndDecode(const std::vector<fs::path>& frames) {
  std::vector<double> read, decode;
  for (const fs::path& file : frames) {
    auto start = Clock::now();
    std::error_code ec;
    std::vector<std::uint8_t> bytes(fs::file_size(file, ec));
    std::ifstream in(file, std::ios::binary);
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (ec || !in) return Error{file.string(), "cannot be read", ec ? ec.message() : ""};
    read.push_back(secondsSince(start) * 1000.0);
    start = Clock::now();
    auto set = media::loadGltfBytes(bytes, file.filename().string(), file.parent_path(), file.parent_path());
    if (!set) return set.error();
    decode.push_back(secondsSince(start) * 1000.0);
  }
  return Split{median(read), median(decode)};
}

// Cold scrubs on one form of the frames, with the bytes its files take.
Status scrubForm(const Args& args, FrameForm form, const fs::path& folder, std::uintmax_t fileBytes) {
  auto files = media::listMeshSequence(folder);
  if (!files) return files.error();
  const std::size_t frames = files->frames.size();
  auto size = probeFrame(folder, args.budgetMiB);
  if (!size) return size.error();
  auto scrub = coldScrubs(args, folder, frames, size->bytes);
  if (!scrub) return scrub.error();
  auto split = readAndDecode(files->frames);
  if (!split) return split.error();
  const double p50 = percentile(scrub->ms, 0.5), p95 = percentile(scrub->ms, 0.95);
  std::printf("      %-8s %7.1f KiB a frame: p50 %6.1f ms, p95 %6.1f ms, max %6.1f ms (about %zu frames held; %s);"
              " one frame read %.2f ms + decoded %.1f ms\n",
              std::string(toString(form)).c_str(), static_cast<double>(fileBytes) / 1024.0 / static_cast<double>(frames),
              p50, p95, percentile(scrub->ms, 1.0), scrub->heldFrames, p95 < 1000.0 / 30.0 ? "met" : "NOT met",
              split->readMs, split->decodeMs);
  return ok();
}

// The peer's output and the other forms' frames (hundreds of MiB at 500k), removed on every way
// out, an error's included.
struct ScratchDir {
  fs::path path = fs::temp_directory_path() / fmt::format("ps_bench_sequence_{}", ::getpid());
  ScratchDir() { fs::create_directories(path); }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
};

int runBench(const Args& args) {
  std::printf("bench sequence: %d repeats (median), %u hardware threads; %s per .drc against the sequence's prefetch\n",
              args.repeats, std::thread::hardware_concurrency(), args.peer.c_str());
  for (const std::string& folderArg : args.folders) {
    const fs::path folder(folderArg);
    std::vector<fs::path> drcs;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder, ec))
      if (e.path().extension() == ".drc") drcs.push_back(e.path());
    if (ec) return reportError(Error{folder.string(), "cannot be listed: " + ec.message(), ""});
    std::sort(drcs.begin(), drcs.end());
    auto files = media::listMeshSequence(folder);
    if (!files) return reportError(files.error());
    const std::size_t frames = files->frames.size();
    if (drcs.size() != frames)
      return reportError(Error{folder.string(), fmt::format("{} .drc files for {} frames", drcs.size(), frames),
                               "write it with ps_make_set --sequence N --draco --body-triangles T"});
    // One frame's size: the triangles per frame and the bytes the budget counts.
    auto probe = openSequence(folder, args.budgetMiB);
    if (!probe) return reportError(probe.error());
    (*probe)->show(frameTime(0));
    if (!waitReady(**probe, 0, 60.0)) return reportError(Error{folder.string(), "frame 0 does not decode", ""});
    const auto first = (*probe)->show(frameTime(0)).scene;
    const std::size_t triangles = first->triangleCount(), frameBytes = media::meshSceneBytes(*first);
    probe->reset();
    const ScratchDir scratchDir;
    const fs::path& scratch = scratchDir.path;

    std::vector<double> peerFps, peerDecodeFps, oursFps;
    for (int r = 0; r < args.repeats; ++r) {
      auto peer = runPeer(args, drcs, scratch);
      if (!peer) return reportError(peer.error());
      peerFps.push_back(static_cast<double>(frames) / peer->seconds);
      if (peer->decodeSeconds > 0) peerDecodeFps.push_back(static_cast<double>(frames) / peer->decodeSeconds);
      auto ours = runOurs(folder, frames, args.budgetMiB);
      if (!ours) return reportError(ours.error());
      oursFps.push_back(static_cast<double>(frames) / *ours);
    }
    const double ratio = median(oursFps) / median(peerFps);
    std::printf("  %s: %zu frames of %zu triangles (%.1f MiB decoded each)\n", folder.string().c_str(), frames,
                triangles, static_cast<double>(frameBytes) / (1 << 20));
    std::printf("    streaming, files to decoded: %8.1f frames/s (%.1f Mtri/s)\n", median(oursFps),
                median(oursFps) * static_cast<double>(triangles) / 1e6);
    std::printf("    peer: %s per file:     %8.1f frames/s (its own decode time alone: %.1f frames/s)\n",
                args.peer.c_str(), median(peerFps), median(peerDecodeFps));
    std::printf("    %s\n", ratioLine(ratio, ">= 0.9", ratio >= 0.9).c_str());
    if (args.jumps > 0) {
      std::printf("    cold scrub to an exact frame, by the frames' form (%d jumps each, target p95 < 33.3 ms):\n", args.jumps);
      std::uintmax_t dracoBytes = 0;
      for (const fs::path& f : files->frames) dracoBytes += fs::file_size(f, ec);
      if (auto s = scrubForm(args, FrameForm::Draco, folder, dracoBytes); !s) return reportError(s.error());
      for (FrameForm form : {FrameForm::Meshopt, FrameForm::Plain}) {
        const fs::path dir = scratch / std::string(toString(form));
        auto bytes = writeFrameForm(files->frames, form, dir);
        if (!bytes) return reportError(bytes.error());
        if (auto s = scrubForm(args, form, dir, *bytes); !s) return reportError(s.error());
        fs::remove_all(dir, ec);
      }
      // The floor on this machine now: no reader shows a Draco frame before Draco has decoded it.
      if (!peerDecodeFps.empty())
        std::printf("    peer: %s's own decode of one frame in this run: %.1f ms\n", args.peer.c_str(),
                    1000.0 / median(peerDecodeFps));
    }
  }
  return 0;
}

}  // namespace

void addBenchSequence(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = bench.add_subcommand(
      "sequence",
      "Mesh-sequence streaming: frames per second from Draco GLB files to decoded frames through the\n"
      "prefetch, against draco_decoder on the same Draco streams in the same run; and the latency of a\n"
      "cold scrub to an exact frame, on the frames as given (Draco) and on the same meshes written again by\n"
      "prep's encoder as meshopt and as plain GLB (with each form's file size, and one frame's read and decode\n"
      "apart). Input: folders from ps_make_set --sequence N --draco --body-triangles T.\n"
      "--sequence-budget-mib bounds the streaming runs; the cold scrubs hold about six frames, so that most\n"
      "of the sequence is cold.");
  cmd->add_option("folders", args->folders, "sequence folders (frame_NNN.glb with frame_NNN.drc)")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--repeats", args->repeats, "timed runs of each side")->check(CLI::Range(1, 50))->capture_default_str();
  cmd->add_option("--jumps", args->jumps, "cold scrubs measured (0: none)")->check(CLI::Range(0, 10000))->capture_default_str();
  cmd->add_option("--peer", args->peer, "Draco's decoder command")->capture_default_str();
  addSequenceBudgetOption(*cmd, args->budgetMiB);
  cmd->callback([args, &outcome] { outcome.exitCode = runBench(*args); });
}

}  // namespace ps::tools
