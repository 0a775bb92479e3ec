#pragma once
// What is drawn over each eye's picture: the narration markers active at the shot time (pins,
// cards, edge arrows) and the film camera's frame (film_frame_overlay.h). Two ways to the eyes:
// - layers(): an engine::OverlayLayer in the eye pass, after the background and the set's
//   meshes: 3D geometry tested against their depth (a marker behind an actor is dimmed);
// - draw(): one Dear ImGui pass (engine::ImGuiPass) per target format, painted over the view
//   (ImGuiLoad::Keep) after the equirect pass, once per eye; the editor's panel is drawn so.
// Thread: the player loop's (or a single-shot caller's, `perfectshot render`).
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "engine/device.h"
#include "engine/gui_input.h"
#include "engine/gui_pass.h"
#include "engine/layer.h"
#include "engine/offscreen_target.h"
#include "engine/overlay_layer.h"
#include "engine/render_target.h"
#include "engine/submit_sync.h"
#include "engine/view.h"
#include "player/film_frame_overlay.h"
#include "scenes/blocking.h"
#include "scenes/marker.h"
#include "scenes/marker_time_index.h"
#include "ui/head_box_floor.h"
#include "ui/live_badge.h"
#include "ui/headset_keyboard_geometry.h"
#include "ui/headset_menu_geometry.h"
#include "ui/marker_layout.h"
#include "ui/marker_painter.h"
#include "ui/marker_picking.h"

namespace ps::player {

struct ViewOverlayOptions {
  std::vector<scenes::Marker> markers;
  ui::MarkerStyle style;
  // The film camera's frame and its clip; empty: none.
  std::optional<FilmFrameOptions> filmFrame;
  std::uint32_t framesInFlight = 4;  // draws (eyes x frames) that may be on the GPU at once
  bool floorGrid = false;  // a grid on the stage's floor (layers() only)
  // An RGB-D plate's head box: its square on the floor in a grid, fading in as the eyes near
  // its faces (ui/head_box_floor.h; layers() only); empty: none.
  std::optional<ui::HeadBoxFloor> headBox;
  std::optional<std::size_t> openAtStart;  // a marker whose card starts open (an episode's title card)
  // The crew's blocking (floor marks, actors at the shot time, the dolly track, measurements),
  // in stage space (ui/blocking_geometry.h; layers() only); empty: none.
  scenes::Blocking blocking;
};

// One eye of the frame the overlay's layer is prepared for: its view in the display's stage
// space and its target's size.
struct OverlayEye {
  engine::View view;
  VkExtent2D extent{};
};

class ViewOverlay {
 public:
  explicit ViewOverlay(ViewOverlayOptions options);
  ViewOverlay(const ViewOverlay&) = delete;
  ViewOverlay& operator=(const ViewOverlay&) = delete;
  ~ViewOverlay();

  // Anything to draw at all (markers or a film frame): callers skip the pass otherwise.
  bool hasContent() const;  // also true with a panel
  const std::vector<scenes::Marker>& markers() const { return options_.markers; }
  void setMarkers(std::vector<scenes::Marker> markers);
  // An episode's next item: its markers, film frame and card open at the start, as a new
  // overlay would have them; the GPU objects made on the device stay (the layer keeps the
  // frames-in-flight count it was made with).
  void setItem(ViewOverlayOptions options);
  // The markers active at t (indices into markers(), ascending), found through a time index
  // and kept for the next call at the same t: a frame's marker work (layout, picking, paint)
  // grows with these, not with all of the shot's.
  const std::vector<std::size_t>& activeAt(double shotSeconds) const;
  // The most markers and index nodes one time query has looked at so far (benchmarks, tests).
  std::size_t mostVisited() const { return mostVisited_; }
  const ui::MarkerStyle& style() const { return options_.style; }
  ui::MarkerStyle& style() { return options_.style; }
  // The selection, the caption and the dwell ring the markers are painted with.
  ui::MarkerPaint& paint() { return paint_; }
  FilmFrameOverlay* filmFrame() { return film_.get(); }

  // An interactive panel built in the frames drawn with `withPanel` (the window's: the marker
  // editor), given the target's size and the shot time; empty: none. Its input comes from
  // setInput; wantsPointer/wantsKeyboard say what its widgets took in the last frame.
  using Panel = std::function<void(glm::vec2 targetSize, double shotSeconds)>;
  void setPanel(Panel panel) { panel_ = std::move(panel); }
  bool hasPanel() const { return static_cast<bool>(panel_); }
  void setInput(const engine::GuiInput& input);
  bool wantsPointer() const { return pass_ && pass_->wantsPointer(); }
  bool wantsKeyboard() const { return pass_ && pass_->wantsKeyboard(); }

