#pragma once
// The player loop: one per process, the same for every display (xr/display.h has the
// loop's shape). Drives a media::Player and the frame's layers from a Display:
// - one frame context on the display's device, one frame renderer, layers: the background
//   (engine::EquirectLayer), then what draws over the views; every eye's pass and the
//   display's own work (a readback) in one command buffer and one submit per display frame;
// - the frame on the display's predicted display time; the background re-shows the last
//   uploaded picture (no copy) while the video frame has not changed;
// - input: the display's raw input mapped to commands (input_bindings.h) and routed through
//   the panels (input_router.h); togglePlay / select play and pause, stepFrames steps (with a
//   haptic tick), shuttle scrubs (scrubSpeed shot seconds per second at full deflection), jumps, loop in/out;
// - playback paused while the display is hidden (also a lost runtime), resumed after if it was
//   playing: paused as of the last frame shown, so the shot time holds however long it takes;
// - head orientation to the audio player;
// - a quit request (signals) ends the display cleanly;
// - its own CPU time per frame: the loop thread's CPU time (thread_cpu_clock.h) from
//   beginFrame's return to endFrame's call, so a wait on the renderer's fences (the GPU
//   frames behind) does not count; the wall time of the same span apart; late and missed frames.
// Thread: the caller's. Never waits for decoding unless decodeWait says so (offline).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include "engine/equirect_layer.h"
#include "engine/equirect_renderer.h"
#include "engine/rgbd_layer.h"
#include "engine/frame_context.h"
#include "engine/frame_renderer.h"
#include "player/frame_statistics.h"
#include "player/frame_time_histogram.h"
#include "player/input_bindings.h"
#include "player/input_router.h"
#include "player/live_monitor.h"
#include "player/loop_director.h"
#include "media/narration_controller.h"
#include "media/player.h"
#include "scenes/layout.h"
#include "scenes/marker.h"
#include "scenes/result.h"
#include "player/marker_editor.h"
#include "player/set_scene.h"
#include "player/shot_sets.h"
#include "player/shot_splats.h"
#include "player/splat_scene.h"
#include "player/marker_selection.h"
#include "player/blocking_pen.h"
#include "player/measuring_tape.h"
#include "player/rgbd_picture.h"
#include "player/timeline_panel.h"
#include "player/ui_claims.h"
#include "player/view_overlay.h"
#include "player/visibility_pause.h"
#include "xr/display.h"

