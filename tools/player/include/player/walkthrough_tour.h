#pragma once
// A director's walkthrough played back as a guided tour (scenes/walkthrough.h, tour_clock.h):
// - the shot's timeline does what the director's did, when (the player's transport takes the
//   recorded events at their recording times);
// - the director's gaze shows as a soft glow where it meets the capture or the set
//   (ViewOverlay::setGaze);
// - "follow": a window or offscreen view is the director's (head position and orientation at
//   the recording's time); a headset's view is the wearer's own, so there follow adds an arrow
//   on the view's edge toward the gaze when it is out of view. "Look freely": the view is the
//   viewer's and the glow alone shows the gaze. F in a window, the left squeeze in a headset,
//   toggles between them;
// - the director's voice (the recording's voice segments) plays from where the director stood,
//   through the output's HRTF; a scrub or a pause stops it and it starts again at the right
//   point of the clip.
// At the recording's end the tour pauses on the director's last picture (offscreen: it ends
// the display) and the timeline is the viewer's again.
// Thread: the player loop's.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/audio_output.h"
#include "media/narration_voice.h"
#include "media/player.h"
#include "player/loop_director.h"
#include "player/tour_clock.h"
#include "scenes/walkthrough.h"

namespace ps::player {

class WalkthroughTour : public LoopDirector {
 public:
  struct Options {
    scenes::Walkthrough walkthrough;
    bool follow = true;         // else look freely
    bool quitAtEnd = false;     // ask the display to end when the recording ends (offscreen)
    media::AudioOutput* output = nullptr;  // the voice's; null: none (no sound)
  };
  // display and player must outlive the tour.
  WalkthroughTour(xr::Display& display, media::Player& player, Options options);

  bool onEvents(const xr::DisplayEvents&) override { return false; }
  void onFrame(xr::DisplayFrame& frame) override;
  void onInput(xr::RawInput& input) override;
  void onShown(const xr::DisplayFrame& frame, const media::PlayerFrame& shown) override;
  void onOverlay(ViewOverlay& overlay) override;

  bool following() const { return follow_; }
  double recordingSeconds() const { return clock_.recordingSeconds(); }

 private:
  void follow(xr::DisplayFrame& frame, const scenes::WalkthroughSample& at) const;
  void voice(double recordingSeconds, bool restart, const scenes::WalkthroughSample& at, const xr::DisplayFrame& frame);
  media::NarrationVoice* voiceFor(const scenes::VoiceSegment& segment);

  xr::Display& display_;
  media::Player& player_;
  Options options_;
  TourClock clock_;
  bool follow_;
  bool ended_ = false;
  std::optional<glm::vec3> origin_;  // the capture point in stage space: the first frame's head
  std::optional<scenes::WalkthroughSample> at_;  // the director at this frame's recording time
  double shownSeconds_ = 0;  // the shot time shown last
  std::map<std::string, std::unique_ptr<media::NarrationVoice>> voices_;  // by src; null: failed to open
  std::vector<double> clipLengths_;  // per voice segment, seconds (0: its file does not open)
  std::optional<std::size_t> speaking_;  // the voice segment playing
};

}  // namespace ps::player
