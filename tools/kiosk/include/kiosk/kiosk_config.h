#pragma once
// The kiosk's configuration file (`perfectshot kiosk --config kiosk.json`); every field is
// optional, unknown fields are errors (a typo must not be silently ignored). README.md, "Kiosk
// mode", documents the format:
//   {
//     "attract": { "in": 0, "out": 12 },     segment of the shot (shot seconds) looped while nobody
//                                            wears the headset; default the whole shot
//     "visit_timeout_s": 10,                 headset off at least this long ends a visit
//     "presence": "auto",                    auto | user_presence | visibility | head_motion
//     "buttons": ["trigger"],                controller buttons the visitor may use; default none
//     "captions": "head_locked",             head_locked (the narration's caption kept in view) | world (default)
//     "volume_limit": 0.8,                   linear gain cap of the soundtrack and narration, 0..1
//     "at_end": "stop",                      stop | loop | attract
//     "fade_s": 1.0                          fade from black at every cut, seconds (0: none)
//   }
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/presence.h"
#include "kiosk/visit_cycle.h"
#include "player/input_bindings.h"
#include "scenes/result.h"

namespace ps::kiosk {

struct AttractSegment {
  double inSeconds = 0;                // shot seconds
  std::optional<double> outSeconds;    // exclusive; empty: the shot's end
};

enum class Button : std::uint8_t { Trigger, Primary, Secondary, Menu, Thumbstick };

struct KioskConfig {
  AttractSegment attract;
  double visitTimeoutSeconds = 10;
  PresenceSource presence = PresenceSource::Auto;
  std::vector<Button> buttons;  // none: the visitor's buttons do nothing
  bool headLockedCaptions = false;
  float volumeLimit = 1.0f;
  AtEnd atEnd = AtEnd::Stop;
  double fadeSeconds = 1.0;

  bool allows(Button b) const;
};

// `where` names the file in errors ("kiosk.json#/visit_timeout_s: ...").
Result<KioskConfig> parseKioskConfig(const std::string& text, const std::string& where);
Result<KioskConfig> loadKioskConfig(const std::filesystem::path& file);

// The player's controller bindings the config allows (trigger: select; primary: play/pause;
// secondary: a frame on/back; menu: the film frame), and no keys at all.
std::vector<player::ControlBinding> allowedControls(const KioskConfig& config);
// The thumbstick's rules: the player's, or, when the config does not allow it, never past a
// dead zone (no shuttle, no steps).
player::StickRules allowedStick(const KioskConfig& config);

}  // namespace ps::kiosk
