// perfectshot bench live: the latency of a live feed, from the moment a picture is sent to the
// moment the headset shows it, over UDP (MPEG-TS), SRT and RTSP on loopback. The sender is the
// ffmpeg CLI encoding pictures this command makes, each carrying its own send time (the steady
// clock, in microseconds) in its pixels as three rows of frame-stamp blocks (media/frame_stamp.h).
// Ours: perfectshot's live playback in the active OpenXR runtime (xr/sim in CI), the picture's
// send time against the predicted display time of the first frame that shows it. The peer, in the
// same run over the same sender: the ffmpeg CLI receiving in its low-delay mode, ffplay-style but
// with no display, the send time against when its decoded picture reaches us.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "bench_commands.h"
#include "media/frame_stamp.h"
#include "media/live_input.h"
#include "live_buffer.h"
#include "piped_child.h"
#include "player/live_playback.h"
#include "player/player_loop.h"
#include "report.h"
#include "xr/openxr_display.h"

namespace ps::tools {

namespace {

constexpr int kWidth = 320;
constexpr int kHeight = 176;
constexpr int kFps = 30;
constexpr int kStampRows = 3;  // 48 bits of microseconds: 16 to a row
constexpr int kBlock = 16;     // the frame stamp's block (tools/media/stamp.sh)

struct BenchLiveArgs {
  double seconds = 8;
  std::vector<std::string> protocols{"udp", "srt", "rtsp"};
  std::string workDir = "bench-live";
  double liveBufferMinutes = 5;  // as play keeps the feed by default; 0: nothing kept
};

double steadyNow() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// The send time in the picture's top rows, white blocks for ones.
void stampSendTime(std::vector<std::uint8_t>& gray, std::uint64_t micros) {
  for (int row = 0; row < kStampRows; ++row) {
    for (int k = 0; k < 16; ++k) {
      const bool one = ((micros >> (16 * row + k)) & 1u) != 0;
      for (int y = row * kBlock; y < (row + 1) * kBlock; ++y)
        std::fill_n(gray.begin() + y * kWidth + k * kBlock, kBlock, one ? std::uint8_t{235} : std::uint8_t{16});
    }
  }
}

std::optional<double> sendTimeOf(const FrameView& view) {
  std::uint64_t micros = 0;
  for (int row = 0; row < kStampRows; ++row) {
    const std::optional<int> part = media::readFrameStamp(view, row * kBlock);
    if (!part) return std::nullopt;
    micros |= static_cast<std::uint64_t>(*part) << (16 * row);
  }
  return static_cast<double>(micros) * 1e-6;
}

// Where each protocol's sender sends and its receivers receive, on a port picked for the run.
struct Route {
  std::string name;
  std::string senderUrl;
  std::vector<std::string> senderFormat;  // the ffmpeg CLI's output options before the URL
  std::string receiverUrl;
  bool receiverListens = false;  // RTSP: the receiver is the server, the sender starts after it
};

Result<Route> routeFor(const std::string& protocol, int port) {
  const std::string at = "127.0.0.1:" + std::to_string(port);
  if (protocol == "udp")
    return Route{"UDP", "udp://" + at + "?pkt_size=1316", {"-f", "mpegts"}, "udp://" + at, false};
  // The same 50 ms SRT latency window on both sides (SRT's default is 120 ms).
  if (protocol == "srt")
    return Route{"SRT", "srt://" + at + "?mode=listener&latency=50000", {"-f", "mpegts"},
                 "srt://" + at + "?mode=caller&latency=50000", false};
  if (protocol == "rtsp")
    return Route{"RTSP", "rtsp://" + at + "/live", {"-f", "rtsp", "-rtsp_transport", "tcp"}, "rtsp://" + at + "/live", true};
  return Error{"--protocols", "unknown protocol '" + protocol + "'", "udp, srt or rtsp"};
}

int freePort() {
  // The kernel's pick for a UDP socket on loopback, given back at once: RTSP's TCP port and
  // SRT's UDP one are taken again by the receiver or the sender a moment later.
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  int port = 0;
  if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  if (fd >= 0) ::close(fd);
  return port;
}

// The ffmpeg CLI encoding stamped pictures at 30 fps (H.264, zero latency, no B-frames, a
// keyframe a second) to route's sender URL, fed from a thread of ours until stop().
class StampedSender {
 public:
  StampedSender(const Route& route, const std::filesystem::path& log, double startAfter)
      : thread_([this, route, log, startAfter] { run(route, log, startAfter); }) {}
  StampedSender(const StampedSender&) = delete;
  StampedSender& operator=(const StampedSender&) = delete;
  ~StampedSender() { stop(); }
  void stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }

