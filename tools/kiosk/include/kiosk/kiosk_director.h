#pragma once
// The kiosk on the player loop (player/loop_director.h): presence from the chosen source into
// the visit cycle (visit_cycle.h), and what the cycle asks done to the two programmes (the
// attract loop and the visitor's programme), the view (recentred at a new visit) and the
// picture (a fade from black at every cut); the operator's status line to the display (the
// mirror window's picture and title, never the eyes). Time is the display's: its predicted display times.
// Thread: the player loop's.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "kiosk/fade.h"
#include "kiosk/head_locked_caption.h"
#include "kiosk/kiosk_config.h"
#include "kiosk/presence.h"
#include "kiosk/programme.h"
#include "kiosk/recentre.h"
#include "kiosk/visit_cycle.h"
#include "player/loop_director.h"

namespace ps::kiosk {

struct KioskCounts {
  std::uint64_t visits = 0;          // started
  std::uint64_t visitsEnded = 0;
  std::uint64_t programmeStarts = 0; // from the beginning (a visit, or its loop at the end)
  // Of those, the ones whose first frame shown after the restart was not the beginning's.
  std::uint64_t startsNotAtBeginning = 0;
  std::uint64_t attractStarts = 0;
  std::uint64_t fades = 0;           // cuts faded from black
};

class KioskDirector final : public player::LoopDirector {
 public:
  // display, attract and programme must outlive it.
  KioskDirector(xr::Display& display, const KioskConfig& config, Programme& attract, Programme& programme);

  bool onEvents(const xr::DisplayEvents& events) override;
  void onFrame(xr::DisplayFrame& frame) override;
  void onInput(xr::RawInput& input) override;  // the controllers' aim recentred with the view
  void onShown(const xr::DisplayFrame& frame, const media::PlayerFrame& shown) override;
  void addLayers(const engine::Device& device, std::vector<engine::Layer*>& layers) override;
  void deviceReplaced() override {
    fadeLayer_.deviceReplaced();
    caption_.deviceReplaced();
  }

  PresenceSource source() const { return source_; }
  const VisitCycle& cycle() const { return cycle_; }
  const KioskCounts& counts() const { return counts_; }
  const Recentre& recentre() const { return recentre_; }
  // The programme playing now (attract or the visitor's); null before the first frame.
  const Programme* active() const { return active_; }
  // The narration's caption now (with "captions": "head_locked"); empty: none drawn.
  std::function<std::string()> caption;
  // After each visit ends (tests and the memory curve watch the process between visits).
  std::function<void(const KioskCounts&)> onVisitEnded;
  // The operator's line as last set (what playing, visitors today, the last error).
  const std::string& status() const { return status_; }
  // Visits begun on the local day it is now (none yet after midnight, before the next visit).
  std::uint64_t visitorsToday() const { return day() == today_ ? visitsToday_ : 0; }
  // The local calendar day (a number that changes at local midnight); tests set their own.
  std::function<int()> day;
  const std::string& lastError() const { return lastError_; }

  // A show control's requests, carried out at the next frame (its time, its head): back to the
  // attract loop (a visit under way ends); the view turned to where the wearer faces now.
  void requestAttract() { attractRequested_ = true; }
  void requestRecentre() { recentreRequested_ = true; }

 private:
  void act(const VisitStep& step, const xr::DisplayFrame& frame);
  void updateStatus(double t);
  void holdWhileHidden();  // user presence: the display hidden holds playback, shown again resumes

  xr::Display& display_;
  KioskConfig config_;
  Programme& attract_;
  Programme& programme_;
  Programme* active_ = nullptr;
  PresenceSource source_ = PresenceSource::Auto;  // chosen at the first frame
  VisitCycle cycle_;
  HeadMotionPresence headMotion_;
  std::optional<bool> pendingPresence_;
  bool hidden_ = false;      // the display is hidden (user presence only)
  bool heldHidden_ = false;  // what holdWhileHidden last acted on  // from this pass's events, applied at its frame's time
  Recentre recentre_;
  FadeCurve fade_;
  FadeLayer fadeLayer_;
  HeadLockedCaption caption_;
  std::optional<engine::View> head_;  // of the frame being drawn, as shown (recentred)
  float fadeOpacity_ = 0;  // of the frame being drawn
  std::uint64_t loopWraps_ = 0;
  bool checkStart_ = false;  // the programme restarted: is its first frame shown its beginning?
  KioskCounts counts_;
  std::string status_;
  std::string lastError_;
  double statusAt_ = -1e9;
  std::uint64_t visitsToday_ = 0;
  int today_ = -1;  // day of the year (local) visitsToday_ counts
  bool attractRequested_ = false;
  bool recentreRequested_ = false;
};

}  // namespace ps::kiosk
