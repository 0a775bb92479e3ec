// Ctrl-C and SIGTERM end `perfectshot play` within a second at any point, also while it sits in
// a call that does not return: here a headset whose runtime hands out a frame every 20 s, so
// the player waits in xrWaitFrame. The signal is seen at once; the process, stuck, ends itself
// 0.8 s later with the shell's code for the signal (130, 143). The bound on the whole exit
// allows for a sanitizer build on a busy machine (unmapping its shadow memory takes time);
// without the watcher the player would sit in xrWaitFrame for up to 20 s.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>

#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";

fs::path testDir(const std::string& name) {
  const fs::path d = fs::path(PS_BINARY_DIR) / "test-out" / "xr_quit" / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// Starts play against a runtime at 0.05 Hz, waits until its session shows, sends `signal`,
// and reports the exit code and the milliseconds from the signal to the exit.
ProcessResult playStuckAndSignal(const fs::path& dir, const char* signal) {
  std::ofstream(dir / "script.json") << R"({"display": {"refresh_hz": 0.05}})";
  const std::string log = (dir / "log.txt").string();
  const std::string cmd =
      "PERFECTSHOT_SIM_SCRIPT=" + (dir / "script.json").string() + " " + kPerfectshot +
      " --log-level info play " PS_SOURCE_DIR "/scenes/demo --display xr --no-audio > " + log + " 2>&1 & pid=$!; " +
      "for i in $(seq 300); do grep -q 'shown: playback' " + log + " && break; sleep 0.1; done; sleep 0.3; " +
      "t0=$(date +%s%N); kill -" + signal + " $pid; wait $pid; code=$?; t1=$(date +%s%N); " +
      "echo exit=$code ms=$(( (t1 - t0) / 1000000 )); cat " + log;
  return runShell(cmd);
}

int field(const std::string& output, const std::string& key) {
  const auto at = output.find(key + "=");
  return at == std::string::npos ? -1 : std::stoi(output.substr(at + key.size() + 1));
}

TEST(Quit, SigintEndsAPlayerStuckInTheRuntimeWithinASecond) {
  const ProcessResult r = playStuckAndSignal(testDir("sigint"), "INT");
  ASSERT_NE(r.output.find("shown: playback"), std::string::npos) << "the session never showed\n" << r.output;
  EXPECT_EQ(field(r.output, "exit"), 130) << r.output;
  EXPECT_LE(field(r.output, "ms"), 4000) << r.output;
  EXPECT_NE(r.output.find("SIGINT received"), std::string::npos) << r.output;
  // The watcher, not the runtime, ended it: it says so.
  EXPECT_NE(r.output.find("ms after the signal (a call that does not return); ending now"), std::string::npos) << r.output;
}

TEST(Quit, SigtermEndsAPlayerStuckInTheRuntimeWithinASecond) {
  const ProcessResult r = playStuckAndSignal(testDir("sigterm"), "TERM");
  ASSERT_NE(r.output.find("shown: playback"), std::string::npos) << "the session never showed\n" << r.output;
  EXPECT_EQ(field(r.output, "exit"), 143) << r.output;
  EXPECT_LE(field(r.output, "ms"), 4000) << r.output;
}

}  // namespace
}  // namespace ps::test
