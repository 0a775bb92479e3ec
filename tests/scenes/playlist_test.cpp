#include <gtest/gtest.h>

#include "package_fixture.h"
#include "scenes/playlist.h"

namespace ps::scenes {
namespace {

namespace fs = std::filesystem;

TEST(Playlist, ReadsShotsAndTitleCardsInOrder) {
  test::TempPackage dir("playlist");
  dir.write("mine/shot.json", test::validShotJson());
  dir.write("influence/take2.json", test::validShotJson());
  const PlaylistParse p = parsePlaylist(R"({"format":"perfectshot-playlist/1","title":"Episode 1","items":[
      {"shot":"mine"},
      {"title_card":{"title":"Where it came from","text":"1958","seconds":4}},
      {"shot":"influence/take2.json"}]})",
                                        dir.root() / "episode.json");
  ASSERT_TRUE(p.problems.empty()) << p.problems[0].pointer << ": " << p.problems[0].message;
  EXPECT_EQ(p.playlist.title, "Episode 1");
  ASSERT_EQ(p.playlist.items.size(), 3u);
  EXPECT_EQ(std::get<PlaylistShot>(p.playlist.items[0]).path, fs::weakly_canonical(dir.root() / "mine/shot.json"));
  EXPECT_DOUBLE_EQ(std::get<TitleCard>(p.playlist.items[1]).seconds, 4);
  EXPECT_EQ(std::get<PlaylistShot>(p.playlist.items[2]).src, "influence/take2.json");
}

TEST(Playlist, ReportsEachBadItem) {
  test::TempPackage dir("playlist_bad");
  fs::create_directories(dir.root() / "empty");
  const PlaylistParse p = parsePlaylist(R"({"format":"perfectshot-playlist/1","items":[
      {"shot":"../elsewhere"}, {"shot":"missing"}, {"shot":"empty"}, {"title_card":{"title":"x","seconds":0}},
      {"shot":"a","title_card":{}}, 7, {"title_card":{"title":"ok","font":"serif"}}]})",
                                        dir.root() / "episode.json");
  std::vector<std::string> pointers;
  for (const auto& pr : p.problems) pointers.push_back(pr.pointer + (pr.severity == Severity::Error ? " E" : " W"));
  EXPECT_EQ(pointers, (std::vector<std::string>{"/items/0/shot E", "/items/1/shot E", "/items/2/shot E",
                                                "/items/3/title_card/seconds E", "/items/4 E", "/items/5 E",
                                                "/items/6/title_card/font W"}));
}

TEST(Playlist, ReadsWhatHappensAtTheEnd) {
  test::TempPackage dir("playlist_end");
  dir.write("mine/shot.json", test::validShotJson());
  const auto parse = [&](const std::string& atEnd) {
    return parsePlaylist(R"({"format":"perfectshot-playlist/1",)" + atEnd + R"("items":[{"shot":"mine"}]})",
                         dir.root() / "episode.json");
  };
  EXPECT_EQ(parse("").playlist.atEnd, EpisodeEnd::Stop);
  EXPECT_EQ(parse(R"("at_end":"loop",)").playlist.atEnd, EpisodeEnd::Loop);
  EXPECT_EQ(parse(R"("at_end":"attract",)").playlist.atEnd, EpisodeEnd::Attract);
  const PlaylistParse bad = parse(R"("at_end":"rewind",)");
  ASSERT_EQ(bad.problems.size(), 1u);
  EXPECT_EQ(bad.problems[0].pointer, "/at_end");
  EXPECT_NE(bad.problems[0].message.find("\"rewind\""), std::string::npos) << bad.problems[0].message;
}

TEST(Playlist, TellsPlaylistsFromShots) {
  EXPECT_TRUE(looksLikePlaylist(R"({"format":"perfectshot-playlist/1"})"));
  EXPECT_FALSE(looksLikePlaylist(test::validShotJson()));
  EXPECT_FALSE(looksLikePlaylist("[["));
  const PlaylistParse wrong = parsePlaylist(R"({"format":"perfectshot-playlist/7","items":[]})", "p.json");
  ASSERT_EQ(wrong.problems.size(), 2u);
  EXPECT_EQ(wrong.problems[0].pointer, "/format");
  EXPECT_EQ(wrong.problems[1].pointer, "/items");
}