  // Where the shot's space (the capture point: direction markers on a sphere around it, stage
  // markers and the film camera relative to it) sits in the display's stage space. The window
  // and offscreen views stand at the origin; a headset sets the head's place when playback
  // started, so a marker 3 m away is 3 m from the viewer and a floor mark is on the floor.
  void setOrigin(const glm::vec3& origin) { origin_ = origin; }
  const glm::vec3& origin() const { return origin_; }
  // A stage-space view as seen from the shot's space.
  engine::View inShotSpace(const engine::View& view) const;

  // Once per display frame before drawing: the film clip follows the shot time.
  void update(double shotSeconds);

  // The overlay as layers of the frame, to draw after the background (and the set's meshes):
  // their geometry set for these eyes at shot time t. Built on first use on `device` (and
  // again after deviceReplaced); the layers live as long as this overlay. Each frame lays the
  // markers out for each eye (the per-view part); the geometry is built and handed to the
  // layer (uploaded) only when that layout, the paint, the markers, the style, the film frame
  // or the origin changed since the last frame.
  std::span<engine::Layer* const> layers(const engine::Device& device, std::span<const OverlayEye> eyes,
                                         double shotSeconds);
  // The scene's nearest hit along a ray in the display's stage space (the meshes' CPU side);
  // picking leaves out markers it hides. Empty: nothing hides them.
  void setSceneHit(ui::SceneHit sceneHit) { sceneHit_ = std::move(sceneHit); }
  const ui::SceneHit& sceneHit() const { return sceneHit_; }  // stage space; empty: none
  // Another headset's pointer (a leader's, in step: tools/sync) drawn in stage space as a ray
  // that ends where it meets the scene (or 4 m out) with a dot there; empty: none.
  void setRemotePointer(std::optional<engine::Ray> ray);
  // This headset's controller ray (stage space, unit direction) drawn from the controller to
  // where it meets the scene, a marker it points at or the headset menu's plane, else 4 m out,
  // with a cursor there; empty (no aim pose): none.
  void setPointer(std::optional<engine::Ray> ray);
  // Where such a ray (stage space) ends at shot time t: the nearest of the scene's hit and a
  // marker active at t it points at (at the marker's point), else 4 m out.
  glm::vec3 pointerEnd(const engine::Ray& ray, double shotSeconds) const;
  // The marker editor's headset menu, in the space markers are laid out in (its anchor
  // relative to the capture point); empty: none.
  void setHeadsetMenu(std::optional<ui::HeadsetMenuView> menu);
  const std::optional<ui::HeadsetMenuView>& headsetMenu() const { return menu_; }
  // A guided tour's director's gaze (a ray in stage space from their head): a soft glow where it
  // meets the scene (a set, a splat surface) or else the capture, kGazeReachM out; with `hint`,
  // an arrow on the edge of each eye that does not show it, pointing the way to turn. Empty: none.
  static constexpr float kGazeReachM = 20.0f;
  void setGaze(std::optional<engine::Ray> ray, bool hint);
  // Where the glow is drawn (stage space); empty: no gaze.
  std::optional<glm::vec3> gazePoint() const;
  // The editor's headset keyboard, in the same space as the menu; empty: none.
  void setHeadsetKeyboard(std::optional<ui::HeadsetKeyboardView> keyboard);
  const std::optional<ui::HeadsetKeyboardView>& headsetKeyboard() const { return keyboard_; }
  // The runtime's play area (its floor corners in stage space, xr::Display::playArea) drawn as
  // an outline on the floor; empty: none.
  void setPlayArea(const std::optional<std::array<glm::vec3, 4>>& corners);
  // The measuring tape's measurement (stage space) drawn with its length; empty: none.
  void setTape(const std::optional<scenes::Measurement>& measurement);
  // A live feed's badge (ui/live_badge.h, stage space) drawn; empty: none.
  void setLiveBadge(const std::optional<ui::LiveBadge>& badge);
  // The blocking drawn, replaced (the headset's pen adds to it).
  void setBlocking(scenes::Blocking blocking);
  const scenes::Blocking& blocking() const { return options_.blocking; }
  // The same in the space markers are laid out in (relative to the capture point).
  ui::SceneHit sceneHitInShotSpace() const;

