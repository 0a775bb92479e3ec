#pragma once
// An episode (player/episode_player.h) as the kiosk's programme. The episode player swaps each
// item into its one player loop; the kiosk's director rides along with each (EpisodePlayOptions::
// adjustItem calls beginItem), so the programme's calls reach the item playing now:
//   restart   the first item from its start (a jump the item playing leaves for);
//   play/pause the item's player (and whether the next item starts playing);
//   over      the last item held on its last frame (its loop does not leave at the end);
//   position  seconds on the episode's timeline;
//   takeCut   each item begun other than by a restart (the director fades the cut in).
// Thread: the player loop's.
#include <cstddef>
#include <string>

#include "kiosk/programme.h"
#include "player/episode_player.h"

namespace ps::kiosk {

class EpisodeProgramme final : public Programme {
 public:
  // episode must outlive it; setPlayer before the first restart.
  explicit EpisodeProgramme(const player::Episode& episode) : episode_(episode) {}
  void setPlayer(player::EpisodePlayer& player) { episodePlayer_ = &player; }

  // An item's loop is about to run on `playback` (its options adjusted here: the last item holds
  // at its end instead of leaving). Not a restart's first item: a cut.
  void beginItem(player::ShotPlayback& playback, std::size_t item, player::PlayerLoopOptions& options);
  // The item's loop has ended and its playback is gone.
  void endItem() { player_ = nullptr; }
  // The episode ended without its last item held (an item that did not open at play time).
  void finish() { over_ = true; }

  void restart(bool playing) override;
  void play() override;
  void pause() override;
  void observe(const media::PlayerState& state) override;
  bool over() const override { return over_; }
  double position() const override { return position_; }
  std::string describe() const override;
  bool takeCut() override;
  std::string nowShowing() const override;
  double shotSeconds() const override;
  std::optional<std::string> seek(double seconds) override;
  std::optional<std::string> step(int items) override;

 private:
  const player::Episode& episode_;
  player::EpisodePlayer* episodePlayer_ = nullptr;
  media::Player* player_ = nullptr;  // the item playing; null between items
  std::size_t item_ = 0;
  double in_ = 0;                    // the item's in (shot seconds)
  bool playing_ = false;
  bool restarting_ = false;          // restarted: the first item's loop has not begun yet
  bool cut_ = false;
  bool holdAtEnd_ = false;           // the last item: its loop region cleared at the first frame
  bool over_ = false;
  double position_ = 0;
};

}  // namespace ps::kiosk
