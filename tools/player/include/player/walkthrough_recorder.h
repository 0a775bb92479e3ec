#pragma once
// Records a director's walkthrough while a shot plays (scenes/walkthrough.h): at each display
// frame, at its predicted display time, the head's pose as the eyes were drawn (relative to the
// capture point: the first frame's head in a headset, the capture point itself in a window or
// offscreen, as the overlay places the shot), the controller's pointer (the right hand's aim,
// else the left's), the shot time shown, and the timeline's changes as the transport applied
// them (play, pause, rate, a step of a few frames while paused, any other jump as a seek).
// Saved atomically on a worker thread every saveEverySeconds of recording, so a crash loses at
// most that much and the loop never waits on disk, and once more by finish().
// With a voice input (a microphone), the director's voice is heard from the first frame on and
// written by finish() as walkthroughs/NAME.voice.wav, placed where its first sample was heard.
// Thread: the player loop's; the saves run on the recorder's own.
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "media/player.h"
#include "media/voice_input.h"
#include "player/loop_director.h"
#include "scenes/result.h"
#include "scenes/walkthrough.h"

namespace ps::player {

class WalkthroughRecorder : public LoopDirector {
 public:
  struct Options {
    std::filesystem::path packageRoot;
    std::string name;
    std::vector<scenes::VoiceSegment> voice;  // already in the package
    double frameSeconds = 1.0 / 30;            // one shot frame: tells a step from a seek
    double saveEverySeconds = 2.0;             // recording seconds between saves
    std::unique_ptr<media::VoiceInput> voiceInput;  // the director's voice heard live; null: none
  };
  // Refuses a bad name and one the package already has (a walkthrough is never overwritten).
  static Result<std::unique_ptr<WalkthroughRecorder>> start(Options options);
  ~WalkthroughRecorder() override;

  bool onEvents(const xr::DisplayEvents&) override { return false; }
  void onFrame(xr::DisplayFrame&) override {}
  void onInput(xr::RawInput& input) override;
  void onShown(const xr::DisplayFrame& frame, const media::PlayerFrame& shown) override;

  // The last save, after every sample and event so far; the first error of any save. Once.
  Status finish();
  std::size_t samples() const { return samples_; }
  std::size_t events() const { return events_; }
  const std::filesystem::path& file() const { return file_; }

 private:
  explicit WalkthroughRecorder(Options options);
  void events(double t, const media::PlayerState& s, double dt);
  void saveLoop();
  void hear(double displayTime);  // the voice input's news, each frame
  // The voice heard, as a file in the package and its segment; empty when nothing was heard.
  Result<std::optional<scenes::VoiceSegment>> writeVoice();

  Options options_;
  std::filesystem::path file_;
  std::optional<engine::View> aim_;  // this frame's pointing hand
  std::optional<double> firstDisplayTime_;
  double lastDisplayTime_ = 0;
  std::optional<media::VoiceRecorder> voice_;  // on options_.voiceInput
  glm::vec3 origin_{0.0f};
  std::optional<media::PlayerState> last_;  // of the previous frame not landing a seek
  double lastTime_ = 0;                     // its recording seconds
  double lastSaveAt_ = 0;
  std::size_t samples_ = 0, events_ = 0;
  std::vector<scenes::WalkthroughSample> newSamples_;  // since the last hand-over
  std::vector<scenes::WalkthroughEvent> newEvents_;

  // The saver's: the whole recording, and what the loop hands over.
  std::mutex mutex_;
  std::condition_variable wake_;
  scenes::Walkthrough saved_;  // the saver thread's alone
  std::vector<scenes::WalkthroughSample> handedSamples_;
  std::vector<scenes::WalkthroughEvent> handedEvents_;
  std::vector<scenes::VoiceSegment> handedVoice_;
  double handedDuration_ = 0;
  bool saveAsked_ = false, stopping_ = false, finished_ = false;
  std::optional<Error> saveError_;
  std::thread saver_;
};

}  // namespace ps::player
