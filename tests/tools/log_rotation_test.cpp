// The rotating log file: bounded in size and in number of files, and its options checked.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "logging.h"
#include "process.h"
#include "temp_dir.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;
const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";

TEST(LogRotation, KeepsTheLogWithinItsFilesAndSize) {
  TempDir dir("log_rotation");
  const fs::path log = dir.path() / "player.log";
  tools::setupLogging("info", {.path = log.string(), .maxMiB = 1, .files = 2});
  const std::string line(200, 'x');
  for (int i = 0; i < 5 * 1024 * 1024 / 200; ++i) spdlog::info("line {} {}", i, line);  // 5 MiB
  spdlog::default_logger()->flush();
  std::uintmax_t total = 0;
  for (const char* name : {"player.log", "player.1.log", "player.2.log"}) {
    ASSERT_TRUE(fs::exists(dir.path() / name)) << name;
    const std::uintmax_t size = fs::file_size(dir.path() / name);
    EXPECT_LE(size, 1024u * 1024u) << name;
    total += size;
  }
  EXPECT_FALSE(fs::exists(dir.path() / "player.3.log")) << "only --log-files rotated files are kept";
  EXPECT_GT(total, 2u * 1024u * 1024u);
  tools::setupLogging("info");  // back to stderr, before the folder goes
}

TEST(LogRotation, RefusesSizesAndCountsWithoutAFile) {
  EXPECT_THROW(tools::setupLogging("info", {.path = "", .maxMiB = 4}), std::invalid_argument);
  EXPECT_THROW(tools::setupLogging("info", {.path = "", .maxMiB = 0, .files = 4}), std::invalid_argument);
  EXPECT_THROW(tools::setupLogging("info", {.path = "x.log", .maxMiB = 5000, .files = 0}), std::invalid_argument);
  tools::setupLogging("info");
}

struct BadLogOption {
  std::vector<std::string> args;
  std::string named;
};

class LogOptionCli : public ::testing::TestWithParam<BadLogOption> {};

TEST_P(LogOptionCli, NonsenseIsRefusedNamingTheOption) {
  std::vector<std::string> args{kPerfectshot};
  args.insert(args.end(), GetParam().args.begin(), GetParam().args.end());
  args.insert(args.end(), {"probe", PS_SOURCE_DIR "/scenes/demo"});
  const ProcessResult r = run(args);
  EXPECT_NE(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find(GetParam().named), std::string::npos) << r.output;
}

INSTANTIATE_TEST_SUITE_P(
    Values, LogOptionCli,
    ::testing::Values(BadLogOption{{"--log-file", "/tmp/x.log", "--log-max-mib", "0"}, "--log-max-mib"},
                      BadLogOption{{"--log-file", "/tmp/x.log", "--log-max-mib", "-3"}, "--log-max-mib"},
                      BadLogOption{{"--log-file", "/tmp/x.log", "--log-max-mib", "1e9"}, "--log-max-mib"},
                      BadLogOption{{"--log-file", "/tmp/x.log", "--log-files", "0"}, "--log-files"},
                      BadLogOption{{"--log-file", "/tmp/x.log", "--log-files", "many"}, "--log-files"},
                      BadLogOption{{"--log-max-mib", "4"}, "--log-max-mib needs --log-file"},
                      BadLogOption{{"--log-files", "3"}, "--log-files needs --log-file"},
                      BadLogOption{{"--log-file", "/proc/nonexistent/dir/x.log"}, "--log-file /proc/nonexistent"}));

TEST(LogOptionCli, TheFileGetsTheLogAfterTheSubcommandToo) {
  TempDir dir("log_rotation");
  const fs::path log = dir.path() / "probe.log";
  const fs::path clip = dir.path() / "clip.mp4";
  ASSERT_EQ(
      run({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=64x32:d=1", "-c:v", "libx264", clip.string()}).exitCode,
      0);
  const ProcessResult r = run({kPerfectshot, "probe", clip.string(), "--log-level", "debug", "--log-file", log.string(),
                               "--log-max-mib", "2", "--log-files", "3"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  ASSERT_TRUE(fs::exists(log));
  const ProcessResult logged =
      run({"grep", "-cE", "^\\[20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9:.]+\\] \\[(debug|info)\\] ", log.string()});
  EXPECT_NE(logged.output, "0\n") << "dated lines in the file";
}

}  // namespace
}  // namespace ps::test
