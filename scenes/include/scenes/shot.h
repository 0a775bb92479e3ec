#pragma once
// The shot model: what a shot package (a folder with shot.json and media) says.
// Plain data; loading and validation are in shot_loader.h, the format in scenes/FORMAT.md.
// Shot time is the shot's own, in seconds; the shot plays timeline.in..out. Each medium is a
// layer placed on it by its start and offset, the plate too; by default the plate starts at 0
// with offset 0, and then shot time is also the plate's media time.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "scenes/animation_timing.h"
#include "scenes/blocking.h"
#include "scenes/camera.h"
#include "scenes/layout.h"
#include "scenes/marker.h"
#include "scenes/placement.h"
#include "scenes/rational.h"
#include "scenes/soundtrack.h"
#include "scenes/rgbd_media.h"

namespace ps::scenes {

// What a layer is. Kinds planned next (Gaussian splats) are refused by name until they are
// read (media_reader.cpp's table); they go here then.
enum class MediaKind { Equirect, Gltf, MeshSequence, Rgbd, Splats, SplatSequence };

// The capture point's height above the stage floor (y = 0) when the shot does not say, metres.
inline constexpr double kDefaultCaptureHeightM = 1.6;

// The thumbnail strip `perfectshot prep` makes for the scrubber: one picture
// every intervalSeconds, tiled left to right, top to bottom, `columns` a row.
// Thumbnail i shows the frame at media time i * intervalSeconds.
struct Thumbnails {
  std::string src;              // as written, relative to the package folder
  std::filesystem::path path;   // resolved, inside the package folder
  double intervalSeconds = 1;   // seconds between thumbnails, > 0
  int columns = 1;              // thumbnails per row of the strip
  int count = 0;                // thumbnails in the strip
  int width = 0, height = 0;    // pixels of one thumbnail
  friend bool operator==(const Thumbnails&, const Thumbnails&) = default;
};

// One layer of the shot: a capture (media/ decodes it) placed in stage space and on shot time.
struct MediaRef {
  std::string pointer;              // where shot.json says it ("/media/0"), for messages
  std::string id;
  MediaKind kind = MediaKind::Equirect;
  std::string src;                  // as written, relative to the package folder
  std::filesystem::path path;       // resolved, inside the package folder
  std::optional<Projection> projection;  // absent: ask the container, then guess
  std::optional<StereoLayout> stereo;
  double yawOffsetDeg = 0;          // degrees, right-positive: where the capture's front is
  // An all-intra copy of src at a lower resolution, same frames and times, for
  // scrubbing (media/proxy_scrubber.h); empty when the shot has none.
  std::string proxySrc;             // as written
  std::filesystem::path proxyPath;  // resolved, inside the package folder
  std::optional<Thumbnails> thumbnails;
  // Where a set stands in stage space (a glTF set; an equirect surrounds the shot's origin).
  Placement transform;
  double startSeconds = 0;   // shot seconds where the layer begins
  double offsetSeconds = 0;  // the layer's own media seconds shown at startSeconds
  // A mesh or splat sequence's frames per second of its own media time (required for those kinds).
  double fps = 0;
  // A mesh sequence's texture atlas video (frame i textures mesh frame i); empty when none.
  std::string textureSrc;             // as written
  std::filesystem::path texturePath;  // resolved, inside the package folder
  std::optional<SetAnimation> animation;  // a gltf set's animation; none: the set stands still
  Soundtrack audio;  // what an equirect's soundtrack is, where the shot says (soundtrack.h)
  std::optional<RgbdMedia> rgbd;  // an rgbd medium's depth (always set for that kind, only for it)
  friend bool operator==(const MediaRef&, const MediaRef&) = default;
};

struct Chapter {
  double t = 0;  // seconds of shot time
  std::string title;
  friend bool operator==(const Chapter&, const Chapter&) = default;
};

struct Timeline {
  Rational fps{24000, 1001};
  double in = 0;                 // shot seconds where the shot starts
  std::optional<double> out;     // shot seconds; absent: the end of the plate on shot time
  std::vector<Chapter> chapters;
  friend bool operator==(const Timeline&, const Timeline&) = default;
};

struct Shot {
  std::filesystem::path file;  // the shot.json this came from
  std::filesystem::path root;  // the package folder
  std::string format;          // "perfectshot/1"
  std::string title, film, director;
  std::vector<MediaRef> media;     // the layers, in document order
  Timeline timeline;
  // The capture point in stage metres: where the equirect's centre and `at` markers' origin
  // lie; the stage floor is y = 0.
  Vec3 origin{0, kDefaultCaptureHeightM, 0};
  std::vector<Marker> markers;       // in document order
  std::optional<FilmCamera> camera;
  Blocking blocking;  // empty when the shot has none

  // The first equirect or rgbd medium, skipping an rgbd medium that is another's background:
  // what the transport plays and the player shows as the plate (an rgbd plate's colour is the
  // picture; its depth follows it frame by frame).
  const MediaRef* plate() const;
  const Marker* marker(const std::string& id) const;  // nullptr when there is none
  friend bool operator==(const Shot&, const Shot&) = default;
};

}  // namespace ps::scenes