  // The markers as laid out for `view` in a target of `extent` at shot time t (hit tests).
  std::vector<ui::MarkerSprite> layout(const engine::View& view, VkExtent2D extent, double shotSeconds) const;

  // Draws over `target` (which holds the view drawn with `view`; its layoutAfter is what the
  // view left, and the overlay leaves it the same) the panel and, until layers() has been asked
  // for, the markers and the film frame; submits with `sync`, and records a readback into
  // `readback` when given (then wait()). With `into`, records into that display frame instead
  // (no sync, no readback: the frame's submit has them).
  void draw(const engine::Device& device, const engine::View& view, const engine::RenderTarget& target,
            double shotSeconds, const engine::SubmitSync& sync = {},
            const engine::OffscreenTarget* readback = nullptr, bool withPanel = false,
            engine::GuiFrame into = {});
  void wait();
  // The display's device changed: drop the GPU objects made on the old one.
  void deviceReplaced();

 private:
  ViewOverlayOptions options_;
  scenes::MarkerTimeIndex index_;
  mutable std::vector<std::size_t> active_;  // at activeTime_
  mutable std::optional<double> activeTime_;
  mutable std::size_t mostVisited_ = 0;
  ui::MarkerPaint paint_;
  glm::vec3 origin_{0.0f};
  Panel panel_;
  std::optional<engine::GuiInput> input_;  // for the next draw with the panel
  std::unique_ptr<FilmFrameOverlay> film_;
  std::unique_ptr<engine::ImGuiPass> pass_;
  VkFormat passFormat_ = VK_FORMAT_UNDEFINED;
  std::unique_ptr<engine::OverlayLayer> layer_;
  std::array<engine::Layer*, 1> layerList_{};
  ui::SceneHit sceneHit_;
  std::uint64_t markersRevision_ = 0;  // counts setMarkers

  // What the layer's geometry was last built from, and its parts (kept with their capacity).
  struct Built {
    std::vector<std::vector<ui::MarkerSprite>> sprites;  // per eye
    ui::MarkerPaint paint;
    ui::MarkerStyle style;
    std::uint64_t markersRevision = 0;
    glm::vec3 origin{0.0f};
    float headBoxAlpha = 0;
    std::optional<double> blockingAt;  // the shot time the blocking was built for
    std::uint64_t remotePointerRevision = 0;
    std::optional<std::array<glm::vec3, 4>> playArea;
    std::optional<scenes::Measurement> tape;
    std::optional<ui::LiveBadge> liveBadge;
    std::optional<ui::HeadsetMenuView> menu;
    std::optional<ui::HeadsetKeyboardView> keyboard;
    std::optional<std::pair<glm::vec3, glm::vec3>> pointer;  // the ray as drawn: from, to
    std::optional<glm::vec3> gaze;
    bool gazeHint = false;
  };
  std::optional<Built> built_;  // empty: the layer has none yet
  std::vector<std::vector<ui::MarkerSprite>> sprites_;  // this frame's layout, per eye
  engine::OverlayGeometry grid_, cards_, otherCards_, common_, headBox_, blocking_, remotePointer_;
  std::optional<engine::Ray> remoteRay_;
  std::optional<std::array<glm::vec3, 4>> playArea_;
  engine::OverlayGeometry playAreaGeometry_;
  std::optional<scenes::Measurement> tape_;
  engine::OverlayGeometry tapeGeometry_;
  std::optional<ui::LiveBadge> liveBadge_;
  engine::OverlayGeometry liveBadgeGeometry_;
  void buildRemotePointer(const engine::Ray& ray);
  std::uint64_t remotePointerRevision_ = 0;  // counts changes of remoteRay_
  std::vector<engine::OverlayGeometry> edges_;  // per eye
  std::optional<engine::Ray> pointer_;
  std::optional<engine::Ray> gaze_;
  bool gazeHint_ = false;
  engine::OverlayGeometry gazeGeometry_;
  std::vector<engine::OverlayGeometry> perEye_;  // edges_ and the gaze's arrow, per eye
  std::optional<ui::HeadsetMenuView> menu_;
  std::optional<ui::HeadsetKeyboardView> keyboard_;
  engine::OverlayGeometry menuGeometry_, pointerGeometry_;
  std::size_t commonWithoutPointer_ = 0;  // common_'s vertices before the pointer's, appended last
};

}  // namespace ps::player