namespace ps::player {

struct PlayerLoopStats;

struct PlayerLoopOptions {
  FrameLayout layout;
  // An RGB-D plate: each plate frame's colour and depth, drawn as geometry around the capture
  // point (engine::RgbdLayer) instead of the equirect background; null: a plain equirect plate.
  // Must outlive the loop.
  RgbdPicture* rgbd = nullptr;
  // The shot's glTF sets, drawn with depth after the background; empty: none.
  std::vector<PlacedSet> sets;
  // The shot's Gaussian splat captures, drawn after the sets, through their depth; empty: none.
  std::vector<PlacedSplats> splats;
  // The most splats sorted and drawn per frame over every capture (engine::SplatLayer's budget;
  // each capture keeps its share, its most important splats first: shot_splats.h). Absent: the
  // display's, kHeadsetSplatBudget where a tracked head looks (a standalone headset's GPU), no
  // limit in a window or offscreen; 0: no limit.
  std::optional<std::uint64_t> splatBudget;
  // The splats' GPU time per frame that a governor (engine::SplatGovernor) holds by lowering
  // that budget, least important splats first, where a dense capture fills the view, and
  // raising it again. Absent: kSplatShareOfFrame of the frame period on a paced display where a
  // tracked head looks, none elsewhere; 0: none.
  std::optional<double> splatFrameMs;
  // The runtime's play area outlined on the floor (xr::Display::playArea, followed as the stage
  // is aligned); needs the overlay.
  bool playArea = false;
  // The measuring tape (measuring_tape.h): the trigger picks points instead of play/pause, and
  // the overlay draws the last measurement. Null: none.
  std::shared_ptr<MeasuringTape> tape;
  // Blocking authored with the trigger (blocking_pen.h); null: none.
  std::shared_ptr<BlockingPen> pen;
  // Where the capture point stands in stage space (the shot's origin). Displays that track no
  // head (window, offscreen) put their eyes there; a headset's stay where the head is.
  glm::vec3 capturePoint = capturePointOf(nullptr);
  float yawOffsetDeg = 0;
  double inSeconds = 0;                   // shot seconds
  std::optional<double> outSeconds;       // shot seconds, exclusive; empty: the video's end
  bool loop = true;                       // wrap from out to in; false: quit at the end
  bool autoplay = true;
  std::chrono::milliseconds decodeWait{0};  // > 0: wait for each frame (offline rendering, stills)
  double scrubSpeed = 2.0;                // shot seconds per second at full shuttle
  std::uint64_t maxFrames = 0;            // display frames before quitting; 0: no limit
  engine::RendererOptions renderer;
  // Polled once per pass; true asks the display to end (SIGINT/SIGTERM).
  std::function<bool()> quitRequested;
  // Shows the timeline scrubber (timeline_panel.h): headset and window; empty: none.
  std::optional<TimelineOptions> timeline;
  // After each endFrame, with what was shown.
  std::function<void(const xr::DisplayFrame&, const media::PlayerFrame&)> afterFrame;
  // The shot's markers: nextMarker jumps the playhead to the next one's t_in.
  std::vector<scenes::Marker> markers;
  // Spatial narration: the head pose and a ducking step each frame; null: none. Must outlive the loop.
  media::NarrationController* narration = nullptr;
  // Drawn over each eye (markers, the film frame) and selectable; empty: nothing over the views.
  std::optional<ViewOverlayOptions> overlay;
  bool gazeDwell = false;  // resting the gaze on a marker selects it (headset)
  // The marker editor (marker_editor.h) on this shot.json; empty: playback only.
  struct Editor {
    std::filesystem::path shot;
    bool startActive = false;  // else E turns it on (window)
    // A sound file "Record voice" hears as its microphone (--voice-input); empty: the system's.
    std::optional<std::filesystem::path> voiceInput;
  };
  std::optional<Editor> editor;
  // One item of an episode (episode_player.h): at the shot's end, on an item step (shift+N / P,
  // the squeezes) and when leaveRequested says so, run() returns after that frame and leaves the
  // display running for the next item, instead of asking it to end.
  bool episodeItem = false;
  std::function<bool()> leaveRequested;  // polled once per frame; with episodeItem
  // The player is already at inSeconds with its first frame decoded (an episode's preroll):
  // startPlayback does not seek again, which would drop that frame.
  bool startsAtIn = false;
  // What the window asks before a press turns the view (WindowDisplayOptions::claims): the
  // loop answers it with its panels while it runs. Null: the display asks nothing.
  std::shared_ptr<UiClaims> uiClaims;
  // What the display's input may ask for: the player's bindings unless narrowed (a kiosk: no
  // keys, only the controller buttons it allows). The spans must outlive the loop.
  std::span<const KeyBinding> keyBindings = kKeyBindings;
  std::span<const ControlBinding> controlBindings = kControlBindings;
  StickRules stick;
  // Drives the loop from outside (a kiosk); null: none. Must outlive the loop.
  LoopDirector* director = nullptr;
  // Once per pass of the loop, before the display's frame (also while it shows none): the
  // playback state of the last frame and the statistics so far. Outside control (a show
  // control's commands applied to the player, its status published) without waiting.
  std::function<void(const media::PlayerState&, const PlayerLoopStats&)> betweenFrames;
};

// Per-frame times are histograms: fixed memory however long the session runs.
// Why run() returned.
enum class LoopEnd { DisplayQuit, ShotEnded, NextItem, PreviousItem, Left };

struct PlayerLoopStats {
  LoopEnd ended = LoopEnd::DisplayQuit;
  FrameTimeHistogram cpuSeconds;   // per display frame: the loop thread's CPU time
  FrameTimeHistogram spanSeconds;  // per display frame: wall time of the same span
  // Per display frame: of cpuSeconds, the part inside the renderer's submit (the driver's
  // vkQueueSubmit on the loop thread; lavapipe hands the work to its own threads), and the rest.
  FrameTimeHistogram submitCpuSeconds;
  FrameTimeHistogram cpuWithoutSubmitSeconds;
  std::uint64_t frames = 0;        // display frames begun
  std::uint64_t drawn = 0;         // frames rendered and submitted
  std::uint64_t uploads = 0;       // of which with a new video frame uploaded
  // Of those, copied off the loop thread: ahead of the display frame that shows them (while
  // the display waited for its slot), or alongside it (while the loop waited for its command
  // buffer and built the other layers). The rest were copied on the loop thread.
  std::uint64_t uploadsAhead = 0;
  std::uint64_t uploadsAlongside = 0;
  // RGB-D depth pictures (and their backgrounds') measured on the loop thread: those that were
  // not measured ahead on the decode-ahead worker.
  std::uint64_t depthMeasuredOnLoop = 0;
  // A live feed's: each new picture's latency from its arrival to its display, and the stalls.
  FrameTimeHistogram liveLatencySeconds;
  std::uint64_t liveStalls = 0;
  // Where a governor held the splats' GPU time: its target, the lowest budget it set, and how
  // often it changed it (0, 0, 0: no governor ran).
  // The last display frame's predicted display time (steady seconds) and its period (0:
  // unpaced): where the playback state handed to betweenFrames was seen.
  double lastDisplayTime = 0;
  double lastPeriod = 0;
  // What the wearer points at and has open at the last frame, for other headsets in step (kept
  // only with betweenFrames): the pointing hand's aim ray (stage space; empty: no controller
  // tracked) and the id of the marker whose card is open (empty: none).
  std::optional<engine::Ray> pointer;
  std::string openMarker;
  double splatTargetMs = 0;
  std::uint64_t splatBudgetLowest = 0;
  std::uint64_t splatBudgetChanges = 0;
  std::uint64_t late = 0;          // CPU work ended after the frame's predicted display time
  std::uint64_t missed = 0;        // display slots skipped (paced displays); not while hidden or lost
  std::uint64_t hiddenPauses = 0;  // times the display hid and playback was paused
  std::uint64_t devicesReplaced = 0;
  // vkQueueSubmit calls of the loop's frame context: one per drawn frame (the views, the GUI
  // over them or in the headset's panel, and the display's own part, in one command buffer).
  std::uint64_t submits = 0;
  // The most markers (and time-index nodes) one frame's query for the active markers looked at.
  std::size_t mostMarkersVisited = 0;
  double wallSeconds = 0;
};

// A picture the renderer cannot show (a frame that does not split into its layout's eyes, a
// format the device cannot sample): thrown out of run() with the file and frame named.
class PictureRefused : public std::runtime_error {
 public:
  explicit PictureRefused(Error error) : std::runtime_error(error.message()), error_(std::move(error)) {}
  const Error& error() const { return error_; }

