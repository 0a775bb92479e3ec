#include "kiosk/presence.h"

#include <cmath>

#include <glm/geometric.hpp>

namespace ps::kiosk {

const char* presenceSourceName(PresenceSource source) {
  switch (source) {
    case PresenceSource::Auto: return "auto";
    case PresenceSource::UserPresence: return "user_presence";
    case PresenceSource::Visibility: return "visibility";
    case PresenceSource::HeadMotion: return "head_motion";
  }
  return "?";
}

std::optional<PresenceSource> parsePresenceSource(std::string_view name) {
  for (PresenceSource s : {PresenceSource::Auto, PresenceSource::UserPresence, PresenceSource::Visibility,
                           PresenceSource::HeadMotion})
    if (name == presenceSourceName(s)) return s;
  return std::nullopt;
}

PresenceSource choosePresenceSource(PresenceSource wanted, const PresenceOffers& offers) {
  if (wanted != PresenceSource::Auto) return wanted;
  if (offers.userPresence) return PresenceSource::UserPresence;
  if (offers.visibility) return PresenceSource::Visibility;
  return PresenceSource::HeadMotion;
}

bool HeadMotionPresence::update(const glm::vec3& position, const glm::quat& orientation, double t) {
  if (!restPosition_) {
    // The first pose is a rest pose: a headset found lying still is not worn.
    restPosition_ = position;
    restOrientation_ = orientation;
    lastMotion_ = t - rules_.stillSeconds;
  }
  const float moved = glm::length(position - *restPosition_);
  const float cosHalf = std::min(1.0f, std::abs(glm::dot(orientation, restOrientation_)));
  const float turnedDeg = glm::degrees(2.0f * std::acos(cosHalf));
  if (moved > rules_.moveMetres || turnedDeg > rules_.turnDegrees) {
    // Motion is measured from the last rest pose, so a slow drift adds up and counts.
    restPosition_ = position;
    restOrientation_ = orientation;
    lastMotion_ = t;
  }
  present_ = t - lastMotion_ < rules_.stillSeconds;
  return present_;
}

}  // namespace ps::kiosk
