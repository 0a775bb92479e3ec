// The perfectshot command against hostile files: a FIFO or /dev/zero where a manifest should
// be gives one line that says what the file is, at once; a link planted where a writer
// might put its temporary file is never written through; leftovers of a killed save are
// reported by lint; a failing save in the editor is an error in the log.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const std::string kDemo = PS_SOURCE_DIR "/scenes/demo";

// A fresh folder of its own (mkdtemp), removed at the end.
class TempDir {
 public:
  TempDir() {
    std::string templ = (fs::temp_directory_path() / "ps_special_XXXXXX").string();
    if (::mkdtemp(templ.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = templ;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs perfectshot under `timeout` (a hang is a failure, not a stuck test) and times it.
struct Timed {
  ProcessResult result;
  double seconds = 0;
};
Timed perfectshot(std::vector<std::string> args) {
  args.insert(args.begin(), {"timeout", "-s", "KILL", "20", kPerfectshot});
  const auto t0 = std::chrono::steady_clock::now();
  Timed t{run(args), 0};
  t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return t;
}

TEST(SpecialFilesCli, PlayOnAFifoManifestSaysSoAtOnce) {
  TempDir dir;
  ASSERT_EQ(::mkfifo((dir.path() / "shot.json").c_str(), 0644), 0);
  const Timed t = perfectshot({"play", dir.path().string(), "--display", "offscreen", "--no-audio"});
  EXPECT_NE(t.result.exitCode, 0) << t.result.output;
  EXPECT_NE(t.result.output.find("is a FIFO (named pipe), not a regular file"), std::string::npos) << t.result.output;
  EXPECT_LT(t.seconds, 5.0) << t.result.output;  // the process's own start-up (sanitizers) included
}

TEST(SpecialFilesCli, PlayAndLintKeepTheReasonAManifestCannotBeRead) {
  TempDir dir;
  fs::create_symlink("/dev/zero", dir.path() / "shot.json");
  for (const char* command : {"play", "lint"}) {
    const Timed t = perfectshot({command, dir.path().string()});
    EXPECT_NE(t.result.exitCode, 0) << command << "\n" << t.result.output;
    EXPECT_NE(t.result.output.find("is a character device, not a regular file"), std::string::npos)
        << command << "\n" << t.result.output;
    EXPECT_LT(t.seconds, 5.0) << command;
  }
  fs::create_directory(dir.path() / "not_a_package");  // a folder without a shot.json
  const Timed missing = perfectshot({"play", (dir.path() / "not_a_package").string(), "--display", "offscreen"});
  EXPECT_NE(missing.result.output.find("No such file or directory"), std::string::npos) << missing.result.output;
}

TEST(SpecialFilesCli, LintOnAFifoSaysSoAtOnce) {
  TempDir dir;
  const fs::path fifo = dir.path() / "episode.json";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  const Timed t = perfectshot({"lint", fifo.string()});
  EXPECT_EQ(t.result.exitCode, 1) << t.result.output;
  EXPECT_NE(t.result.output.find(fifo.string() + ": error: is a FIFO"), std::string::npos) << t.result.output;
  EXPECT_LT(t.seconds, 5.0);
}

TEST(SpecialFilesCli, LintWarnsAboutLeftoversOfAKilledSave) {
  TempDir dir;
  fs::copy(kDemo, dir.path() / "pkg", fs::copy_options::recursive);
  std::ofstream(dir.path() / "pkg" / ".shot.json.k1Lld9.tmp") << "{";
  const Timed t = perfectshot({"lint", (dir.path() / "pkg").string()});
  EXPECT_NE(t.result.output.find("shot.json: warning: \".shot.json.k1Lld9.tmp\" is left over from an interrupted save"),
            std::string::npos)
      << t.result.output;
}

// Links planted where a writer might put its temporary file or its output: under the old
// fixed name "<out>.tmp", and at the output itself. Neither victim changes.
TEST(SpecialFilesCli, RenderNeverWritesThroughAPlantedLink) {
  TempDir dir;
  const fs::path victim = dir.path() / "victim.txt", other = dir.path() / "other.txt";
  std::ofstream(victim) << "keep me";
  std::ofstream(other) << "keep me too";
  const fs::path out = dir.path() / "r.png";
  fs::create_symlink(victim, dir.path() / "r.png.tmp");
  fs::create_symlink(other, out);
  const Timed t = perfectshot({"--log-level", "warn", "render", kDemo, "--size", "64x32", "-o", out.string()});
  ASSERT_EQ(t.result.exitCode, 0) << t.result.output;
  EXPECT_EQ(readAll(victim), "keep me");
  EXPECT_EQ(readAll(other), "keep me too");
  EXPECT_FALSE(fs::is_symlink(out));
  EXPECT_EQ(readAll(out).substr(1, 3), "PNG");
  for (const auto& e : fs::directory_iterator(dir.path()))  // no temporary file left behind
    EXPECT_FALSE(e.path().filename().string().ends_with(".tmp") && !fs::is_symlink(e.symlink_status())) << e.path();
}

}  // namespace
}  // namespace ps::test