 private:
  Error error_;
};

class PlayerLoop {
 public:
  // display and player must outlive the loop.
  PlayerLoop(xr::Display& display, media::Player& player, PlayerLoopOptions options);
  PlayerLoop(const PlayerLoop&) = delete;
  PlayerLoop& operator=(const PlayerLoop&) = delete;
  // Waits for the loop's frames still on the GPU (run() left by an exception).
  ~PlayerLoop();
  // Until the display quits (its own end, requestQuit, maxFrames, end of shot without loop).
  // Vulkan and OpenXR failures that are not a loss throw. An episode's item (episodeItem) that
  // leaves keeps what the loop made for the next item (setItem); the rest ends it all.
  PlayerLoopStats run();
  // An episode's next item, between two run()s: its player and options swapped in. The frame
  // context and renderer, the background, the timeline panel (its ImGui context and font
  // atlas) and the overlay's GPU objects stay, so the item's first frame costs what any frame
  // does; what is the item's own (an RGB-D layer, the sets, the marker selection, the editor,
  // the drag preview's video, opened on a worker) is made again. player must outlive the loop.
  void setItem(media::Player& player, PlayerLoopOptions options);
  // An episode's next item's first picture (its player's frame, decoded ahead), in that item's
  // layout and yaw: staged into the background while this item no longer needs its staging
  // (its last frame shows, or it has no picture), so the cut's upload is a swap. Until the next
  // setItem; a later call replaces it.
  void offerNextItemPicture(const media::DecodedFrame& first, const FrameLayout& layout, float yawOffsetDeg);
  // Another headset's (a leader's in step): its pointer drawn as a ray in this one's view, and
  // when its open marker changed (`openMarker` set), that card opened here (by id; empty: the
  // card open here closed; an id this shot does not have: nothing). Between frames; needs the
  // loop's overlay (PlayerLoopOptions::overlay).
  void showLeader(std::optional<engine::Ray> pointer, const std::optional<std::string>& openMarker);
  // What this loop has made since it was built (each made again only after a device loss, or
  // after a run() that ended everything): an episode makes each once.
  struct Made {
    std::uint64_t frameObjects = 0;    // frame context, frame renderer and background
    std::uint64_t timelinePanels = 0;  // with their ImGui context
    std::uint64_t overlays = 0;
  };
  const Made& made() const { return made_; }

