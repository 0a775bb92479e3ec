#pragma once
// How an RGB-D capture carries its depth: where the depth picture lies (packing), how a code
// value becomes metres (encoding, near, far), and the rendering choices shot.json may set for it.
// Depth is the distance from the capture point along the pixel's ray, in metres. Plain data and
// the reference arithmetic the renderer's shaders and the tests agree with; the format is in
// scenes/FORMAT.md.
#include <optional>
#include <string>
#include <string_view>

namespace ps {

// TopBottom: one video, colour in the top half and depth in the bottom half (same width, each
// half the height). Separate: the depth is a second video with the colour's frames and size.
enum class DepthPacking { TopBottom, Separate };

// Linear:       d = near + v * (far - near)
// Inverse:      1/d = 1/far + v * (1/near - 1/far)
// InverseSplit8: Inverse, with v's 16 bits split over two 8-bit channels of a 4:4:4 picture
//               (high byte in Y, low byte in Cb), read exactly (never filtered)
// Hue:          Depthkit's combined-per-pixel coding: v is the hue of the depth pixel's R'G'B'
//               (0 red, 1/3 green, 2/3 blue), d = near + v * (far - near), as Depthkit's shaders
//               decode it. Their hue runs from -1/6 to 5/6 (magenta wraps to just below red), so
//               only v in [0, 5/6] is carried: a hue past 5/6 reads as just below 0 (near), and
//               depths beyond near + 5/6 (far - near) are coded as that. A pixel whose
//               R' + G' + B' <= 0.3 (0..1 each) carries no depth: it reads as far (Depthkit's rule)
// v is the code value normalised to [0, 1] over the plane's bit depth.
enum class DepthEncoding { Linear, Inverse, InverseSplit8, Hue };

struct DepthCoding {
  DepthEncoding encoding = DepthEncoding::Inverse;
  double nearM = 0.3;  // metres, > 0
  double farM = 50.0;  // metres, > nearM
  friend bool operator==(const DepthCoding&, const DepthCoding&) = default;
};

std::string_view toString(DepthPacking p);
std::string_view toString(DepthEncoding e);
// The manifest spellings: "top-bottom", "separate"; "linear", "inverse", "inverse-split8", "hue".
std::optional<DepthPacking> parseDepthPacking(std::string_view s);
std::optional<DepthEncoding> parseDepthEncoding(std::string_view s);

// Metres for a normalised code value v in [0, 1] (Linear, Inverse and InverseSplit8; Hue's v is
// its hue fraction, read as above).
double depthMetres(const DepthCoding& coding, double v);
// The code value in [0, 1] that stands for `metres` (clamped to near..far): the inverse of
// depthMetres, for generators and tests.
double depthCode(const DepthCoding& coding, double metres);

}  // namespace ps