 private:
  void run(const Route& route, const std::filesystem::path& log, double startAfter) {
    // A sender that dies must not take us with it (SIGPIPE); the write says so instead.
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
    const double start = steadyNow() + startAfter;
    while (!stop_ && steadyNow() < start) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::vector<std::string> argv{"ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "gray",
                                  "-s", std::to_string(kWidth) + "x" + std::to_string(kHeight), "-r",
                                  std::to_string(kFps), "-i", "pipe:0", "-c:v", "libx264", "-preset", "ultrafast",
                                  "-tune", "zerolatency", "-bf", "0", "-g", std::to_string(kFps), "-pix_fmt", "yuv420p"};
    argv.insert(argv.end(), route.senderFormat.begin(), route.senderFormat.end());
    argv.push_back(route.senderUrl);
    Result<PipedChild> child = PipedChild::start(argv, PipedChild::Pipe::Stdin, log.string());
    if (!child) {
      spdlog::error("bench live: {}", child.error().message());
      return;
    }
    std::vector<std::uint8_t> gray(static_cast<std::size_t>(kWidth * kHeight), 128);
    for (std::uint64_t n = 0; !stop_; ++n) {
      const double due = start + static_cast<double>(n) / kFps;
      while (!stop_ && steadyNow() < due) std::this_thread::sleep_for(std::chrono::microseconds(500));
      stampSendTime(gray, static_cast<std::uint64_t>(steadyNow() * 1e6));
      if (!child->write(gray.data(), gray.size())) break;
    }
    child->finish();
  }

