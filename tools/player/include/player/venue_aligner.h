#pragma once
// The shot's stage put where it lies in a real room (scenes/venue.h): a venue read from its
// file is applied to the headset's stage as soon as the session runs (xr::Display::alignStage,
// locked there: a recentre no longer moves it); or, aligning, the wearer touches the floor with
// the right controller and pulls the trigger twice (where the shot's origin goes, then a point
// ahead of it along the shot's forward), and the venue is saved (atomically) and applied; or,
// aligning to the play area, the shot's origin goes to the centre of the runtime's STAGE bounds
// when the right trigger is pulled (once the wearer has drawn the play area around the stage). A venue aligned to a play area of another size than the
// runtime's now is applied with a warning: the play area was redrawn, or this is another room.
// The touches' trigger presses are the aligner's: the player does not also take them as play/pause.
// A display that tracks no room leaves it all, with a warning.
// Thread: the player loop's (a LoopDirector).
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "player/loop_director.h"
#include "scenes/result.h"
#include "scenes/venue.h"
#include "xr/display.h"

namespace ps::player {

class VenueAligner final : public LoopDirector {
 public:
  // Applying: reads `file` now (its error is the caller's to report). display must outlive this.
  static Result<std::unique_ptr<VenueAligner>> apply(xr::Display& display, const std::filesystem::path& file);
  // Aligning: touches recorded into `file` under `name` (the file's stem when empty).
  static std::unique_ptr<VenueAligner> align(xr::Display& display, const std::filesystem::path& file, std::string name);
  // Aligning to the play area: recorded into `file` as align() does.
  static std::unique_ptr<VenueAligner> alignToPlayArea(xr::Display& display, const std::filesystem::path& file,
                                                       std::string name);

  bool onEvents(const xr::DisplayEvents& events) override;
  void onFrame(xr::DisplayFrame& frame) override;
  void onInput(xr::RawInput& input) override;
  void onShown(const xr::DisplayFrame&, const media::PlayerFrame&) override {}

  // The venue in effect (read, or aligned by touches); empty while aligning.
  const std::optional<scenes::Venue>& venue() const { return venue_; }
  // A save that failed, kept to be reported; the alignment is applied all the same.
  const std::optional<Error>& saveError() const { return saveError_; }

 private:
  VenueAligner(xr::Display& display, std::filesystem::path file, std::string name);
  void applyVenue();
  // The runtime's play area in room coordinates; empty where it reports none.
  std::optional<std::array<scenes::Vec3, 4>> playAreaInRoom() const;
  void alignToArea();
  void saveAndApply(scenes::Venue venue);

  xr::Display& display_;
  std::filesystem::path file_;
  std::string name_;
  std::optional<scenes::Venue> venue_;
  bool applied_ = false;
  bool aligning_ = false;
  bool aligningToArea_ = false;
  std::vector<scenes::Vec3> touches_;  // room coordinates
  std::optional<Error> saveError_;
};

}  // namespace ps::player
