#pragma once
// The timeline scrubber in the player loop: turns the display's pointer
// (controller aim ray + trigger, or the window's mouse) into scrubs of the player, and draws
// the panel with Dear ImGui:
// - headset: into the display's world panel (an OpenXR quad layer, world-locked 1.5 m ahead
//   and 0.6 m below where the head was when playback started), so the eye images stay the
//   picture alone and the compositor samples the panel's text once, at its own resolution;
// - window: over the view, along its bottom, after the equirect pass (1:1 pixels, no extra
//   texture); presses that start on it scrub instead of turning the view.
// Owns one ImGui context (through engine::ImGuiPass), made on the display's device.
// Thread: the player loop's.
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/gui_pass.h"
#include "media/player.h"
#include "scenes/rational.h"
#include "scenes/shot.h"
#include "ui/episode_strip.h"
#include "ui/panel_layout.h"
#include "ui/panel_placement.h"
#include "ui/scrub_drag.h"
#include "ui/thumbnail_source.h"
#include "player/commands.h"
#include "xr/display.h"

namespace ps::player {

// What the panel shows about the shot besides the player's state.
struct TimelineOptions {
  Rational fps{30, 1};
  std::vector<scenes::Chapter> chapters;
  std::vector<scenes::Marker> markers;
  // Where the drag preview's thumbnails come from: the shot's plate (its proxy when it has
  // one, else its keyframes), or a plain video's keyframes; neither: no preview.
  std::optional<scenes::MediaRef> plate;
  std::string videoUrl;
  // Where the plate lies on shot time: the thumbnails are of its media time.
  media::TrackTiming plateTiming;
  // An episode's item: the episode's items under the bar (its playhead from this item's
  // start, at shot time `in`); empty: a shot alone.
  std::optional<ui::EpisodeStrip> episode;
};

class TimelinePanel {
 public:
  // range: the bar's span, the loop's in and out.
  TimelinePanel(xr::Display& display, ui::TimelineRange range, TimelineOptions options);
  TimelinePanel(const TimelinePanel&) = delete;
  TimelinePanel& operator=(const TimelinePanel&) = delete;
  ~TimelinePanel();

  // The shot's markers changed (the editor): the bar's ticks follow.
  void setMarkers(std::vector<scenes::Marker> markers);
  // An episode's next item: its range and what the panel shows about it. The ImGui context,
  // its font atlas and the panel's place stay; the drag preview's video is opened on a worker
  // (no preview until it has).
  void setItem(ui::TimelineRange range, TimelineOptions options);
  // The bar's span moves (a live feed's: what is kept, up to the newest picture); a drag under
  // way keeps the span it began with.
  void followRange(ui::TimelineRange range);

  // The display's device changed: drop what was made on the old one (before it goes).
  void deviceReplaced();

  // Once per frame with the frame's input, before the loop applies it. Returns true when
  // the pointer's press belongs to the panel (a grab, or a press on it): the loop must not
  // also take `select` as play/pause.
  bool applyInput(const xr::DisplayFrame& frame, const Commands& in, const media::PlayerState& state,
                  media::Player& player);
  // After update(): reports the frame a released scrub landed on once it is shown, with the
  // frame stamp read from the decoded pixels (media/frame_stamp.h) where it has one.
  void onShown(const media::PlayerFrame& shown);

  // Headset: draws the panel into frame.panel when the display gave one; sets panelDrawn.
  // With `into`, recorded into that display frame (submitted with it), else submitted alone.
  void drawWorldPanel(xr::DisplayFrame& frame, const media::PlayerState& state, engine::GuiFrame into = {});
  // Window: whether the panel is drawn over the views (the loop then submits the views
  // without the signal semaphores and hands them to drawOverViews).
  bool drawsOverViews() const { return !world_; }
  // Window: whether a press at `targetPx` (the view target's pixels) starts on the panel's
  // band along the bottom, so that it scrubs rather than turning the view.
  bool capturesPress(glm::vec2 targetPx) const;
  void drawOverViews(const xr::DisplayFrame& frame, const media::PlayerState& state,
                     const engine::SubmitSync& sync, engine::GuiFrame into = {});

 private:
  void place(const xr::DisplayFrame& frame);
  ui::PointerSample pointer(const Commands& in, double playhead) const;
  void draw(const engine::RenderTarget& target, engine::ImGuiLoad load, glm::vec2 origin, float scale,
            const media::PlayerState& state, const engine::SubmitSync& sync, engine::GuiFrame into);

  xr::Display& display_;
  ui::TimelineRange range_;
  TimelineOptions options_;
  ui::PanelLayout layout_;
  ui::ScrubDrag drag_;
  std::optional<ui::PanelPlacement> placement_;  // headset: set on the first frame with eyes
  bool placed_ = false;                          // once, on the first frame with eyes
  bool world_ = false;                           // the display composites the panel
  VkExtent2D windowExtent_{};                    // window: the target the panel was last drawn over
  float bandPx_ = 0;                             // window: the panel's height over it, target pixels
  std::unique_ptr<engine::ImGuiPass> pass_;
  std::unique_ptr<ui::ThumbnailSource> thumbnails_;  // null: no preview
  std::future<std::unique_ptr<ui::ThumbnailSource>> thumbnailsOpening_;  // an item's, until taken
  void takeThumbnails();  // the item's preview once its video has opened
  std::shared_ptr<const ui::Thumbnail> shownThumbnail_;  // the picture pass_ holds
  std::optional<std::int64_t> landing_;  // frame a released scrub asked for, until shown
  // What the headset's panel image shows, to redraw it only when that changes.
  struct PanelKey {
    bool playing = false;
    std::int64_t frame = 0;
    std::pair<double, double> loop;
    std::optional<std::int64_t> cursorFrame;
    const ui::Thumbnail* thumbnail = nullptr;
    std::pair<double, double> span;
    friend bool operator==(const PanelKey&, const PanelKey&) = default;
  };
  std::optional<PanelKey> drawnKey_;
};

}  // namespace ps::player
