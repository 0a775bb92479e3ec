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

TEST(Playlist, TellsPlaylistsFromShots) {
  EXPECT_TRUE(looksLikePlaylist(R"({"format":"perfectshot-playlist/1"})"));
  EXPECT_FALSE(looksLikePlaylist(test::validShotJson()));
  EXPECT_FALSE(looksLikePlaylist("[["));
  const PlaylistParse wrong = parsePlaylist(R"({"format":"perfectshot-playlist/7","items":[]})", "p.json");
  ASSERT_EQ(wrong.problems.size(), 2u);
  EXPECT_EQ(wrong.problems[0].pointer, "/format");
  EXPECT_EQ(wrong.problems[1].pointer, "/items");
}

}  // namespace
}  // namespace ps::scenes
