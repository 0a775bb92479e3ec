#pragma once
// The compact form of a 4D splat capture: every frame's splat attributes packed into one
// picture of a lossless video that FFmpeg decodes, so that the codec's prediction across frames
// does what per-frame SPZ cannot. A folder holding `splat-video.json` (the manifest) and the
// video it names is a `splat-sequence` in this form.
//
// Layout (perfectshot-splat-video/1): a splat has one slot, the same in every frame; slot s is
// pixel (s mod width, s div width) of each tile, a tile being `rows` rows of a yuv444p picture
// whose three planes carry three byte channels. Tiles, top to bottom:
//   0, 1   position high and low bytes (x, y, z): 16 bits over the manifest's bounds
//   2      base colour (r, g, b): 8 bits over [colour_min, colour_max]
//   3      log scale (x, y, z): 8 bits over [log_scale_min, log_scale_max]
//   4      rotation, smallest three: the three components other than the largest (turned
//          positive), 10 bits each over [-1/sqrt 2, 1/sqrt 2]; this tile their high 8 bits
//   5      opacity (Y): 8 bits over [0, 1]; 0 marks an empty slot (a frame with fewer splats);
//          U: the rotation's low 2 bits of each of the three, then the index of the largest
//   6 ...  spherical harmonics beyond the base colour, three coefficients a tile in the
//          SplatCloud's order: 8 bits over [-sh_max, sh_max]
// The video is H.264 4:4:4 lossless with short GOPs (the manifest's gop), so a frame reads
// back exactly what was packed, and a scrub decodes at most gop frames. Frame i of the video
// is frame i of the sequence; its own timestamps only find it.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "scenes/frame_view.h"
#include "scenes/result.h"
#include "scenes/splat_cloud.h"

namespace ps::media {

inline constexpr const char* kSplatVideoManifest = "splat-video.json";
inline constexpr const char* kSplatVideoFormat = "perfectshot-splat-video/1";

struct SplatVideoLayout {
  std::size_t frames = 0;
  std::uint32_t slots = 0;   // the most splats of any frame
  std::uint32_t width = 0;   // slots per tile row, a multiple of 16
  std::uint32_t rows = 0;    // rows per tile, even
  int shDegree = 0;
  int gop = 8;
  std::string video = "attributes.mp4";  // beside the manifest
  glm::vec3 positionMin{0.0f}, positionMax{1.0f};
  glm::vec3 colourMin{0.0f}, colourMax{1.0f};
  glm::vec3 logScaleMin{-10.0f}, logScaleMax{0.0f};
  float shMax = 1.0f;

  int tiles() const;                                       // 6 + the SH tiles
  std::uint32_t pictureHeight() const { return rows * static_cast<std::uint32_t>(tiles()); }
};

// The layout for frames of at most `slots` splats of SH `degree` whose values range as the
// frames given (every frame of the sequence, so their bounds are the sequence's).
class SplatVideoPlanner {
 public:
  void add(const scenes::SplatCloud& frame);
  SplatVideoLayout layout(int gop) const;

 private:
  std::size_t frames_ = 0;
  std::uint32_t slots_ = 0;
  int degree_ = 0;
  bool any_ = false;
  glm::vec3 posMin_{0.0f}, posMax_{0.0f}, colMin_{0.0f}, colMax_{0.0f}, logMin_{0.0f}, logMax_{0.0f};
  float shMax_ = 0.0f;
};

// Splat i of `frame` into slot i: a yuv444p picture of layout.width x pictureHeight(), planes
// one after another (Y, U, V), written into `picture` (resized). Values outside the layout's
// ranges are clamped.
void packSplatFrame(const scenes::SplatCloud& frame, const SplatVideoLayout& layout, std::vector<std::uint8_t>& picture);
// The frame back from its picture: the occupied slots in slot order. `where` names it in errors.
Result<scenes::SplatCloud> unpackSplatFrame(const FrameView& picture, const SplatVideoLayout& layout,
                                            const std::string& where);

// The manifest as JSON, and read back from a file (every field checked, the video inside the folder).
std::string splatVideoManifestJson(const SplatVideoLayout& layout);
Result<SplatVideoLayout> readSplatVideoManifest(const std::filesystem::path& manifest);

// A splat video opened for reading frames by index (FrameByIndex: the next frame without a
// seek, else an exact seek). One thread at a time.
class SplatVideo {
 public:
  static Result<std::unique_ptr<SplatVideo>> open(const std::filesystem::path& folder);
  ~SplatVideo();
  SplatVideo(const SplatVideo&) = delete;
  SplatVideo& operator=(const SplatVideo&) = delete;

  const SplatVideoLayout& layout() const { return layout_; }
  Result<scenes::SplatCloud> frame(std::size_t index);
  std::uint64_t seeks() const { return seeks_; }

 private:
  struct Decoder;
  SplatVideo(SplatVideoLayout layout, std::filesystem::path video, std::unique_ptr<Decoder> decoder);
  SplatVideoLayout layout_;
  std::filesystem::path video_;
  std::unique_ptr<Decoder> decoder_;
  std::uint64_t seeks_ = 0;
};

}  // namespace ps::media
