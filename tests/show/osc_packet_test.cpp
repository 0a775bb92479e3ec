// The OSC vocabulary decoded from bytes (osc_packet.h): each command, and every kind of bad
// packet refused with a reason rather than a crash.
#include <gtest/gtest.h>
#include <lo/lo.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <random>

#include "show/osc_packet.h"

namespace ps::show {
namespace {

std::vector<std::uint8_t> message(const char* path, const std::function<void(lo_message)>& add = {}) {
  lo_message m = lo_message_new();
  if (add) add(m);
  std::vector<std::uint8_t> out(lo_message_length(m, path));
  std::size_t size = out.size();
  lo_message_serialise(m, path, out.data(), &size);
  lo_message_free(m);
  out.resize(size);
  return out;
}

TEST(OscPacket, DecodesEachCommand) {
  for (const char* name : {"play", "pause", "next", "previous", "recenter", "attract"}) {
    const OscRequest r = decodeOscPacket(message((std::string("/perfectshot/") + name).c_str()));
    ASSERT_TRUE(r.command) << name << ": " << r.error;
    EXPECT_EQ(commandName(r.command->kind), name);
  }
  OscRequest seek = decodeOscPacket(message("/perfectshot/seek", [](lo_message m) { lo_message_add_float(m, 2.5f); }));
  ASSERT_TRUE(seek.command) << seek.error;
  EXPECT_EQ(seek.command->kind, CommandKind::Seek);
  EXPECT_DOUBLE_EQ(seek.command->seconds, 2.5);
  seek = decodeOscPacket(message("/perfectshot/seek", [](lo_message m) { lo_message_add_int32(m, 7); }));
  ASSERT_TRUE(seek.command) << seek.error;
  EXPECT_DOUBLE_EQ(seek.command->seconds, 7);
  seek = decodeOscPacket(message("/perfectshot/seek", [](lo_message m) { lo_message_add_double(m, 1.25); }));
  ASSERT_TRUE(seek.command) << seek.error;
  EXPECT_DOUBLE_EQ(seek.command->seconds, 1.25);
  const OscRequest volume =
      decodeOscPacket(message("/perfectshot/volume", [](lo_message m) { lo_message_add_float(m, 0.25f); }));
  ASSERT_TRUE(volume.command) << volume.error;
  EXPECT_FLOAT_EQ(volume.command->volume, 0.25f);
  const OscRequest load =
      decodeOscPacket(message("/perfectshot/load", [](lo_message m) { lo_message_add_string(m, "ep/episode.json"); }));
  ASSERT_TRUE(load.command) << load.error;
  EXPECT_EQ(load.command->path, "ep/episode.json");
  OscRequest step = decodeOscPacket(message("/perfectshot/step", [](lo_message m) { lo_message_add_int32(m, -3); }));
  ASSERT_TRUE(step.command) << step.error;
  EXPECT_EQ(step.command->kind, CommandKind::Step);
  EXPECT_EQ(step.command->frames, -3);
  step = decodeOscPacket(message("/perfectshot/step", [](lo_message m) { lo_message_add_float(m, 2.0f); }));
  ASSERT_TRUE(step.command) << step.error;
  EXPECT_EQ(step.command->frames, 2);
}

TEST(OscPacket, RefusesBadArgumentsWithAReason) {
  struct Case {
    const char* path;
    std::function<void(lo_message)> add;
    const char* says;
  };
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<Case> cases = {
      {"/perfectshot/seek", [](lo_message m) { lo_message_add_string(m, "two"); }, "seek takes one number"},
      {"/perfectshot/seek", {}, "seek takes one number"},
      {"/perfectshot/seek", [](lo_message m) { lo_message_add_float(m, -1); }, "0 or more"},
      {"/perfectshot/seek", [nan](lo_message m) { lo_message_add_float(m, nan); }, "not finite"},
      {"/perfectshot/volume", [](lo_message m) { lo_message_add_float(m, 1.5f); }, "within 0..1"},
      {"/perfectshot/volume", [](lo_message m) { lo_message_add_float(m, 0.1f); lo_message_add_float(m, 0.2f); },
       "one number"},
      {"/perfectshot/play", [](lo_message m) { lo_message_add_int32(m, 1); }, "takes no arguments"},
      {"/perfectshot/load", [](lo_message m) { lo_message_add_string(m, ""); }, "path is empty"},
      {"/perfectshot/step", {}, "step takes one number of frames"},
      {"/perfectshot/step", [](lo_message m) { lo_message_add_float(m, 1.5f); }, "a whole number of frames"},
      {"/perfectshot/step", [](lo_message m) { lo_message_add_int32(m, 0); }, "not 0"},
      {"/perfectshot/step", [](lo_message m) { lo_message_add_double(m, 1e9); }, "within +-10000"},
      {"/perfectshot/load", [](lo_message m) { lo_message_add_int32(m, 3); }, "one string"},
      {"/perfectshot/rewind", {}, "no such command"},
      {"/perfectshot/", {}, "no such command"},
      {"/other/play", {}, "not a /perfectshot/ address"},
  };
  for (const Case& c : cases) {
    const OscRequest r = decodeOscPacket(message(c.path, c.add));
    EXPECT_FALSE(r.command) << c.path;
    EXPECT_NE(r.error.find(c.says), std::string::npos) << c.path << ": " << r.error;
    EXPECT_EQ(r.address, c.path);
  }
}

TEST(OscPacket, RefusesBytesThatAreNotAMessage) {
  EXPECT_NE(decodeOscPacket({}).error.find("empty"), std::string::npos);
  const std::string bundle("#bundle\0\0\0\0\0\0\0\0\1", 16);
  EXPECT_NE(decodeOscPacket({reinterpret_cast<const std::uint8_t*>(bundle.data()), bundle.size()}).error.find("bundle"),
            std::string::npos);
  // A good message cut short at every length: refused, never read past its end (ASan).
  const std::vector<std::uint8_t> good =
      message("/perfectshot/load", [](lo_message m) { lo_message_add_string(m, "episode.json"); });
  for (std::size_t n = 1; n < good.size(); ++n) {
    const OscRequest r = decodeOscPacket({good.data(), n});
    EXPECT_FALSE(r.command) << n;
    EXPECT_FALSE(r.error.empty()) << n;
  }
  // Noise: never a command, always a reason. Fixed seed.
  std::mt19937 random(7);
  for (int i = 0; i < 2000; ++i) {
    std::vector<std::uint8_t> noise(1 + random() % 64);
    for (auto& b : noise) b = static_cast<std::uint8_t>(random());
    const OscRequest r = decodeOscPacket(noise);
    if (!r.command) {
      EXPECT_FALSE(r.error.empty());
    }
  }
}

TEST(OscPacket, EncodesRepliesAndStatusThatLibloReads) {
  std::vector<std::uint8_t> bytes = encodeOscReply({0, "seek", false, "past the end"});
  int result = 0;
  lo_message m = lo_message_deserialise(bytes.data(), bytes.size(), &result);
  ASSERT_NE(m, nullptr) << result;
  EXPECT_STREQ(reinterpret_cast<const char*>(bytes.data()), "/perfectshot/reply");
  EXPECT_STREQ(lo_message_get_types(m), "sss");
  EXPECT_STREQ(reinterpret_cast<const char*>(lo_message_get_argv(m)[1]), "error");
  lo_message_free(m);
  ShowStatus s;
  s.state = "playing";
  s.lateFrames = 3;
  bytes = encodeOscStatus(s, 12);
  m = lo_message_deserialise(bytes.data(), bytes.size(), &result);
  ASSERT_NE(m, nullptr) << result;
  EXPECT_STREQ(lo_message_get_types(m), "sssffiiiffs");
  std::int32_t late = 0, visitors = 0;
  std::memcpy(&late, static_cast<const void*>(lo_message_get_argv(m)[5]), 4);
  std::memcpy(&visitors, static_cast<const void*>(lo_message_get_argv(m)[7]), 4);
  EXPECT_EQ(late, 3);
  EXPECT_EQ(visitors, -1);  // no visitors counted
  lo_message_free(m);
}

}  // namespace
}  // namespace ps::show
