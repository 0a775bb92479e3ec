#pragma once
// An episode (a playlist, scenes/playlist.h) played end to end on one display:
// - one PlayerLoop for the whole run: each item's player and options are swapped into it
//   (PlayerLoop::setItem), so the frame objects, the timeline panel and the overlay's GPU
//   objects are made once, and the display keeps running; the shots' sound plays on one
//   output, opened once; an item that ends is closed on a worker, off the loop thread;
// - a shot plays its in..out once; a title card is a panel in the world (the overlay's card,
//   open, straight ahead) over black for its seconds, fading in and out;
// - the next item is opened on a worker thread while the current one plays, and its first
//   frame decoded (preroll) and staged into the loop's background as the current item ends,
//   so the cut shows no black frame and waits for no decode or copy;
// - the episode's timeline: each item's span on one line (episodeSeconds), the scrubber's strip;
// - next / previous (shift+N / P, the squeezes) and requests from other threads (restart, next,
//   previous, seek, stop) leave the item playing after its frame;
// - at the end: stop, loop, or attract (the kiosk's), from the playlist's at_end.
// Thread: run() on the caller's; the requests and position() from any thread.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "media/audio_output.h"
#include "player/play_setup.h"
#include "player/player_loop.h"
#include "player/shot_playback.h"
#include "player/ui_claims.h"
#include "scenes/playlist.h"
#include "scenes/result.h"
#include "xr/display.h"

namespace ps::player {

enum class EpisodeItemKind { Shot, TitleCard };

struct EpisodeItem {
  EpisodeItemKind kind = EpisodeItemKind::Shot;
  std::string label;             // the shot's src in the playlist, or the card's title
  std::filesystem::path shot;    // a shot's shot.json
  scenes::TitleCard card;        // a card's
  double startSeconds = 0;       // where it starts on the episode's timeline
  double seconds = 0;            // its span: a shot's out - in, a card's seconds
};

// The items of a playlist with their spans. Every shot is opened once (without sound) to
// learn its span; each that does not open is a problem, all of them reported together.
struct Episode {
  std::filesystem::path file;
  std::string title;
  std::vector<EpisodeItem> items;
  scenes::EpisodeEnd atEnd = scenes::EpisodeEnd::Stop;
  double seconds() const { return items.empty() ? 0 : items.back().startSeconds + items.back().seconds; }
  // The item at episode time t (the last for t past the end) and t's offset into it.
  std::pair<std::size_t, double> itemAt(double episodeSeconds) const;
};
Result<Episode> loadEpisode(const scenes::Playlist& playlist, std::size_t sequenceBudgetMiB);

// A title card as a playback: a plateless player over 0..seconds with the card as an open
// marker card ahead of the viewer (fading in and out over a fifth of its time, at most 0.6 s).
std::unique_ptr<ShotPlayback> titleCardPlayback(const scenes::TitleCard& card);

enum class EpisodeState { Playing, Stopped, Attract };

// What plays now.
struct EpisodePosition {
  std::size_t item = 0;
  std::size_t items = 0;
  EpisodeItemKind kind = EpisodeItemKind::Shot;
  std::string label;
  double itemSeconds = 0;     // from the item's start
  double episodeSeconds = 0;  // on the episode's timeline
  EpisodeState state = EpisodeState::Playing;
  std::uint64_t cuts = 0;     // items begun since run() started
};

struct EpisodePlayOptions {
  PlayChoices choices;      // as for a shot; maxFrames counts the whole episode's display frames
  bool offscreen = false;   // the display is offscreen: every frame waited for
  bool withAudio = true;
  std::size_t sequenceBudgetMiB = 0;
  std::optional<scenes::EpisodeEnd> atEnd;  // overrides the episode's
  std::function<bool()> quitRequested;      // as PlayerLoopOptions'
  std::shared_ptr<UiClaims> uiClaims;
  // After each display frame, with the position and what was shown.
  std::function<void(const xr::DisplayFrame&, const media::PlayerFrame&, const EpisodePosition&)> afterFrame;
  // The episode ended with attract (the kiosk goes back to its attract loop).
  std::function<void()> onAttract;
  // Last word on each item's loop options before it plays (a kiosk's director, bindings and
  // hold at the end), with the item's playback and index.
  std::function<void(ShotPlayback&, std::size_t, PlayerLoopOptions&)> adjustItem;
};

struct EpisodeRunStats {
  std::uint64_t frames = 0, late = 0, missed = 0;
  std::uint64_t cuts = 0;
  // Per cut: whether the first frame of the new item had its picture (no black frame).
  std::uint64_t cutsWithoutPicture = 0;
  EpisodeState ended = EpisodeState::Stopped;
  bool displayEnded = false;  // the display quit (its own end, a signal, maxFrames): nothing to end
  // What the run made for its items: one loop, and in it one set of frame objects, one
  // timeline panel and one overlay, however many cuts (more only after a device loss).
  std::uint64_t loopsMade = 0;
  PlayerLoop::Made made;
};

class EpisodePlayer {
 public:
  // display and episode must outlive the player.
  EpisodePlayer(xr::Display& display, const Episode& episode, EpisodePlayOptions options);
  ~EpisodePlayer();
  EpisodePlayer(const EpisodePlayer&) = delete;
  EpisodePlayer& operator=(const EpisodePlayer&) = delete;

