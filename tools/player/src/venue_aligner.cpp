#include "player/venue_aligner.h"

#include <spdlog/spdlog.h>

#include <cmath>
#include <numbers>

namespace ps::player {

namespace {

constexpr double kRadians = std::numbers::pi / 180.0;
// A play area redrawn by more than this on a side is not the one the venue was aligned to.
constexpr double kBoundsToleranceM = 0.1;

}  // namespace

Result<std::unique_ptr<VenueAligner>> VenueAligner::apply(xr::Display& display, const std::filesystem::path& file) {
  auto venue = scenes::readVenue(file);
  if (!venue) return venue.error();
  std::unique_ptr<VenueAligner> a(new VenueAligner(display, file, venue->name));
  a->venue_ = std::move(*venue);
  return a;
}

std::unique_ptr<VenueAligner> VenueAligner::align(xr::Display& display, const std::filesystem::path& file,
                                                  std::string name) {
  if (name.empty()) name = file.stem().string();
  std::unique_ptr<VenueAligner> a(new VenueAligner(display, file, std::move(name)));
  a->aligning_ = true;
  spdlog::info("venue: aligning '{}': touch the floor where the shot's origin goes and pull the right trigger", a->name_);
  return a;
}

std::unique_ptr<VenueAligner> VenueAligner::alignToPlayArea(xr::Display& display, const std::filesystem::path& file,
                                                            std::string name) {
  if (name.empty()) name = file.stem().string();
  std::unique_ptr<VenueAligner> a(new VenueAligner(display, file, std::move(name)));
  a->aligningToArea_ = true;
  spdlog::info("venue: aligning '{}' to the play area: pull the right trigger once it is drawn around the stage",
               a->name_);
  return a;
}

VenueAligner::VenueAligner(xr::Display& display, std::filesystem::path file, std::string name)
    : display_(display), file_(std::move(file)), name_(std::move(name)) {}

bool VenueAligner::onEvents(const xr::DisplayEvents& events) {
  if (events.deviceReplaced) applied_ = false;  // the display keeps it; said again for the log
  return false;
}

void VenueAligner::applyVenue() {
  if (applied_ || !venue_) return;
  applied_ = true;
  const scenes::Venue& v = *venue_;
  const xr::StagePose pose{glm::vec3(static_cast<float>(v.origin.x), static_cast<float>(v.origin.y),
                                     static_cast<float>(v.origin.z)),
                           static_cast<float>(v.yawDeg * kRadians)};
  if (!display_.alignStage(pose)) {
    spdlog::warn("venue: the {} display tracks no room; '{}' is not applied", display_.name(), v.name);
    return;
  }
  spdlog::info("venue: the stage is aligned to '{}' (origin {:.3f}, {:.3f}, {:.3f} m, turned {:.1f} degrees)", v.name,
               v.origin.x, v.origin.y, v.origin.z, v.yawDeg);
  if (!v.boundsM) return;
  if (const auto area = playAreaInRoom()) {
    const auto [width, depth] = scenes::playAreaSize(*area);
    if (std::abs(width - v.boundsM->first) > kBoundsToleranceM || std::abs(depth - v.boundsM->second) > kBoundsToleranceM)
      spdlog::warn("venue: '{}' was aligned to a play area of {:.2f} x {:.2f} m; the runtime's is {:.2f} x {:.2f} m now: "
                   "redrawn, or another room? Align again (--align-play-area) if the shot no longer sits on the stage",
                   v.name, v.boundsM->first, v.boundsM->second, width, depth);
  } else {
    spdlog::warn("venue: '{}' was aligned to a play area the runtime no longer reports", v.name);
  }
}

std::optional<std::array<scenes::Vec3, 4>> VenueAligner::playAreaInRoom() const {
  const auto corners = display_.playArea();
  const auto app = display_.stageInRoom();
  if (!corners || !app) return std::nullopt;
  const scenes::RoomPose pose{{app->position.x, app->position.y, app->position.z}, app->yawRad / kRadians};
  std::array<scenes::Vec3, 4> room;
  for (std::size_t i = 0; i < room.size(); ++i)
    room[i] = scenes::inRoom(pose, {(*corners)[i].x, (*corners)[i].y, (*corners)[i].z});
  return room;
}

void VenueAligner::alignToArea() {
  aligningToArea_ = false;
  const auto area = playAreaInRoom();
  if (!area) {
    spdlog::warn("venue: the {} display reports no play area to align to; align by two floor touches (--align)",
                 display_.name());
    return;
  }
  auto venue = scenes::alignToPlayArea(name_, *area);
  if (!venue) {
    spdlog::warn("venue: {}", venue.error().message());
    return;
  }
  spdlog::info("venue: the shot's origin at the centre of the {:.2f} x {:.2f} m play area", venue->boundsM->first,
               venue->boundsM->second);
  saveAndApply(std::move(*venue));
}

void VenueAligner::saveAndApply(scenes::Venue venue) {
  venue_ = std::move(venue);
  if (auto saved = scenes::writeVenue(file_, *venue_); !saved) {
    saveError_ = saved.error();
    spdlog::error("venue: {}", saved.error().message());
  } else {
    spdlog::info("venue: '{}' saved to {}", venue_->name, file_.string());
  }
  applyVenue();
}

void VenueAligner::onFrame(xr::DisplayFrame& frame) {
  (void)frame;
  applyVenue();
}

void VenueAligner::onInput(xr::RawInput& input) {
  xr::ControllerInput& hand = input.hand(xr::Hand::Right);
  if (aligningToArea_ && hand.trigger.pressed) {
    hand.trigger.pressed = false;  // the alignment's, not play/pause
    alignToArea();
    return;
  }
  if (!aligning_) return;
  if (!hand.trigger.pressed || !hand.aim) return;
  hand.trigger.pressed = false;  // the touch's, not play/pause
  const std::optional<xr::StagePose> app = display_.stageInRoom();
  if (!app) {
    spdlog::warn("venue: the {} display tracks no room to align to", display_.name());
    aligning_ = false;
    return;
  }
  const glm::vec3 p = hand.aim->position;
  const scenes::Vec3 touch = scenes::inRoom(
      scenes::RoomPose{{app->position.x, app->position.y, app->position.z}, app->yawRad / kRadians}, {p.x, p.y, p.z});
  touches_.push_back(touch);
  if (touches_.size() == 1) {
    spdlog::info("venue: the origin at ({:.3f}, {:.3f}, {:.3f}); now touch a point ahead of it along the shot's forward",
                 touch.x, touch.y, touch.z);
    return;
  }
  auto venue = scenes::alignFromTouches(name_, touches_[0], touches_[1]);
  if (!venue) {
    spdlog::warn("venue: {}", venue.error().message());
    touches_.clear();
    return;
  }
  aligning_ = false;
  saveAndApply(std::move(*venue));
}

}  // namespace ps::player
