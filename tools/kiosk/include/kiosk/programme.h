#pragma once
// What a kiosk plays, behind the few calls the visit cycle needs: from the beginning, play,
// pause, is it over. The kiosk plays two of them: the programme a visitor watches (a shot
// or an episode, episode_programme.h) and the attract loop.
// Thread: the player loop's.
#include <optional>
#include <string>

#include "media/player.h"

namespace ps::kiosk {

class Programme {
 public:
  virtual ~Programme() = default;
  Programme(const Programme&) = delete;
  Programme& operator=(const Programme&) = delete;

  // To the first frame, paused or playing as asked; a loop region it needs is set here.
  virtual void restart(bool playing) = 0;
  virtual void play() = 0;
  virtual void pause() = 0;
  // What the player showed this frame (after its update): the programme's place and end.
  virtual void observe(const media::PlayerState& state) = 0;
  // It reached its end and holds there (never for one that loops).
  virtual bool over() const = 0;
  // Seconds from its beginning at the last frame observed (0 right after restart).
  virtual double position() const = 0;
  // For the operator's status: what it is and where it stands ("shot.json 12.3 s / 60.0 s").
  virtual std::string describe() const = 0;
  // A cut inside it since last asked (an episode's next item begun): the kiosk fades it from
  // black as any other cut. Asking clears it.
  virtual bool takeCut() { return false; }

  // For a show control's status: the shot (or the card) shown now, and seconds into it.
  virtual std::string nowShowing() const = 0;
  virtual double shotSeconds() const { return position(); }
  // A show control's requests; a refusal says why (empty: done). seconds from the beginning.
  virtual std::optional<std::string> seek(double seconds) = 0;
  // Items forward (+1) or back (-1): an episode's; a shot has none.
  virtual std::optional<std::string> step(int items) {
    (void)items;
    return "a shot has no items to step through (an episode's next and previous step its items)";
  }

 protected:
  Programme() = default;
};

// A segment of the shot the player plays: [in, out) of shot time, looping or played once.
class ShotSegment final : public Programme {
 public:
  // player must outlive it. out empty: the player's range's end.
  ShotSegment(media::Player& player, std::string name, double inSeconds, std::optional<double> outSeconds, bool loop);

  void restart(bool playing) override;
  void play() override { player_.play(); }
  void pause() override { player_.pause(); }
  void observe(const media::PlayerState& state) override;
  bool over() const override { return over_; }
  double position() const override { return position_ - in_; }
  std::string describe() const override;
  std::string nowShowing() const override { return name_; }
  std::optional<std::string> seek(double seconds) override;

 private:
  double end() const;

  media::Player& player_;
  std::string name_;
  double in_;
  std::optional<double> out_;
  bool loop_;
  bool over_ = false;
  bool restarted_ = false;  // a restart not yet seen by observe(): its state is the old place's
  double position_ = 0;
};

}  // namespace ps::kiosk