 private:
  // run()'s steps, in their order.
  void startPlayback();  // the playhead to in, the loop region, autoplay
  void makeTimeline();   // with options.timeline; on the display's device
  // A live feed's bar: from the oldest picture kept to the newest received.
  ui::TimelineRange liveRange();
  void makeOverlay();    // the overlay and marker selection (with options.overlay or an editor)
  void makeEditor();     // with options.editor, on the overlay
  void answerUiClaims(); // the window's "is this press the UI's?" answered by the panels
  void handleQuitRequest();  // a quit request (signals) asks the display to end
  void handleEvents(const xr::DisplayEvents& ev);  // a device replaced, the display hidden or shown
  void replaceDevice();
  void placeEyes(xr::DisplayFrame& frame) const;  // untracked eyes to the capture point
  void placeOverlay(const xr::DisplayFrame& frame);  // the overlay's origin from the first frame's head
  void routeInput(const xr::DisplayFrame& frame);  // the display's input through the handlers
  media::PlayerFrame updatePlayback(const xr::DisplayFrame& frame);
  void updateAudioAndNarration(const xr::DisplayFrame& frame);  // the head to the audio, captions
  void render(xr::DisplayFrame& frame, const media::PlayerFrame& shown);
  void startUpload(const media::DecodedFrame& shown);
  void finishUpload(const media::DecodedFrame& shown);
  void setPicture(std::shared_ptr<const media::DecodedFrame> frame);
  void setRgbdPicture(const media::DecodedFrame& shown);
  // The splats' budget for the frame being recorded (`serial`), from their GPU time.
  void steerSplats(double periodSeconds, std::uint64_t serial);
  void stageNextPicture(const xr::DisplayFrame& frame);
  void stageNextItemPicture();  // offerNextItemPicture's, when the background's staging is free
  void endFrame(xr::DisplayFrame& frame, const media::PlayerFrame& shown);
  bool shotEnded(const media::PlayerFrame& shown) const;  // end of the shot without a loop
  bool leavesItem(const xr::DisplayFrame& frame, const media::PlayerFrame& shown);  // an episode's item is over (stats_.ended says why)
  void askQuit();  // once
  void finish();   // the panels and the frame objects, after the frames in flight
  std::int64_t pictureKey(std::int64_t frameIndex) const;  // unique across items

  void applyInput(const Commands& in, double displayTime, const media::PlayerState& state);
  // The handlers of each frame's input, in priority order, the player's commands last.
  void buildInputRoute();
  // The frame context, frame renderer and background on the display's device, and their end.
  void makeFrameObjects();
  void makeItemLayers();  // the item's own: an RGB-D layer, the sets
  void dropFrameObjects();

  void countSubmits();  // the context's submits since the last count, into stats_

  xr::Display& display_;
  media::Player* player_;  // the item's (setItem)
  PlayerLoopOptions options_;
  Made made_;
  std::uint64_t submitsCounted_ = 0;  // of the current context's, already in stats_
  std::int64_t itemKey_ = 0;  // staged pictures' keys: the frame index in this item's range of keys
  // Declared in the order they are made; dropFrameObjects ends them (in reverse).
  std::shared_ptr<engine::FrameContext> context_;  // shared: displays hold weak references (drawnOnGpu)
  std::unique_ptr<engine::FrameRenderer> frameRenderer_;
  std::unique_ptr<engine::EquirectLayer> background_;
  std::unique_ptr<engine::RgbdLayer> rgbdLayer_;  // an RGB-D plate, drawn instead of background_
  std::unique_ptr<SetScene> sets_;  // with options.sets
  std::unique_ptr<SplatScene> splats_;  // with options.splats
  std::unique_ptr<engine::SplatGovernor> splatGovernor_;  // made at the first frame with splats
  bool splatGovernorDecided_ = false;
  std::vector<engine::EyeDraw> eyes_;  // of the frame being recorded, kept for its capacity
  std::vector<OverlayEye> overlayEyes_;  // the same, for the overlay's layer
  std::vector<engine::Layer*> layers_;
  std::unique_ptr<TimelinePanel> timeline_;  // with options.timeline; made on the display's device
  std::unique_ptr<ViewOverlay> overlay_;      // with options.overlay
  std::optional<LiveMonitor> liveMonitor_;    // a live feed's player
  std::unique_ptr<MarkerSelection> selection_;
  std::unique_ptr<MarkerEditor> editor_;  // with options.editor, on overlay_
  bool overlayPlaced_ = false;            // its origin set from the first frame's head
  InputBindings bindings_;  // the display's raw input to commands
  InputRouter input_;
  const xr::DisplayFrame* routedFrame_ = nullptr;  // the frame whose input is being routed
  std::uint64_t editorRevision_ = 0;      // of the document the markers were last taken from
  std::optional<std::int64_t> uploadedIndex_;  // video frame index the renderer holds
  bool uploadAlongside_ = false;  // its copy runs on the background's thread (finishUpload)
  struct NextItemPicture {
    std::shared_ptr<const media::DecodedFrame> frame;
    FrameLayout layout;
    float yawOffsetDeg = 0;
  };
  std::optional<NextItemPicture> nextItemPicture_;  // offerNextItemPicture's
  media::PlayerState last_;                    // of the previous update
  VisibilityPause visibility_;
  bool quitAsked_ = false;
  std::optional<double> scrubFrom_;  // shot seconds the current scrub has reached
  int itemStep_ = 0;  // an episode's next / previous item asked for this frame
  double lastDisplayTime_ = 0;
  PlayerLoopStats stats_;
  FrameStatistics frameStats_{stats_};
};

// p in [0, 1] of the values (nearest rank); 0 for none.
double percentile(std::vector<double> values, double p);

}  // namespace ps::player