  std::atomic<bool> stop_{false};
  std::thread thread_;
};

struct Latencies {
  std::vector<double> seconds;
  std::string line() const {
    if (seconds.empty()) return "no pictures";
    std::vector<double> s = seconds;
    std::sort(s.begin(), s.end());
    const auto at = [&](double p) { return 1e3 * s[std::min(s.size() - 1, static_cast<std::size_t>(p * static_cast<double>(s.size())))]; };
    return fmt::format("p50 {:.1f} ms, p95 {:.1f} ms, p99 {:.1f} ms over {} pictures", at(0.5), at(0.95), at(0.99),
                       s.size());
  }
  double p50() const {
    std::vector<double> s = seconds;
    std::nth_element(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(s.size() / 2), s.end());
    return s[s.size() / 2];
  }
};

// Ours: live playback in the headset for `seconds` after its first picture.
Result<Latencies> measureOurs(const Route& route, double seconds, double keepMinutes, const std::filesystem::path& dir,
                             std::string& display) {
  StampedSender sender(route, dir / ("sender-ours-" + route.name + ".log"), route.receiverListens ? 1.0 : 0.0);
  media::LiveOptions options;
  options.listen = route.receiverListens;
  std::optional<LiveBuffer> kept;  // the live timeline, as play keeps it
  if (keepMinutes > 0) {
    Result<LiveBuffer> made = LiveBuffer::make(keepMinutes, "");
    if (!made) return made.error();
    kept.emplace(std::move(made).value());
    options.ring = kept->ring();
  }
  const double giveUp = steadyNow() + 20;
  auto playback = player::openLivePlayback(route.receiverUrl, options, [&] { return steadyNow() < giveUp; },
                                           /*withAudio=*/false);
  if (!playback) return playback.error();
  auto xr = xr::OpenXrDisplay::create();
  if (!xr) return xr.error();
  display = "the OpenXR runtime's display";
  player::PlayerLoopOptions loopOptions = (*playback)->loopOptions();
  loopOptions.loop = false;
  loopOptions.overlay.emplace();  // the badge is drawn, as in play
  Latencies out;
  std::int64_t last = -1;
  const double end = steadyNow() + seconds;
  loopOptions.afterFrame = [&](const xr::DisplayFrame& frame, const media::PlayerFrame& shown) {
    if (shown.frame == nullptr || shown.frame->index == last) return;
    last = shown.frame->index;
    if (const std::optional<double> sent = sendTimeOf(shown.frame->view()))
      out.seconds.push_back(frame.predictedDisplayTime - *sent);
  };
  loopOptions.quitRequested = [&] { return steadyNow() > end; };
  player::PlayerLoop loop(**xr, *(*playback)->player, loopOptions);
  loop.run();
  return out;
}

// The peer: the ffmpeg CLI receiving the same sender in low-delay mode, its pictures read as
// they come out of it.
Result<Latencies> measureFfmpeg(const Route& route, double seconds, const std::filesystem::path& dir) {
  std::vector<std::string> argv{"ffmpeg", "-hide_banner", "-loglevel", "error", "-fflags", "nobuffer", "-flags",
                                "low_delay", "-probesize", "32768", "-analyzeduration", "0"};
  if (route.receiverListens) argv.insert(argv.end(), {"-rtsp_flags", "listen"});
  argv.insert(argv.end(), {"-i", route.receiverUrl, "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"});
  std::unique_ptr<StampedSender> sender;
  if (!route.receiverListens) sender = std::make_unique<StampedSender>(route, dir / ("sender-ffmpeg-" + route.name + ".log"), 0.0);
  Result<PipedChild> child = PipedChild::start(argv, PipedChild::Pipe::Stdout, (dir / ("ffmpeg-" + route.name + ".log")).string());
  if (!child) return child.error();
  if (route.receiverListens) sender = std::make_unique<StampedSender>(route, dir / ("sender-ffmpeg-" + route.name + ".log"), 1.0);
  std::vector<std::uint8_t> gray(static_cast<std::size_t>(kWidth * kHeight));
  FrameView view;
  view.format = PixelFormat::Gray8;
  view.width = kWidth;
  view.height = kHeight;
  view.range = ColorRange::Limited;
  view.planes[0] = {reinterpret_cast<const std::byte*>(gray.data()), static_cast<std::size_t>(kWidth)};
  Latencies out;
  std::optional<double> end;
  while (!end || steadyNow() < *end) {
    if (!child->read(gray.data(), gray.size())) break;
    const double now = steadyNow();
    if (!end) end = now + seconds;
    if (const std::optional<double> sent = sendTimeOf(view)) out.seconds.push_back(now - *sent);
  }
  sender.reset();
  return out;
}

int runBenchLive(const BenchLiveArgs& args) {
  std::error_code ec;
  std::filesystem::create_directories(args.workDir, ec);
  if (ec) return reportError(Error{args.workDir, "cannot create the folder: " + ec.message(), ""});
  for (const std::string& protocol : args.protocols) {
    Result<Route> route = routeFor(protocol, freePort());
    if (!route) return reportError(route.error());
    std::string display;
    const Result<Latencies> ours = measureOurs(*route, args.seconds, args.liveBufferMinutes, args.workDir, display);
    if (!ours) return reportError(ours.error());
    const Result<Latencies> peer = measureFfmpeg(routeFor(protocol, freePort()).value(), args.seconds, args.workDir);
    if (!peer) return reportError(peer.error());
    std::printf("bench live: %s: perfectshot, send to photon on %s: %s\n", route->name.c_str(), display.c_str(),
                ours->line().c_str());
    std::printf("bench live: %s: ffmpeg CLI, send to decoded picture (no display): %s\n", route->name.c_str(),
                peer->line().c_str());
    if (!ours->seconds.empty() && !peer->seconds.empty())
      std::printf("bench live: %s: p50 ratio perfectshot / ffmpeg %.2f\n", route->name.c_str(), ours->p50() / peer->p50());
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace

void addBenchLive(CLI::App& bench, CommandOutcome& outcome) {
  auto args = std::make_shared<BenchLiveArgs>();
  CLI::App* cmd = bench.add_subcommand(
      "live", "latency of a live feed from send to photon (UDP, SRT, RTSP on loopback) against the ffmpeg CLI's receive");
  cmd->add_option("--seconds", args->seconds, "seconds measured per protocol and receiver")
      ->check(CLI::Range(1.0, 3600.0))
      ->capture_default_str();
  cmd->add_option("--protocols", args->protocols, "which of udp, srt, rtsp")->delimiter(',')->capture_default_str();
  cmd->add_option("--work-dir", args->workDir, "where the senders' and receivers' logs go")->capture_default_str();
  cmd->add_option("--live-buffer", args->liveBufferMinutes,
                  "minutes of the feed kept on disk while measured, as play's live timeline does (0: none)")
      ->check(CLI::Range(0.0, 24.0 * 60.0))
      ->capture_default_str();
  cmd->callback([args, &outcome] { outcome.exitCode = runBenchLive(*args); });
}

}  // namespace ps::tools
