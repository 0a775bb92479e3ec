// Live input: what a live argument is, and a live feed from a loopback ffmpeg sender over UDP
// and SRT: frames arrive in order, a sender that stops is a stall the feed comes back from, and
// destroying the feed while nothing arrives returns.
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/wait.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>

#include "child_process.h"
#include "live_sender.h"
#include "media/frame_stamp.h"
#include "media/live_feed.h"
#include "media/live_input.h"
#include "temp_dir.h"

namespace ps::media {
namespace {

using namespace std::chrono_literals;

TEST(LiveInput, NamesEachLiveKindAndRefusesTheRest) {
  EXPECT_TRUE(isLiveArgument("srt://camera.invalid:9000?mode=listener"));
  EXPECT_TRUE(isLiveArgument("udp://camera.invalid:1234"));
  EXPECT_TRUE(isLiveArgument("rtsp://camera.local/live"));
  EXPECT_TRUE(isLiveArgument("rtmp://host/app/key"));
  EXPECT_TRUE(isLiveArgument("https://host/live/index.m3u8"));
  EXPECT_TRUE(isLiveArgument("/dev/video0"));
  EXPECT_FALSE(isLiveArgument("scenes/demo"));
  EXPECT_FALSE(isLiveArgument("file:///tmp/a.mp4"));
  EXPECT_FALSE(isLiveArgument("ftp://host/a.ts"));

  const Result<LiveInput> srt = parseLiveInput("srt://camera.invalid:9000?mode=listener");
  ASSERT_TRUE(srt) << srt.error().message();
  EXPECT_EQ(srt->protocol, LiveProtocol::Srt);
  EXPECT_EQ(srt->protocolWhitelist, "srt");
  const Result<LiveInput> hls = parseLiveInput("https://host/live/index.m3u8?token=1");
  ASSERT_TRUE(hls) << hls.error().message();
  EXPECT_EQ(hls->format, "hls");
  EXPECT_EQ(hls->protocolWhitelist.find("file"), std::string::npos) << "a playlist must not reach local files";

  const Result<LiveInput> page = parseLiveInput("https://host/index.html");
  ASSERT_FALSE(page);
  EXPECT_NE(page.error().what.find(".m3u8"), std::string::npos) << page.error().message();
  EXPECT_FALSE(parseLiveInput("udp://"));
  const Result<LiveInput> missing = parseLiveInput("/dev/video-none-here");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().where, "/dev/video-none-here");
  const Result<LiveInput> folder = parseLiveInput("/dev/shm");
  ASSERT_FALSE(folder);
  EXPECT_NE(folder.error().what.find("not a capture device"), std::string::npos) << folder.error().message();
}

struct Received {
  int frames = 0;
  int lastStamp = -1;
  bool inOrder = true;
};

// Takes frames for a while, checking the stamps only go up.
Received receiveFor(LiveFeed& feed, std::chrono::milliseconds d) {
  Received r;
  const auto end = std::chrono::steady_clock::now() + d;
  while (std::chrono::steady_clock::now() < end) {
    if (std::optional<LiveFrame> f = feed.takeNewest()) {
      const int stamp = readFrameStamp(f->frame.view()).value_or(-1);
      if (stamp >= 0) {
        if (stamp <= r.lastStamp) r.inOrder = false;
        r.lastStamp = stamp;
        ++r.frames;
      }
    }
    std::this_thread::sleep_for(10ms);
  }
  return r;
}

void playsStopsAndComesBack(const std::string& senderUrl, const std::string& receiverUrl) {
  ps::test::TempDir dir("live_feed");
  auto sender = std::make_unique<ps::test::ChildProcess>(senderArgs(senderUrl), dir.path() / "sender1.log");
  const Result<LiveInput> input = parseLiveInput(receiverUrl);
  ASSERT_TRUE(input) << input.error().message();
  SteadyTimeSource clock;
  LiveOptions options;
  options.readTimeout = 500ms;
  options.mostBackoff = 500ms;
  const auto openedBy = std::chrono::steady_clock::now() + 10s;
  Result<std::unique_ptr<LiveFeed>> feed =
      LiveFeed::open(input.value(), options, clock, [&] { return std::chrono::steady_clock::now() < openedBy; });
  ASSERT_TRUE(feed) << feed.error().message();
  EXPECT_EQ((*feed)->info().width, 320);
  EXPECT_EQ((*feed)->info().height, 160);

  const Received first = receiveFor(**feed, 1500ms);
  EXPECT_GE(first.frames, 15) << "about 45 frames were sent";
  EXPECT_TRUE(first.inOrder);

  sender->stop(SIGKILL);
  sender.reset();
  // A stall: no frame for a while, and the connection given up.
  EXPECT_TRUE(within(3s, [&] { return !(*feed)->status().connected; })) << "the loss was not noticed";
  const std::optional<double> stalledAt = (*feed)->status().lastFrameAt;
  ASSERT_TRUE(stalledAt);
  std::this_thread::sleep_for(700ms);
  EXPECT_EQ((*feed)->status().lastFrameAt, stalledAt) << "frames while the sender was down";
  EXPECT_NE((*feed)->status().lastLoss.find("nothing received for 500 ms"), std::string::npos)
      << (*feed)->status().lastLoss;

  sender = std::make_unique<ps::test::ChildProcess>(senderArgs(senderUrl), dir.path() / "sender2.log");
  EXPECT_TRUE(within(8s, [&] { return (*feed)->status().reconnects >= 1 && (*feed)->status().lastFrameAt > stalledAt; }))
      << "the feed did not come back: " << (*feed)->status().lastLoss;
  static_cast<void>((*feed)->takeNewest());
  const Received second = receiveFor(**feed, 1000ms);
  EXPECT_GE(second.frames, 10);

  // Destroyed while nothing arrives: the blocked read is interrupted.
  sender->stop(SIGKILL);
  const auto before = std::chrono::steady_clock::now();
  feed->reset();
  EXPECT_LT(std::chrono::steady_clock::now() - before, 1s) << "the receiving thread did not stop at once";
}

TEST(LiveFeed, UdpPlaysStallsAndComesBackWhenTheSenderRestarts) {
  const std::string url = "udp://127.0.0.1:" + std::to_string(ps::test::freeLoopbackPort(SOCK_DGRAM));
  playsStopsAndComesBack(url + "?pkt_size=1316", url);
}

TEST(LiveFeed, SrtPlaysStallsAndComesBackWhenTheSenderRestarts) {
  const std::string url = "srt://127.0.0.1:" + std::to_string(ps::test::freeLoopbackPort(SOCK_DGRAM));
  playsStopsAndComesBack(url + "?mode=listener&latency=50000", url + "?mode=caller&latency=50000");
}

// HLS from a loopback web server (Python's), the ffmpeg CLI writing its playlist and segments.
TEST(LiveFeed, HlsPlaysFromALoopbackWebServer) {
  ps::test::TempDir dir("live_hls");
  const int port = ps::test::freeLoopbackPort(SOCK_STREAM);
  ps::test::ChildProcess server({"python3", "-m", "http.server", std::to_string(port), "--bind", "127.0.0.1",
                                 "--directory", dir.path().string()},
                                dir.path() / "server.log");
  std::vector<std::string> sender = senderArgs("");
  sender.pop_back();                      // the URL
  sender.resize(sender.size() - 2);       // -f mpegts
  for (const char* a : {"-f", "hls", "-hls_time", "1", "-hls_list_size", "4", "-hls_flags", "delete_segments"})
    sender.emplace_back(a);
  sender.push_back((dir.path() / "live.m3u8").string());
  ps::test::ChildProcess encoder(sender, dir.path() / "sender.log");
  ASSERT_TRUE(within(10s, [&] { return std::filesystem::exists(dir.path() / "live.m3u8"); })) << "no playlist written";

  const Result<LiveInput> input = parseLiveInput("http://127.0.0.1:" + std::to_string(port) + "/live.m3u8");
  ASSERT_TRUE(input) << input.error().message();
  SteadyTimeSource clock;
  const auto openedBy = std::chrono::steady_clock::now() + 15s;
  Result<std::unique_ptr<LiveFeed>> feed =
      LiveFeed::open(input.value(), LiveOptions{}, clock, [&] { return std::chrono::steady_clock::now() < openedBy; });
  ASSERT_TRUE(feed) << feed.error().message();
  const Received r = receiveFor(**feed, 2500ms);
  const LiveStatus status = (*feed)->status();
  EXPECT_GE(r.frames, 45) << "HLS hands out a segment at a time; its pictures come at the stream's pace ("
                          << status.framesDecoded << " decoded, " << status.framesDropped << " dropped, last stamp "
                          << r.lastStamp << ")";
  EXPECT_TRUE(r.inOrder);
}

TEST(LiveFeed, OpenGivesUpWhenToldToStopWaiting) {
  const std::string url = "udp://127.0.0.1:" + std::to_string(ps::test::freeLoopbackPort(SOCK_DGRAM));
  SteadyTimeSource clock;
  const auto until = std::chrono::steady_clock::now() + 1s;
  LiveOptions options;
  options.connectTimeout = 300ms;
  const Result<LiveInput> input = parseLiveInput(url);
  ASSERT_TRUE(input);
  const Result<std::unique_ptr<LiveFeed>> feed =
      LiveFeed::open(input.value(), options, clock, [&] { return std::chrono::steady_clock::now() < until; });
  ASSERT_FALSE(feed);
  EXPECT_EQ(feed.error().where, url);
  EXPECT_NE(feed.error().what.find("stopped before a stream arrived (nothing received within 300 ms)"),
            std::string::npos)
      << feed.error().message();
}

}  // namespace
}  // namespace ps::media
