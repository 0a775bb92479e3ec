#pragma once
// One frame of an RGB-D video as the encoder gets it: Y, Cb and Cr planes of code values at
// full size (4:2:0 is averaged down when the bytes are made), with the colour and the depth
// each written into its rows. The depth codings are scenes/rgbd_depth.h's:
//   grey plane (linear, inverse): Y = code, chroma neutral;
//   inverse-split8: 16-bit code, high byte in Y, low byte in Cb, Cr neutral (8-bit 4:4:4 only);
//   hue: the code is the hue of a fully saturated, full-value RGB (red = near), converted to
//        Y'CbCr as the colour is (8-bit).
// Colour is converted from R'G'B' with BT.709's matrix in limited range at the picture's bits.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "make_rgbd/rgbd_room.h"
#include "scenes/rgbd_depth.h"

namespace ps::make_rgbd {

enum class Chroma { Yuv420, Yuv444, Gray };

struct Picture {
  Chroma chroma = Chroma::Yuv420;
  int bits = 8;  // 8, 10, 12 or 16
  int width = 0, height = 0;
  std::vector<std::uint16_t> y, cb, cr;  // width x height each (cb, cr empty for Gray)

  Picture(Chroma chroma, int bits, int width, int height);
  std::uint16_t neutral() const { return static_cast<std::uint16_t>(1u << (bits - 1)); }
};

// ffmpeg's -pix_fmt for the picture: yuv420p, yuv444p10le, gray16le, ...
std::string pixelFormatName(Chroma chroma, int bits);
// The bytes of one frame in that format (little-endian words above 8 bits).
std::vector<std::uint8_t> frameBytes(const Picture& p);

// Writes rows row0 .. row0 + h of the picture (width p.width).
void putColour(Picture& p, int row0, std::span<const Rgb> rgb);
void putDepthGrey(Picture& p, int row0, std::span<const double> metres, const DepthCoding& coding);
void putDepthSplit8(Picture& p, int row0, std::span<const double> metres, const DepthCoding& coding);
void putDepthHue(Picture& p, int row0, std::span<const double> metres, const DepthCoding& coding);
// Dispatches on coding.encoding.
void putDepth(Picture& p, int row0, std::span<const double> metres, const DepthCoding& coding);

// The fully saturated, full-value colour whose hue is v (0 red, 1/3 green, 2/3 blue), and the
// hue fraction in [0, 1) of an R'G'B' colour (channels 0..1).
Rgb hueColour(double v);
double hueOf(double r, double g, double b);
// Depthkit's rule: a depth pixel whose channels sum to no more than 0.3 (of 3) carries no depth.
bool hueValid(double r, double g, double b);

// BT.709 limited-range Y'CbCr of `bits` bits to R'G'B' in 0..1 (for tests and readers).
void yuvToRgb(double y, double cb, double cr, int bits, double rgb[3]);

}  // namespace ps::make_rgbd
