#pragma once
// Whether someone wears the headset, from the best source the display has:
//   user presence  XR_EXT_user_presence's events (the headset's proximity sensor);
//   visibility     the session's visibility and focus (most runtimes stop focusing a
//                  session whose headset is off the head);
//   head motion    a head that has not moved for a while rests on a table or a stand.
// The config may name one; "auto" takes the first the display offers. The choice is logged once.
#include <cstdint>
#include <optional>
#include <string_view>

#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

namespace ps::kiosk {

enum class PresenceSource : std::uint8_t { Auto, UserPresence, Visibility, HeadMotion };

const char* presenceSourceName(PresenceSource source);
std::optional<PresenceSource> parsePresenceSource(std::string_view name);

struct PresenceOffers {
  bool userPresence = false;  // the display reports XR_EXT_user_presence's events
  bool visibility = false;    // the display's visibility follows the headset (a tracked head's session)
};

// The source to use: `wanted` unless it is Auto; else the first the display offers, head
// motion last (it needs nothing but a head pose).
PresenceSource choosePresenceSource(PresenceSource wanted, const PresenceOffers& offers);

struct HeadMotionRules {
  double stillSeconds = 5;       // no motion this long: nobody wears it
  float moveMetres = 0.01f;      // moving more than this ...
  float turnDegrees = 2.0f;      // ... or turning more than this from the last rest pose is motion
};

// Presence from head motion alone. Feed it every frame's head pose and time.
class HeadMotionPresence {
 public:
  explicit HeadMotionPresence(HeadMotionRules rules = {}) : rules_(rules) {}
  // The reading after this pose: present while the head moved within stillSeconds.
  bool update(const glm::vec3& position, const glm::quat& orientation, double t);
  bool present() const { return present_; }

 private:
  HeadMotionRules rules_;
  std::optional<glm::vec3> restPosition_;
  glm::quat restOrientation_{1, 0, 0, 0};
  double lastMotion_ = 0;
  bool present_ = false;
};

}  // namespace ps::kiosk
