// The show control's parts without a network: the log limiter on an injected clock, the
// command queue's bound and order, the options' refusals, the status JSON.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "show/command_queue.h"
#include "show/control_options.h"
#include "show/log_limiter.h"
#include "show/status_board.h"

namespace ps::show {
namespace {

TEST(LogLimiter, LogsAKindOfBadInputAtMostOncePerMinute) {
  LogLimiter::Clock::time_point now{};
  LogLimiter log("test", std::chrono::seconds(60), [&now] { return now; });
  EXPECT_TRUE(log.warn("first"));
  for (int i = 0; i < 1000; ++i) {
    now += std::chrono::milliseconds(50);  // 50 s of a flood
    EXPECT_FALSE(log.warn("again"));
  }
  now += std::chrono::seconds(9);  // 59 s after the first
  EXPECT_FALSE(log.warn("again"));
  now += std::chrono::seconds(1);  // a minute
  EXPECT_TRUE(log.warn("a minute on"));
  EXPECT_FALSE(log.warn("again"));
  EXPECT_EQ(log.seen(), 1004u);
}

TEST(CommandQueue, KeepsOrderAndRefusesPastItsBound) {
  CommandQueue queue(3);
  for (int i = 0; i < 3; ++i) {
    ShowCommand c;
    c.kind = CommandKind::Seek;
    c.seconds = i;
    EXPECT_TRUE(queue.push(c));
  }
  EXPECT_FALSE(queue.push(ShowCommand{}));
  std::vector<ShowCommand> drained;
  queue.tryDrain(drained);
  ASSERT_EQ(drained.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(drained[i].seconds, i);
  queue.tryDrain(drained);
  EXPECT_TRUE(drained.empty());
  EXPECT_TRUE(queue.push(ShowCommand{}));  // room again
}

TEST(ControlOptions, HttpOffLoopbackNeedsAToken) {
  ControlOptions o;
  o.httpPort = 0;
  EXPECT_TRUE(validate(o));
  o.bind = "192.168.1.20";
  const Status refused = validate(o);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("--http-token"), std::string::npos) << refused.error().message();
  o.httpToken = "secret";
  EXPECT_TRUE(validate(o));
  o.bind = "eth0";
  EXPECT_FALSE(validate(o));  // an address, not an interface's name
}

TEST(ControlOptions, RefusesOptionsThatWouldBeIgnored) {
  ControlOptions o;
  o.httpToken = "secret";
  EXPECT_FALSE(validate(o));  // a token without HTTP
  o = {};
  o.oscReply = "192.0.2.1:9";  // TEST-NET-1: an address that cannot exist (validated, never sent to)
  EXPECT_FALSE(validate(o));  // a reply address without OSC
  o.oscPort = 0;
  EXPECT_TRUE(validate(o));
  o.oscReply = "127.0.0.1:0";
  EXPECT_FALSE(validate(o));
  o = {};
  o.bind = "::1";
  EXPECT_FALSE(validate(o));  // a bind address with nothing to bind
  o.oscPort = 0;
  o.statusEverySeconds = 5;
  EXPECT_FALSE(validate(o));  // status pacing without a reply address
}

TEST(ControlOptions, KnowsLoopbackAndSplitsHostPort) {
  EXPECT_TRUE(isLoopback("127.0.0.1"));
  EXPECT_TRUE(isLoopback("127.1.2.3"));
  EXPECT_TRUE(isLoopback("::1"));
  EXPECT_FALSE(isLoopback("0.0.0.0"));
  EXPECT_FALSE(isLoopback("::"));
  EXPECT_FALSE(isLoopback("10.0.0.1"));
  auto v6 = splitHostPort("[::1]:9001");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->first, "::1");
  EXPECT_EQ(v6->second, "9001");
  EXPECT_FALSE(splitHostPort("host"));
  EXPECT_FALSE(splitHostPort("host:99999"));
  EXPECT_FALSE(splitHostPort("host:12ab"));
}

TEST(StatusBoard, JsonHasEveryFieldNullWhereUnknown) {
  StatusBoard board;
  ShowStatus s;
  s.state = "playing";
  s.shot = "demo";
  s.shotSeconds = 1.5;
  s.lateFrames = 2;
  s.droppedFrames = 1;
  ASSERT_TRUE(board.tryPublish(s));
  nlohmann::json j = statusJson(board.read(), 3);
  for (const char* key : {"state", "episode", "shot", "shot_seconds", "fps", "frames", "late_frames", "dropped_frames",
                          "visitors_today", "volume", "uptime_seconds", "last_error", "sync"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["state"], "playing");
  EXPECT_TRUE(j["sync"].is_null()) << "a headset that plays alone";
  EXPECT_TRUE(j["episode"].is_null());
  EXPECT_TRUE(j["visitors_today"].is_null());
  EXPECT_TRUE(j["last_error"].is_null());
  EXPECT_EQ(j["late_frames"], 2);
  // A follower: its measured offset; a leader: its followers, with no offset.
  s.sync = SyncStatus{"follow", 0, -249.96, 0.14, false, 3};
  ASSERT_TRUE(board.tryPublish(s));
  j = statusJson(board.read(), 3);
  EXPECT_EQ(j["sync"]["role"], "follow");
  EXPECT_DOUBLE_EQ(j["sync"]["offset_ms"].get<double>(), -249.96);
  EXPECT_DOUBLE_EQ(j["sync"]["round_trip_ms"].get<double>(), 0.14);
  EXPECT_EQ(j["sync"]["seeks"], 3);
  s.sync = SyncStatus{"lead", 4, std::nullopt, std::nullopt, false, 0};
  ASSERT_TRUE(board.tryPublish(s));
  j = statusJson(board.read(), 3);
  EXPECT_EQ(j["sync"]["followers"], 4);
  EXPECT_TRUE(j["sync"]["offset_ms"].is_null());
  s.sync.reset();
  ASSERT_TRUE(board.tryPublish(s));
  // The network's error shows until the player has a newer one of its own.
  board.noteError("osc: bad");
  EXPECT_EQ(statusJson(board.read(), 0)["last_error"], "osc: bad");
  ASSERT_TRUE(board.tryPublish(s));
  EXPECT_EQ(statusJson(board.read(), 0)["last_error"], "osc: bad");
  s.lastError = "decode failed";
  ASSERT_TRUE(board.tryPublish(s));
  EXPECT_EQ(statusJson(board.read(), 0)["last_error"], "decode failed");
}

}  // namespace
}  // namespace ps::show
