#pragma once
// A director's walkthrough: what a director did while playing a shot in the headset, kept in the
// shot package as `walkthroughs/NAME.json` so that a viewer can take the same tour later
// (FORMAT.md, "Walkthroughs"):
// - samples, one per display frame: the recording's time, the shot time shown, the head's pose
//   (position relative to the capture point, in the shot's stage axes; orientation as a unit
//   quaternion) and the controller's pointer ray when one was tracked;
// - timeline events as the transport applied them (play, pause, seek, step, rate) with the shot
//   time they left;
// - voice segments: a sound file in the package played from a clip offset at a recording time.
// Times are seconds of the recording (0 at its first frame). Plain data; reading reports every
// problem with its JSON pointer, as the shot's reader does.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

#include "scenes/problem.h"
#include "scenes/result.h"

namespace ps::scenes {

inline constexpr const char* kWalkthroughFormat = "perfectshot-walkthrough/1";
inline constexpr const char* kWalkthroughFolder = "walkthroughs";  // inside the shot package

struct WalkthroughRay {
  glm::vec3 origin{0.0f};     // relative to the capture point, metres
  glm::vec3 direction{0, 0, -1};  // unit
  friend bool operator==(const WalkthroughRay&, const WalkthroughRay&) = default;
};

struct WalkthroughSample {
  double t = 0;            // recording seconds
  double shotSeconds = 0;  // the shot time shown at that frame
  glm::vec3 position{0.0f};  // the head (between the eyes), relative to the capture point
  glm::quat orientation{1, 0, 0, 0};  // the view's, in the shot's stage axes
  std::optional<WalkthroughRay> pointer;
  friend bool operator==(const WalkthroughSample&, const WalkthroughSample&) = default;
};

enum class TimelineAction { Play, Pause, Seek, Step, Rate };
const char* toString(TimelineAction a);  // "play", "pause", "seek", "step", "rate"

struct WalkthroughEvent {
  double t = 0;            // recording seconds
  TimelineAction action = TimelineAction::Seek;
  double shotSeconds = 0;  // the shot time the action left (a step's frame, a seek's target)
  double rate = 1;         // Rate: the new speed factor
  int frames = 0;          // Step: shot frames moved (+ forward)
  friend bool operator==(const WalkthroughEvent&, const WalkthroughEvent&) = default;
};

// A stretch of a sound file heard from recording time `atSeconds`: the clip from clipFromSeconds
// to clipToSeconds (absent: its end). Cutting a recording splits a segment in two.
struct VoiceSegment {
  std::string src;              // package-relative, as written
  std::filesystem::path path;   // resolved (reading only)
  double atSeconds = 0;
  double clipFromSeconds = 0;
  std::optional<double> clipToSeconds;
  friend bool operator==(const VoiceSegment&, const VoiceSegment&) = default;
};

struct Walkthrough {
  std::string name;
  double durationSeconds = 0;  // at least the last sample's t
  std::vector<WalkthroughSample> samples;  // t non-decreasing
  std::vector<WalkthroughEvent> events;    // t non-decreasing; applied in order
  std::vector<VoiceSegment> voice;
  friend bool operator==(const Walkthrough&, const Walkthrough&) = default;
};

// The playback state the events leave at recording time t (those at t included): the shot time
// is the last event's, run on at the rate while playing. Before any event: paused at 0.
struct TimelineState {
  bool playing = false;
  double rate = 1;
  double shotSeconds = 0;
};
TimelineState timelineStateAt(const Walkthrough& w, double t);

// The head at recording time t: position and shot time interpolated between the samples around
// it, the orientation by slerp, the pointer of the nearer sample. Held before the first and
// after the last. Empty without samples.
std::optional<WalkthroughSample> sampleAt(const Walkthrough& w, double t);

// Which voice segment is heard at recording time t, and where in its clip: the first segment
// that has begun and not reached its clip_to_s or the clip's end (clipLengths[i]: segment i's
// file's length, seconds; infinity where unknown). Empty: none.
struct VoicePlace {
  std::size_t segment = 0;
  double clipSeconds = 0;
};
std::optional<VoicePlace> voiceAt(const Walkthrough& w, double t, const std::vector<double>& clipLengths);

// A name is 1..64 of [A-Za-z0-9_-], not starting with '-': it names a file in the package.
Status checkWalkthroughName(const std::string& name);
std::filesystem::path walkthroughFile(const std::filesystem::path& packageRoot, const std::string& name);
// A name for a new recording: valid, and not one the package has (a recording is never overwritten).
Status checkNewWalkthrough(const std::filesystem::path& packageRoot, const std::string& name);
// The largest walkthrough file read (an hour and a half at 90 Hz).
inline constexpr std::uintmax_t kMaxWalkthroughBytes = 64u << 20;

struct WalkthroughParse {
  Walkthrough walkthrough;
  std::vector<Problem> problems;
};
// Every problem of the document; voice files must lie inside packageRoot and exist.
WalkthroughParse parseWalkthrough(const std::string& text, const std::filesystem::path& packageRoot);
// The named walkthrough of the package; its first error (file#/pointer: sentence) refuses it.
Result<Walkthrough> readWalkthrough(const std::filesystem::path& packageRoot, const std::string& name);
// The names of the package's walkthroughs (the .json files of its walkthroughs/ folder), sorted.
std::vector<std::string> walkthroughNames(const std::filesystem::path& packageRoot);

// The document: one line per sample; times to 0.1 ms, positions to 0.1 mm, quaternions to 1e-6
// (well under 0.001 degrees).
std::string walkthroughJson(const Walkthrough& w);
// Atomically into walkthroughFile(packageRoot, w.name), making the folder: a kill during the
// save leaves the old file or the new one.
Status writeWalkthrough(const std::filesystem::path& packageRoot, const Walkthrough& w);

// Keeps recording seconds [from, to], moved to start at 0: the state at `from` is set by events
// at 0 (seek, rate, play or pause), as it was. Refused unless 0 <= from < to <= duration.
Result<Walkthrough> trimWalkthrough(const Walkthrough& w, double from, double to);
// Deletes recording seconds [from, to): what follows moves `to - from` earlier, and the state at
// `to` is set again by events at `from`. Refused unless 0 <= from < to <= duration and something
// is left.
Result<Walkthrough> cutWalkthrough(const Walkthrough& w, double from, double to);

}  // namespace ps::scenes