  // Plays from the current position (the start) until the display ends or the episode
  // ends with stop or attract; with loop, until the display ends. An item that fails to
  // open at play time is skipped (logged).
  EpisodeRunStats run();

  // From any thread; the item playing leaves after its current frame.
  void restart();                 // the first item, from its start
  void next();                    // the next item (past the last: the end, as at_end says)
  void previous();                // the previous item (the first: its start again)
  void seek(double episodeSeconds);
  void stop();                    // ends run() (state Stopped)
  EpisodePosition position() const;

  // Between runs, on run()'s thread (a kiosk's attract loop): the first item opened on a worker
  // now, and its first frame decoded by prerollAhead (called after each frame of whatever the
  // display shows meanwhile), so that the next run() from the start cuts to it without
  // waiting. A run() that starts elsewhere, or ends, drops it.
  void openAhead();
  void prerollAhead(double displayTime);

 private:
  struct Pending;  // an item being opened ahead
  std::unique_ptr<ShotPlayback> open(std::size_t item);
  void prepare(std::size_t item);  // starts opening it on a worker
  std::unique_ptr<ShotPlayback> take(std::size_t item);  // the prepared one, else opened now
  void preroll(ShotPlayback& playback, double displayTime, bool wait);
  PlayerLoopOptions itemOptions(ShotPlayback& playback, std::size_t item);
  EpisodeRunStats finishRun();  // the state and the end's hook
  std::optional<std::size_t> after(std::size_t item, LoopEnd ended);  // the next item to play, none: the end
  void retire(std::unique_ptr<ShotPlayback> playback);  // closed on a worker (its decoders, its sound)
  media::AudioOutput* output();  // the episode's sound output, opened on first use; null: none

  xr::Display& display_;
  const Episode& episode_;
  EpisodePlayOptions options_;
  std::unique_ptr<Pending> pending_;
  mutable std::mutex mutex_;
  EpisodePosition position_;
  // A request from another thread: the item to go to and the seconds into it; or stop.
  std::optional<std::pair<std::size_t, double>> jump_;
  bool stopAsked_ = false;
  EpisodeRunStats stats_;
  double lastDisplayTime_ = 0;  // of the last frame shown
  // One output for every item's sound: a cut neither opens nor closes a device. Opened by the
  // first item that has sound (on the worker that opens it), under outputMutex_.
  std::mutex outputMutex_;
  std::optional<media::AudioOutput> output_;
  bool outputTried_ = false;
  std::future<void> retiring_;  // the last item played, being closed
  PlayerLoop* loop_ = nullptr;  // run()'s, while it runs: the next item's first picture is staged into it
};

// Ends a display an episode left running (after stop or attract; not displayEnded): asks it to quit and pumps
// its frames until it has.
void endDisplay(xr::Display& display);

}  // namespace ps::player
