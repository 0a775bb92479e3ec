// perfectshot lint: one line per problem as file#/pointer: severity: sentence,
// a summary line, exit 1 on any error and 0 on warnings alone.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const fs::path kMedia = PS_TEST_MEDIA_DIR "/lint";

// A package under the build tree holding the fixture's videos and a shot.json.
class LintPackage {
 public:
  LintPackage(const std::string& name, const std::string& shotJson)
      : root_(fs::path(PS_BINARY_DIR) / "test-out" / "lint" / name) {
    fs::remove_all(root_);
    fs::create_directories(root_);
    for (const char* f : {"good.mp4", "truncated.mp4", "notes.mp4"}) fs::copy_file(kMedia / f, root_ / f);
    std::ofstream(root_ / "lens.ogg") << "narration";
    std::ofstream(root_ / "lens.srt") << "1\n00:00:00,000 --> 00:00:01,000\nHello\n";
    std::ofstream(root_ / "shot.json") << shotJson;
  }
  const fs::path& root() const { return root_; }
  std::string shotJson() const { return (root_ / "shot.json").string(); }

 private:
  fs::path root_;
};

std::string shot(const std::string& plate, const std::string& extra = "") {
  return R"({"format":"perfectshot/1","title":"T",
  "media":[{"id":"plate","kind":"equirect","src":")" + plate + R"(","projection":"360","stereo":"mono"}],
  "timeline":{"fps":"30","in":0,"out":2},
  "markers":[{"id":"m","t_in":0.5,"t_out":1.5,"at":{"yaw_deg":30,"pitch_deg":-5},"title":"M","category":"sound",
              "audio":"lens.ogg","captions":"lens.srt"}],
  "camera":{"hfov_deg":40,"aspect":2.39,"clip":{"src":"good.mp4","offset":0}})" + extra + "}";
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

ProcessResult lint(const std::vector<std::string>& args) {
  std::vector<std::string> argv{kPerfectshot, "--log-level", "off", "lint"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv);
}

TEST(Lint, AGoodPackageHasNothingToSayButItsSummary) {
  LintPackage pkg("good", shot("good.mp4"));
  auto r = lint({pkg.root().string()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(lines(r.output), (std::vector<std::string>{"1 file(s) checked: 0 error(s), 0 warning(s)"})) << r.output;
}

TEST(Lint, TheDemoShotIsClean) {
  auto r = lint({PS_SOURCE_DIR "/scenes/demo"});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("0 error(s), 0 warning(s)"), std::string::npos) << r.output;
}

TEST(Lint, ABrokenPackageListsEveryProblemAndExitsOne) {
  LintPackage pkg("broken", shot("notes.mp4", R"(, "colour": "red")"));
  {  // a second medium cut short, and a marker that outlives the timeline
    std::string text = shot("notes.mp4", R"(, "colour": "red")");
    text.replace(text.find("\"media\":["), 9,
                 R"("media":[{"id":"short","kind":"equirect","src":"truncated.mp4"},)");
    text.replace(text.find("\"t_out\":1.5"), 11, "\"t_out\":3");
    std::ofstream(pkg.root() / "shot.json") << text;
  }
  auto r = lint({pkg.shotJson()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  const auto out = lines(r.output);
  const std::string f = pkg.shotJson();
  auto has = [&](const std::string& prefix, const std::string& says) {
    for (const auto& l : out)
      if (l.starts_with(prefix) && l.find(says) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(has(f + "#/colour: warning: ", "unknown field \"colour\"")) << r.output;
  EXPECT_TRUE(has(f + "#/markers/0/t_out: error: ", "after the timeline's out")) << r.output;
  EXPECT_TRUE(has(f + "#/media/0/src: error: ", "\"truncated.mp4\"")) << r.output;
  EXPECT_TRUE(has(f + "#/media/1/src: error: ", "\"notes.mp4\" does not open as a video")) << r.output;
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.back(), "1 file(s) checked: 3 error(s), 1 warning(s)") << r.output;
}

TEST(Lint, WarningsAloneExitZero) {
  LintPackage pkg("warnings", shot("good.mp4", R"(, "notes": "for the grader")"));
  auto r = lint({pkg.shotJson()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(lines(r.output).front(), pkg.shotJson() + "#/notes: warning: unknown field \"notes\"; it is kept but PerfectShot ignores it");
}

TEST(Lint, APlaylistIsCheckedWithItsShots) {
  LintPackage good("episode/mine", shot("good.mp4"));
  std::string theirs = shot("good.mp4");
  theirs.replace(theirs.find("\"hfov_deg\":40"), 13, "\"hfov_deg\":\"wide\"");
  LintPackage bad("episode/theirs", theirs);
  const fs::path episode = good.root().parent_path() / "episode.json";
  std::ofstream(episode) << R"({"format":"perfectshot-playlist/1","title":"E","items":[
    {"shot":"mine"},{"title_card":{"title":"Then","seconds":-1}},{"shot":"theirs/shot.json"},{"shot":"/etc"}]})";
  auto r = lint({episode.string(), good.root().string()});  // the shot named twice is checked once
  EXPECT_EQ(r.exitCode, 1) << r.output;
  const auto out = lines(r.output);
  ASSERT_EQ(out.size(), 4u) << r.output;
  EXPECT_TRUE(out[0].starts_with(episode.string() + "#/items/1/title_card/seconds: error: ")) << out[0];
  EXPECT_TRUE(out[1].starts_with(episode.string() + "#/items/3/shot: error: \"/etc\" is absolute")) << out[1];
  EXPECT_TRUE(out[2].starts_with(bad.shotJson() + "#/camera/hfov_deg: error: expected degrees, found string")) << out[2];
  EXPECT_EQ(out[3], "3 file(s) checked: 3 error(s), 0 warning(s)");
}

TEST(Lint, AMissingFileIsAnErrorAndHelpExplainsTheFormat) {
  auto r = lint({"/nonexistent/shot.json"});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("/nonexistent/shot.json: error: cannot open the file"), std::string::npos) << r.output;
  auto help = run({kPerfectshot, "lint", "--help"});
  EXPECT_EQ(help.exitCode, 0);
  EXPECT_NE(help.output.find("file#/json/pointer"), std::string::npos) << help.output;
}

}  // namespace
}  // namespace ps::test
