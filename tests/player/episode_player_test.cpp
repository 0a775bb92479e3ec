// The episode player on an offscreen display (stepped 30 fps) over title cards alone (no
// media): items in order, the end behaviours (stop, loop, attract with its hook), next and
// previous asked from another thread's API, and the items' spans on the episode's timeline.
#include <gtest/gtest.h>

#include <vector>

#include "engine/view.h"
#include "player/episode_player.h"
#include "ui/episode_strip.h"
#include "xr/offscreen_display.h"

namespace ps::player {
namespace {

Episode cards(std::vector<double> seconds, scenes::EpisodeEnd atEnd = scenes::EpisodeEnd::Stop) {
  Episode e;
  double at = 0;
  for (std::size_t i = 0; i < seconds.size(); ++i) {
    EpisodeItem item;
    item.kind = EpisodeItemKind::TitleCard;
    item.card = scenes::TitleCard{"Card " + std::to_string(i + 1), "text", seconds[i]};
    item.label = item.card.title;
    item.startSeconds = at;
    item.seconds = seconds[i];
    at += seconds[i];
    e.items.push_back(item);
  }
  e.atEnd = atEnd;
  return e;
}

std::unique_ptr<xr::OffscreenDisplay> offscreen() {
  xr::OffscreenDisplayOptions o;
  o.width = 32;
  o.height = 32;
  o.step = 1.0 / 30;
  o.startTime = 100;
  o.view = [](std::uint64_t, double) { return engine::viewFromV360({0, 0, 0, 60, 40}); };
  auto d = xr::OffscreenDisplay::create(o);
  EXPECT_TRUE(d.ok());
  return d ? std::move(*d) : nullptr;
}

struct Played {
  std::vector<std::size_t> items;  // the item of each display frame
  EpisodeRunStats stats;
};

Played play(const Episode& e, EpisodePlayOptions o, const std::function<void(EpisodePlayer&, std::size_t)>& atFrame = {}) {
  Played p;
  auto display = offscreen();
  if (!display) return p;
  o.offscreen = true;
  o.choices.timeline = false;
  EpisodePlayer* self = nullptr;
  o.afterFrame = [&](const xr::DisplayFrame&, const media::PlayerFrame&, const EpisodePosition& at) {
    p.items.push_back(at.item);
    if (atFrame) atFrame(*self, p.items.size() - 1);
  };
  EpisodePlayer player(*display, e, o);
  self = &player;
  p.stats = player.run();
  EXPECT_EQ(display->device().validationMessageCount(), 0u);
  return p;
}

TEST(EpisodePlayer, PlaysEachItemForItsSecondsInOrderThenStops) {
  const Played p = play(cards({0.5, 1.0}), {});
  ASSERT_EQ(p.items.size(), 45u);
  EXPECT_EQ(p.items[14], 0u);
  EXPECT_EQ(p.items[15], 1u);
  EXPECT_EQ(p.stats.ended, EpisodeState::Stopped);
  EXPECT_EQ(p.stats.cuts, 2u);
}

TEST(EpisodePlayer, MakesOneLoopOnePanelAndOneOverlayForAllItsItems) {
  // Four items and a jump back: six cuts, each item's player swapped into the same loop, with
  // the timeline panel drawn over the offscreen view (the display offers none of its own).
  EpisodePlayOptions o;
  o.adjustItem = [](ShotPlayback& item, std::size_t, PlayerLoopOptions& loop) { loop.timeline = item.timeline; };
  const Played p = play(cards({0.3, 0.3, 0.3, 0.3}), o, [](EpisodePlayer& player, std::size_t frame) {
    if (frame == 12) player.previous();
  });
  EXPECT_EQ(p.stats.cuts, 6u);
  EXPECT_EQ(p.stats.loopsMade, 1u);
  EXPECT_EQ(p.stats.made.frameObjects, 1u);
  EXPECT_EQ(p.stats.made.timelinePanels, 1u);
  EXPECT_EQ(p.stats.made.overlays, 1u);
  // Each item still plays its span: the swapped-in player is the one that runs.
  ASSERT_EQ(p.items.size(), 13u + 4 * 9u);
  EXPECT_EQ(p.items[12], 1u);
  EXPECT_EQ(p.items[13], 0u) << "previous: the first item again";
  EXPECT_EQ(p.items.back(), 3u);
}

TEST(EpisodePlayer, LoopsOrEndsInAttractWithItsHook) {
  EpisodePlayOptions o;
  o.choices.maxFrames = 50;
  const Played looped = play(cards({0.5, 0.5}, scenes::EpisodeEnd::Loop), o);
  ASSERT_EQ(looped.items.size(), 50u);
  EXPECT_EQ(looped.items[30], 0u) << "the first item again";
  EXPECT_EQ(looped.items[45], 1u);
  EXPECT_TRUE(looped.stats.displayEnded);

  int attracts = 0;
  EpisodePlayOptions a;
  a.onAttract = [&] { ++attracts; };
  const Played attract = play(cards({0.5, 0.5}, scenes::EpisodeEnd::Loop), [&] {
    a.atEnd = scenes::EpisodeEnd::Attract;  // overrides the playlist's loop
    return a;
  }());
  EXPECT_EQ(attract.items.size(), 30u);
  EXPECT_EQ(attract.stats.ended, EpisodeState::Attract);
  EXPECT_FALSE(attract.stats.displayEnded) << "the kiosk goes on with the display";
  EXPECT_EQ(attracts, 1);
}

TEST(EpisodePlayer, NextPreviousAndSeekMoveBetweenItems) {
  // Frame 5: next (item 2); frame 10: previous (item 1 from its start); frame 20: seek into
  // item 3 at 0.5 s of its 1 s; then it plays to the end.
  const Played p = play(cards({1.0, 1.0, 1.0}), {}, [](EpisodePlayer& player, std::size_t frame) {
    if (frame == 5) player.next();
    if (frame == 10) player.previous();
    if (frame == 20) player.seek(2.5);
  });
  ASSERT_GE(p.items.size(), 36u);
  EXPECT_EQ(p.items[5], 0u);
  EXPECT_EQ(p.items[6], 1u);
  EXPECT_EQ(p.items[11], 0u);
  EXPECT_EQ(p.items[21], 2u);
  // Half of item 3 left: 15 frames, give or take the frame at which the seek lands.
  EXPECT_NEAR(static_cast<double>(p.items.size()), 21 + 15, 1.0);
  EXPECT_EQ(p.stats.cuts, 4u);
}

TEST(EpisodePlayer, NextPastTheLastItemEndsAsAtEndSays) {
  const Played p = play(cards({1.0}), {}, [](EpisodePlayer& player, std::size_t frame) {
    if (frame == 3) player.next();
  });
  EXPECT_EQ(p.items.size(), 4u);
  EXPECT_EQ(p.stats.ended, EpisodeState::Stopped);
}

TEST(Episode, FindsTheItemAtAnEpisodeTime) {
  const Episode e = cards({1.0, 2.0, 0.5});
  EXPECT_DOUBLE_EQ(e.seconds(), 3.5);
  EXPECT_EQ(e.itemAt(0.5).first, 0u);
  EXPECT_EQ(e.itemAt(1.0).first, 1u);
  EXPECT_DOUBLE_EQ(e.itemAt(2.5).second, 1.5);
  EXPECT_EQ(e.itemAt(99).first, 2u);
  ui::EpisodeStrip strip{{0.0, 1.0, 3.0}, 3.5, 1, "Card 2", 1.5};
  EXPECT_DOUBLE_EQ(ui::itemFractions(strip, 1).first, 1.0 / 3.5);
  EXPECT_DOUBLE_EQ(ui::itemFractions(strip, 2).second, 1.0);
}

}  // namespace
}  // namespace ps::player
