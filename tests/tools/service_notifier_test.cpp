// The player's sd_notify messages, with a recording sender and made-up frame times.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>
#include <vector>

#include "service_notifier.h"

namespace ps::tools {
namespace {

using namespace std::chrono_literals;
using Clock = ServiceNotifier::Clock;

struct Recorder {
  std::vector<std::string> sent;
  ServiceNotifier::Send send() {
    return [this](const std::string& m) {
      sent.push_back(m);
      return 1;
    };
  }
};

TEST(ServiceNotifier, ReadyAtTheFirstFrameThenPingsAtAQuarterOfTheWatchdog) {
  Recorder r;
  ServiceNotifier n(r.send(), 4000ms);
  n.setStatus("playing shot");
  EXPECT_TRUE(r.sent.empty()) << "nothing before the first frame";
  const Clock::time_point t0{};
  n.frameShown(t0);
  ASSERT_EQ(r.sent.size(), 1u);
  EXPECT_EQ(r.sent[0], "READY=1\nWATCHDOG=1\nSTATUS=playing shot");
  // Frames every 10 ms for 3.5 s: a ping at each whole second, no more.
  for (int ms = 10; ms <= 3500; ms += 10) n.frameShown(t0 + std::chrono::milliseconds(ms));
  EXPECT_EQ(r.sent.size(), 4u);
  for (std::size_t i = 1; i < r.sent.size(); ++i) EXPECT_EQ(r.sent[i], "WATCHDOG=1");
  EXPECT_EQ(n.pings(), 4u);
}

TEST(ServiceNotifier, NoFramesNoPings) {
  Recorder r;
  ServiceNotifier n(r.send(), 4000ms);
  n.frameShown(Clock::time_point{});
  const std::size_t before = r.sent.size();
  n.setStatus("x");  // a status is not a sign of life
  EXPECT_EQ(r.sent.size(), before + 1);
  EXPECT_EQ(r.sent.back(), "STATUS=x");
  n.frameShown(Clock::time_point{} + 5s);
  EXPECT_EQ(r.sent.back(), "WATCHDOG=1");
}

TEST(ServiceNotifier, WithoutAWatchdogOnlyReady) {
  Recorder r;
  ServiceNotifier n(r.send(), std::nullopt);
  for (int s = 0; s < 100; ++s) n.frameShown(Clock::time_point{} + std::chrono::seconds(s));
  ASSERT_EQ(r.sent.size(), 1u);
  EXPECT_EQ(r.sent[0], "READY=1");
}

TEST(ServiceNotifier, StoppingEndsThePingsAndStatusStaysOneLine) {
  Recorder r;
  ServiceNotifier n(r.send(), 1000ms);
  n.frameShown(Clock::time_point{});
  n.setStatus("two\nlines");
  EXPECT_EQ(r.sent.back(), "STATUS=two lines");
  n.stopping();
  EXPECT_EQ(r.sent.back(), "STOPPING=1");
  const std::size_t sent = r.sent.size();
  n.frameShown(Clock::time_point{} + 10s);
  n.stopping();
  EXPECT_EQ(r.sent.size(), sent);
}

TEST(ServiceNotifier, OutsideAServiceItIsInactive) {
  ::unsetenv("NOTIFY_SOCKET");
  ::setenv("WATCHDOG_USEC", "1000000", 1);
  ServiceNotifier n = ServiceNotifier::fromEnvironment();
  EXPECT_FALSE(n.active());
  n.frameShown(Clock::time_point{});
  EXPECT_FALSE(n.ready());
  ::unsetenv("WATCHDOG_USEC");
}

TEST(ServiceNotifier, TakesTheWatchdogIntervalFromTheEnvironment) {
  ::setenv("NOTIFY_SOCKET", "/nonexistent/notify", 1);
  ::setenv("WATCHDOG_USEC", "2500000", 1);
  ServiceNotifier n = ServiceNotifier::fromEnvironment();
  EXPECT_TRUE(n.active());
  ASSERT_TRUE(n.watchdog());
  EXPECT_EQ(*n.watchdog(), 2500ms);
  ::unsetenv("NOTIFY_SOCKET");
  ::unsetenv("WATCHDOG_USEC");
}

}  // namespace
}  // namespace ps::tools
