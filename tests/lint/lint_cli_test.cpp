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

TEST(Lint, BlockingProblemsAreListedAtTheirPointers) {
  LintPackage pkg("blocking", shot("good.mp4", R"(, "blocking": {
    "marks": [ { "id": "tape", "x": 150, "z": 0 } ],
    "actors": [ { "id": "walk", "actor": "A", "figure_height_m": 5,
                  "keys": [ { "t": 1, "x": 0, "z": 0 }, { "t": 0.5, "x": 1, "z": 0 }, { "t": 3, "x": 1, "z": 1 } ] } ] })"));
  auto r = lint({pkg.shotJson()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  const std::string f = pkg.shotJson();
  EXPECT_EQ(lines(r.output),
            (std::vector<std::string>{
                f + "#/blocking/marks/0/x: error: expected metres in [-100, 100], found 150",
                f + "#/blocking/actors/0/figure_height_m: error: a figure is more than 0.3 m and at most 3 m tall, found 5 m",
                f + "#/blocking/actors/0/keys/1/t: error: keys must be in time order; 0.5 s is not after the previous key's 1 s",
                f + "#/blocking/actors/0/keys/2/t: warning: 3 s is after the timeline's out (2 s)",
                "1 file(s) checked: 3 error(s), 1 warning(s)"}))
      << r.output;
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

// `shot(plate)` with `from` replaced by `to` (each must be there).
std::string shotWith(std::vector<std::pair<std::string, std::string>> edits, const std::string& extra = "") {
  std::string text = shot("good.mp4", extra);
  for (const auto& [from, to] : edits) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
  }
  return text;
}

bool hasLine(const std::vector<std::string>& out, const std::string& prefix, const std::string& says = "") {
  for (const auto& l : out)
    if (l.starts_with(prefix) && l.find(says) != std::string::npos) return true;
  return false;
}

TEST(Lint, TimesPastTheVideoAreErrors) {
  // good.mp4 lasts 2 s.
  LintPackage out("out_past", shotWith({{"\"out\":2", "\"out\":5"}}));
  auto r = lint({out.shotJson()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_TRUE(hasLine(lines(r.output), out.shotJson() + "#/timeline/out: error: ",
                      "the timeline's out (5 s) is after the end of \"good.mp4\" ("))
      << r.output;

  LintPackage markers("marker_past", shotWith({{",\"out\":2", ""}, {"\"t_out\":1.5", "\"t_out\":3"}}));
  r = lint({markers.shotJson()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_TRUE(hasLine(lines(r.output), markers.shotJson() + "#/markers/0/t_out: error: ",
                      "marker \"m\" ends at 3 s, after the end of \"good.mp4\" ("))
      << r.output;
}

// The plate placed on shot time by its start and offset: the timeline is checked on shot time,
// and an offset that leaves nothing of the video is an error at its pointer.
TEST(Lint, APlacedPlateIsCheckedOnShotTime) {
  // good.mp4 lasts 2 s; starting at shot time 1 with offset 0.5 it ends at shot time 2.5.
  const std::string placed = R"("stereo":"mono","start":1,"offset":0.5)";
  LintPackage fits("plate_placed", shotWith({{R"("stereo":"mono")", placed}, {"\"out\":2", "\"out\":2.5"}}));
  auto r = lint({fits.shotJson()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(lines(r.output), (std::vector<std::string>{"1 file(s) checked: 0 error(s), 0 warning(s)"})) << r.output;

  LintPackage late("plate_placed_out_past", shotWith({{R"("stereo":"mono")", placed}, {"\"out\":2", "\"out\":3"}}));
  r = lint({late.shotJson()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_TRUE(hasLine(lines(r.output), late.shotJson() + "#/timeline/out: error: ",
                      "the timeline's out (3 s) is after the end of \"good.mp4\" (2"))
      << r.output;
  EXPECT_TRUE(hasLine(lines(r.output), late.shotJson() + "#/timeline/out: error: ", "on shot time at 2.5 s")) << r.output;

  LintPackage gone("plate_offset_past", shotWith({{R"("stereo":"mono")", R"("stereo":"mono","offset":2.5)"}}));
  r = lint({gone.shotJson()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_TRUE(hasLine(lines(r.output), gone.shotJson() + "#/media/0/offset: error: ",
                      "the offset (2.5 s) is not before the end of \"good.mp4\""))
      << r.output;

  LintPackage negative("plate_offset_negative", shotWith({{R"("stereo":"mono")", R"("stereo":"mono","offset":-1)"}}));
  r = lint({negative.shotJson()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_TRUE(hasLine(lines(r.output), negative.shotJson() + "#/media/0/offset: error: ", "seconds in [0,")) << r.output;
}

TEST(Lint, AnAudioClipMustBeAFile) {
  for (const char* audio : {".", "clips"}) {
    LintPackage pkg(std::string("audio_") + (audio[0] == '.' ? "dot" : "folder"),
                    shotWith({{"\"audio\":\"lens.ogg\"", std::string("\"audio\":\"") + audio + "\""}}));
    fs::create_directories(pkg.root() / "clips");
    auto r = lint({pkg.root().string()});
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_TRUE(hasLine(lines(r.output), pkg.shotJson() + "#/markers/0/audio: error: ", "is a folder")) << r.output;
  }
}

TEST(Lint, GarbageAfterANulByteIsAnError) {
  LintPackage pkg("nul", shot("good.mp4") + std::string("\0garbage", 8));
  auto r = lint({pkg.shotJson()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_TRUE(hasLine(lines(r.output), pkg.shotJson() + ": error: not valid JSON: a NUL byte")) << r.output;
  const fs::path episode = pkg.root() / "episode.json";
  std::ofstream(episode) << R"({"format":"perfectshot-playlist/1","items":[{"shot":"."}]})" << std::string("\0x", 2);
  r = lint({episode.string()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_TRUE(hasLine(lines(r.output), episode.string() + ": error: not valid JSON: a NUL byte")) << r.output;
}

TEST(Lint, PlaylistsThatNamePlaylistsAreErrors) {
  LintPackage pkg("playlists/mine", shot("good.mp4"));
  const fs::path dir = pkg.root().parent_path();
  const auto write = [&](const std::string& name, const std::string& items) {
    std::ofstream(dir / name) << R"({"format":"perfectshot-playlist/1","items":[)" + items + "]}";
    return (dir / name).string();
  };
  const std::string self = write("self.json", R"({"shot":"mine"},{"shot":"self.json"})");
  const std::string a = write("a.json", R"({"shot":"b.json"})");
  write("b.json", R"({"shot":"a.json"})");
  const std::string outer = write("outer.json", R"({"shot":"inner.json"})");
  write("inner.json", R"({"shot":"mine"})");
  for (const auto& [file, says] : std::vector<std::pair<std::string, std::string>>{
           {self, "#/items/1/shot: error: \"self.json\" is this playlist itself (self.json \u2192 self.json)"},
           {a, "#/items/0/shot: error: \"b.json\" is a playlist that leads back to this one (a.json \u2192 b.json "
               "\u2192 a.json)"},
           {outer, "#/items/0/shot: error: \"inner.json\" is a playlist; a playlist may only name shot packages"}}) {
    auto r = lint({file});
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_TRUE(hasLine(lines(r.output), file + says)) << r.output;
  }
}

TEST(Lint, ANewlineInAKeyCannotForgeALine) {
  // Each key ends the line and starts a fake diagnostic, as an attacker would write it.
  const std::string forged = R"(x\n/etc/passwd#/media: error: forged\r\u001b[2K\u0085)";
  LintPackage pkg("forged", shotWith({{"\"title\":\"M\"", "\"title\":\"M\",\"" + forged + "\":1"}},
                                      ",\"" + forged + "\":{\"" + forged + "\":2}"));
  auto r = lint({pkg.shotJson()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  const auto out = lines(r.output);
  ASSERT_EQ(out.size(), 3u) << r.output;  // two warnings and the summary, nothing else
  for (const auto& l : out) {
    EXPECT_FALSE(l.starts_with("/etc/passwd")) << l;
    EXPECT_EQ(l.find('\r'), std::string::npos) << l;
    EXPECT_EQ(l.find('\x1b'), std::string::npos) << l;
  }
  EXPECT_EQ(out[0], pkg.shotJson() +
                        "#/x\\n~1etc~1passwd#~1media: error: forged\\r\\x1B[2K\\u0085: warning: unknown field "
                        "\"x\\n/etc/passwd#/media: error: forged\\r\\x1B[2K\\u0085\"; it is kept but PerfectShot "
                        "ignores it");
  EXPECT_TRUE(out[1].starts_with(pkg.shotJson() + "#/markers/0/x\\n~1etc")) << out[1];
  EXPECT_EQ(out[2], "1 file(s) checked: 0 error(s), 2 warning(s)");
}

TEST(Lint, AHugeValueGivesBoundedOutput) {
  // 1 MiB fits under any cap on a manifest's size and is cut in the message; 50 MiB is
  // bounded whatever refuses it.
  for (const std::size_t size : {std::size_t{1} << 20, std::size_t{50} << 20}) {
    const std::string huge(size, 'a');
    LintPackage pkg("huge", shotWith({{"\"src\":\"good.mp4\",\"offset\"", "\"src\":\"" + huge + "\",\"offset\""}}));
    auto r = lint({pkg.shotJson()});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_LT(r.output.size(), 4096u) << r.output.substr(0, 4096);
    if (size == std::size_t{1} << 20) {
      EXPECT_TRUE(hasLine(lines(r.output), pkg.shotJson() + "#/camera/clip/src: error: \"aaaa", "(1048576 bytes)"))
          << r.output.substr(0, 4096);
    }
  }
}

// What play refuses, lint reports as an error at the same place; what lint passes, play plays.
TEST(Lint, AgreesWithPlayOnEveryFile) {
  struct Case {
    std::string name, json;
  };
  const std::vector<Case> bad{
      {"audio_folder", shotWith({{"\"audio\":\"lens.ogg\"", "\"audio\":\"clips\""}})},
      {"audio_dot", shotWith({{"\"audio\":\"lens.ogg\"", "\"audio\":\".\""}})},
      {"out_past_video", shotWith({{"\"out\":2", "\"out\":5"}})},
      {"marker_past_video", shotWith({{",\"out\":2", ""}, {"\"t_out\":1.5", "\"t_out\":3"}})},
      {"chapter_past_video", shotWith({{",\"out\":2", ",\"chapters\":[{\"t\":4,\"title\":\"Late\"}]"}})},
      {"nul_garbage", shot("good.mp4") + std::string("\0garbage", 8)},
      {"missing_plate", shot("missing.mp4")},
      {"not_a_video", shot("notes.mp4")},
  };
  const fs::path stills = fs::path(PS_BINARY_DIR) / "test-out" / "lint" / "agree-stills";
  const auto play = [&](const LintPackage& pkg) {
    return run({kPerfectshot, "--log-level", "off", "play", pkg.root().string(), "--display", "offscreen",
                "--no-audio", "--frames", "1", "--out", stills.string()});
  };
  for (const Case& c : bad) {
    SCOPED_TRACE(c.name);
    LintPackage pkg("agree_" + c.name, c.json);
    fs::create_directories(pkg.root() / "clips");
    const auto played = play(pkg);
    const auto linted = lint({pkg.root().string()});
    ASSERT_EQ(played.exitCode, 1) << played.output;
    EXPECT_EQ(linted.exitCode, 1) << linted.output;
    // "perfectshot: error: FILE#POINTER: ..." names the place lint reports an error at.
    const std::string prefix = "perfectshot: error: " + pkg.shotJson();
    const auto said = lines(played.output);
    ASSERT_EQ(said.size(), 1u) << played.output;
    if (!said[0].starts_with(prefix)) continue;  // a video that does not open names the video
    const std::string rest = said[0].substr(prefix.size());
    const std::string where = rest.starts_with("#") ? rest.substr(0, rest.find(": ")) : "";
    EXPECT_TRUE(hasLine(lines(linted.output), pkg.shotJson() + where + ": error: "))
        << "play: " << said[0] << "\nlint:\n" << linted.output;
  }
  LintPackage good("agree_good", shot("good.mp4"));
  EXPECT_EQ(lint({good.root().string()}).exitCode, 0);
  const auto played = play(good);
  EXPECT_EQ(played.exitCode, 0) << played.output;
}

TEST(Lint, ASetIsDecodedAsThePlayerWouldLoadIt) {
  std::string withSet = shot("good.mp4");
  const std::string plateEnd = R"("stereo":"mono"}])";
  withSet.replace(withSet.find(plateEnd), plateEnd.size(), R"("stereo":"mono"},{"id":"set","kind":"gltf","src":"set.glb"}])");
  LintPackage good("set_good", withSet);
  fs::copy_file(PS_SOURCE_DIR "/scenes/demo/set.glb", good.root() / "set.glb");
  auto r = lint({good.root().string()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("0 error(s), 0 warning(s)"), std::string::npos) << r.output;

  LintPackage cut("set_truncated", withSet);
  {
    std::ifstream in(PS_SOURCE_DIR "/scenes/demo/set.glb", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(cut.root() / "set.glb", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  }
  r = lint({cut.root().string()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_TRUE(hasLine(lines(r.output), cut.shotJson() + "#/media/1/src: error: ")) << r.output;
  EXPECT_NE(r.output.find("set.glb"), std::string::npos) << r.output;
}

// A mesh sequence's folder is listed and each frame decoded, as the player reads them.
TEST(Lint, AMeshSequenceIsListedAndEveryFrameDecoded) {
  std::string withSeq = shot("good.mp4");
  const std::string plateEnd = R"("stereo":"mono"}])";
  withSeq.replace(withSeq.find(plateEnd), plateEnd.size(),
                  R"("stereo":"mono"},{"id":"actor","kind":"mesh-sequence","src":"performer","fps":30}])");
  const auto make = [&](const LintPackage& pkg) {
    const auto made = run({PS_BINARY_DIR "/tools/make_set/ps_make_set", "--sequence", "6", "-o",
                           (pkg.root() / "performer").string()});
    EXPECT_EQ(made.exitCode, 0) << made.output;
  };
  LintPackage good("sequence_good", withSeq);
  make(good);
  auto r = lint({good.root().string()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("0 error(s), 0 warning(s)"), std::string::npos) << r.output;

  LintPackage gap("sequence_gap", withSeq);
  make(gap);
  fs::remove(gap.root() / "performer" / "frame_003.glb");
  r = lint({gap.root().string()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_TRUE(hasLine(lines(r.output), gap.shotJson() + "#/media/1/src: error: ")) << r.output;
  EXPECT_NE(r.output.find("frame number 3 is missing"), std::string::npos) << r.output;

  LintPackage cut("sequence_truncated", withSeq);
  make(cut);
  fs::resize_file(cut.root() / "performer" / "frame_004.glb", 100);
  r = lint({cut.root().string()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_TRUE(hasLine(lines(r.output), cut.shotJson() + "#/media/1/src: error: ")) << r.output;
  EXPECT_NE(r.output.find("frame_004.glb"), std::string::npos) << r.output;
}

// A mesh sequence's texture atlas is decoded to the end: shorter than the sequence, or not a
// video, it is an error at the entry's "texture", naming both frame counts.
TEST(Lint, AMeshSequencesTextureVideoIsDecodedAndCounted) {
  std::string withSeq = shot("good.mp4");
  const std::string plateEnd = R"("stereo":"mono"}])";
  withSeq.replace(withSeq.find(plateEnd), plateEnd.size(),
                  R"("stereo":"mono"},{"id":"actor","kind":"mesh-sequence","src":"performer","fps":30,)"
                  R"("texture":"atlas.mp4"}])");
  const auto make = [&](const LintPackage& pkg, const char* atlasFrames) {
    const auto made = run({PS_BINARY_DIR "/tools/make_set/ps_make_set", "--sequence", "6", "-o",
                           (pkg.root() / "performer").string(), "--atlas", (pkg.root() / "atlas.mp4").string(),
                           "--atlas-frames", atlasFrames});
    EXPECT_EQ(made.exitCode, 0) << made.output;
  };
  LintPackage good("atlas_good", withSeq);
  make(good, "6");
  auto r = lint({good.root().string()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("0 error(s), 0 warning(s)"), std::string::npos) << r.output;

  LintPackage shorter("atlas_short", withSeq);
  make(shorter, "4");
  r = lint({shorter.root().string()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_TRUE(hasLine(lines(r.output), shorter.shotJson() + "#/media/1/texture: error: ")) << r.output;
  EXPECT_NE(r.output.find("has 4 frames, fewer than the 6 frames"), std::string::npos) << r.output;

  LintPackage broken("atlas_broken", withSeq);
  make(broken, "6");
  std::ofstream(broken.root() / "atlas.mp4", std::ios::trunc) << "not a video at all";
  r = lint({broken.root().string()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_TRUE(hasLine(lines(r.output), broken.shotJson() + "#/media/1/texture: error: ")) << r.output;
  EXPECT_NE(r.output.find("atlas.mp4"), std::string::npos) << r.output;
}

TEST(Lint, AnAnimationTheSetLacksIsAnError) {
  std::string withSet = shot("good.mp4");
  const std::string plateEnd = R"("stereo":"mono"}])";
  withSet.replace(withSet.find(plateEnd), plateEnd.size(),
                  R"("stereo":"mono"},{"id":"set","kind":"gltf","src":"set.glb","animation":{"name":"walk"}}])");
  LintPackage pkg("set_animation", withSet);
  fs::copy_file(PS_SOURCE_DIR "/scenes/demo/set.glb", pkg.root() / "set.glb");
  auto r = lint({pkg.root().string()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_TRUE(hasLine(lines(r.output), pkg.shotJson() + "#/media/1/animation/name: error: ")) << r.output;
  EXPECT_NE(r.output.find("has no animation named \"walk\""), std::string::npos) << r.output;
}

TEST(Lint, AMissingFileIsAnErrorAndHelpExplainsTheFormat) {
  auto r = lint({"/nonexistent/shot.json"});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("/nonexistent/shot.json: error: cannot open the file"), std::string::npos) << r.output;
  auto help = run({kPerfectshot, "lint", "--help"});
  EXPECT_EQ(help.exitCode, 0);
  EXPECT_NE(help.output.find("file#/json/pointer"), std::string::npos) << help.output;
}

// media[].audio: a value lint cannot read is an error at its pointer; "ambix" on a video with
// no soundtrack, or one that is not 4 channels, is a warning (it plays, but not as said).
TEST(Lint, AnAmbisonicSoundtrackIsCheckedAgainstTheFile) {
  const std::string ambix = R"("projection":"360","audio":{"ambisonic":"ambix"})";
  LintPackage silent("ambix_silent", shotWith({{R"("projection":"360")", ambix}}));
  auto r = lint({silent.shotJson()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_TRUE(hasLine(lines(r.output), silent.shotJson() + "#/media/0/audio/ambisonic: warning: ",
                      "said to be AmbiX, but \"good.mp4\" has no soundtrack"))
      << r.output;

  LintPackage stereo("ambix_stereo",
                     shotWith({{R"("projection":"360")", ambix}, {R"("src":"good.mp4")", R"("src":"stereo.mp4")"}}));
  ASSERT_EQ(run({"ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=128x64:r=30:d=2", "-f", "lavfi", "-i",
                 "sine=d=2", "-ac", "2", "-c:v", "libx264", "-c:a", "aac", (stereo.root() / "stereo.mp4").string()})
                .exitCode,
            0);
  r = lint({stereo.shotJson()});
  EXPECT_TRUE(hasLine(lines(r.output), stereo.shotJson() + "#/media/0/audio/ambisonic: warning: ",
                      "first-order AmbiX needs 4 channels, but the soundtrack of \"stereo.mp4\" is stereo"))
      << r.output;

  LintPackage bad("ambix_bad", shotWith({{R"("projection":"360")", R"("projection":"360","audio":{"ambisonic":"fuma"})"}}));
  r = lint({bad.shotJson()});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_TRUE(
      hasLine(lines(r.output), bad.shotJson() + "#/media/0/audio/ambisonic: error: ", "unknown ambisonics \"fuma\""))
      << r.output;
}

}  // namespace
}  // namespace ps::test
