#include "sync/sync_packet.h"

#include <cmath>
#include <cstring>
#include <limits>

#include <gtest/gtest.h>

namespace {

using namespace ps::sync;

LeaderState fullState() {
  LeaderState s;
  s.group = "stage-a";
  s.shot = "the-long-take";
  s.sequence = 123456789012ull;
  s.clockSeconds = 1764979200.123456;
  s.shotSeconds = 12.0 + 1.0 / 24;
  s.playing = true;
  s.rate = 1.0;
  s.loop = true;
  s.inSeconds = 2.0;
  s.outSeconds = 40.0;
  s.fps = 24;
  s.selectedMarker = "m3";
  s.pointer = SyncPointer{{0.5f, 1.6f, -0.25f}, {0.0f, -0.6f, -0.8f}};
  return s;
}

TEST(SyncPacket, EachMessageReadsBackAsItWasSent) {
  const LeaderState s = fullState();
  const auto back = decodeSyncPacket(encodeSyncPacket(s));
  ASSERT_TRUE(back.message) << back.error;
  const auto& r = std::get<LeaderState>(*back.message);
  EXPECT_EQ(r.group, s.group);
  EXPECT_EQ(r.shot, s.shot);
  EXPECT_EQ(r.sequence, s.sequence);
  EXPECT_EQ(r.clockSeconds, s.clockSeconds) << "doubles travel whole: microseconds of a wall clock survive";
  EXPECT_EQ(r.shotSeconds, s.shotSeconds);
  EXPECT_TRUE(r.playing && r.loop);
  EXPECT_EQ(r.inSeconds, 2.0);
  EXPECT_EQ(r.outSeconds, 40.0);
  EXPECT_EQ(r.fps, 24.0);
  EXPECT_EQ(r.selectedMarker, "m3");
  ASSERT_TRUE(r.pointer);
  EXPECT_EQ(r.pointer->origin.y, 1.6f);
  EXPECT_EQ(r.pointer->direction.z, -0.8f);

  LeaderState noPointer = s;
  noPointer.pointer.reset();
  EXPECT_FALSE(std::get<LeaderState>(*decodeSyncPacket(encodeSyncPacket(noPointer)).message).pointer);

  const auto hello = decodeSyncPacket(encodeSyncPacket(Hello{"stage-a", "the-long-take"}));
  ASSERT_TRUE(hello.message) << hello.error;
  EXPECT_EQ(std::get<Hello>(*hello.message).shot, "the-long-take");
  const auto ping = decodeSyncPacket(encodeSyncPacket(Ping{"g", 7, 99.5}));
  ASSERT_TRUE(ping.message) << ping.error;
  EXPECT_EQ(std::get<Ping>(*ping.message).id, 7);
  EXPECT_EQ(std::get<Ping>(*ping.message).sent, 99.5);
  const auto pong = decodeSyncPacket(encodeSyncPacket(Pong{"g", 7, 99.5, 100.25, 100.5}));
  ASSERT_TRUE(pong.message) << pong.error;
  EXPECT_EQ(std::get<Pong>(*pong.message).answered, 100.5);
  EXPECT_EQ(groupOf(*pong.message), "g");
}

TEST(SyncPacket, BadPacketsAreRefusedWithWhatIsWrong) {
  EXPECT_EQ(decodeSyncPacket({}).error, "an empty packet");
  const std::uint8_t junk[] = {1, 2, 3, 4, 5};
  EXPECT_NE(decodeSyncPacket(junk).error.find("not an OSC message"), std::string::npos);

  // A show control command is not a sync message.
  std::vector<std::uint8_t> other = encodeSyncPacket(Ping{"g", 1, 2.0});
  const char* address = "/perfectshot/sync/ping";
  std::memcpy(other.data(), "/perfectshot/sync/pung", std::strlen(address));
  EXPECT_NE(decodeSyncPacket(other).error.find("not a sync message: /perfectshot/sync/pung"), std::string::npos);

  LeaderState s = fullState();
  s.shotSeconds = std::numeric_limits<double>::infinity();
  EXPECT_EQ(decodeSyncPacket(encodeSyncPacket(s)).error, "state: a number is not finite");
  s = fullState();
  s.fps = 0;
  EXPECT_EQ(decodeSyncPacket(encodeSyncPacket(s)).error, "state: fps is outside (0, 1000]");
  s = fullState();
  s.outSeconds = 1.0;
  EXPECT_EQ(decodeSyncPacket(encodeSyncPacket(s)).error, "state: the timeline's out is before its in");
  s = fullState();
  s.pointer->direction.x = std::nanf("");
  EXPECT_EQ(decodeSyncPacket(encodeSyncPacket(s)).error, "state: the pointer is not finite");
  EXPECT_NE(decodeSyncPacket(encodeSyncPacket(Pong{"g", 1, 1.0, std::nan(""), 2.0})).error.find("not finite"),
            std::string::npos);

  // The right address with other arguments: the types it takes are named.
  std::vector<std::uint8_t> ping = encodeSyncPacket(Ping{"g", 1, 2.0});
  std::memcpy(ping.data(), "/perfectshot/sync/pong", std::strlen(address));
  const auto wrong = decodeSyncPacket(ping);
  EXPECT_FALSE(wrong.message);
  EXPECT_NE(wrong.error.find("/perfectshot/sync/pong takes ',siddd', got ',sid'"), std::string::npos) << wrong.error;
}

}  // namespace