std::string playlistNaming(const std::vector<std::string>& shots) {
  std::string items;
  for (const auto& s : shots) items += std::string(items.empty() ? "" : ",") + R"({"shot":")" + s + R"("})";
  return R"({"format":"perfectshot-playlist/1","items":[)" + items + "]}";
}

// The one problem of `file`'s parse, as "pointer: message".
std::string onlyProblem(const fs::path& file) {
  const PlaylistParse p = parsePlaylist(test::readFile(file), file);
  if (p.problems.size() != 1) return std::to_string(p.problems.size()) + " problems";
  EXPECT_EQ(p.problems[0].severity, Severity::Error);
  EXPECT_TRUE(p.playlist.items.size() <= 1u);  // the playlist named is no item
  return p.problems[0].pointer + ": " + p.problems[0].message;
}

TEST(Playlist, APlaylistThatNamesItselfIsAnError) {
  test::TempPackage dir("playlist_self");
  dir.write("mine/shot.json", test::validShotJson());
  const fs::path self = dir.write("episode.json", playlistNaming({"mine", "episode.json"}));
  EXPECT_EQ(onlyProblem(self),
            "/items/1/shot: \"episode.json\" is this playlist itself (episode.json \u2192 episode.json); a playlist may "
            "only name shot packages");
  // Through a folder holding it as shot.json, too.
  const fs::path asPackage = dir.write("loop/shot.json", playlistNaming({"."}));
  EXPECT_NE(onlyProblem(asPackage).find("is this playlist itself"), std::string::npos) << onlyProblem(asPackage);
}

TEST(Playlist, PlaylistsNamingEachOtherAreAnErrorWithTheChain) {
  test::TempPackage dir("playlist_cycle");
  dir.write("mine/shot.json", test::validShotJson());
  const fs::path a = dir.write("a.json", playlistNaming({"mine", "b.json"}));
  const fs::path b = dir.write("b.json", playlistNaming({"c.json"}));
  dir.write("c.json", playlistNaming({"a.json"}));
  EXPECT_EQ(onlyProblem(a),
            "/items/1/shot: \"b.json\" is a playlist that leads back to this one (a.json \u2192 b.json \u2192 c.json "
            "\u2192 a.json); a playlist may only name shot packages");
  EXPECT_EQ(onlyProblem(b),
            "/items/0/shot: \"c.json\" is a playlist that leads back to this one (b.json \u2192 c.json \u2192 a.json "
            "\u2192 b.json); a playlist may only name shot packages");
}

TEST(Playlist, APlaylistInsideAPlaylistIsAnError) {
  test::TempPackage dir("playlist_nested");
  dir.write("mine/shot.json", test::validShotJson());
  dir.write("inner.json", playlistNaming({"mine"}));
  const fs::path outer = dir.write("outer.json", playlistNaming({"inner.json"}));
  EXPECT_EQ(onlyProblem(outer),
            "/items/0/shot: \"inner.json\" is a playlist; a playlist may only name shot packages (playlists do not "
            "nest)");
}

TEST(Playlist, AWebOfPlaylistsEndsTheSearch) {
  // Forty playlists each naming every other one: the cycle search reads each once.
  test::TempPackage dir("playlist_web");
  std::vector<std::string> all;
  for (int i = 0; i < 40; ++i) all.push_back("p" + std::to_string(i) + ".json");
  for (const auto& name : all) dir.write(name, playlistNaming(all));
  const PlaylistParse p = parsePlaylist(test::readFile(dir.root() / "p0.json"), dir.root() / "p0.json");
  EXPECT_EQ(countErrors(p.problems), 40u);
  EXPECT_TRUE(p.playlist.items.empty());
}

}  // namespace
}  // namespace ps::scenes
