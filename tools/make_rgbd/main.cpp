// ps_make_rgbd: writes the generated RGB-D room (make_rgbd/rgbd_room.h) as a capture folder:
// its colour and depth videos in one delivery coding and a shot.json with the "rgbd" medium.
//   ps_make_rgbd -o folder [--projection 360|180] [--width W] [--frames N] [--fps F]
//                [--encoding linear|inverse|inverse-split8|hue] [--codec ffv1|hevc10|hevc12|h264]
//                [--packing top-bottom|separate] [--near M] [--far M] [--background] [--stereo]
// The codec defaults to the encoding's: h264 for inverse-split8 and hue, ffv1 otherwise.
#include <cstdio>

#include <CLI/CLI.hpp>

#include "make_rgbd/rgbd_capture.h"

int main(int argc, char** argv) {
  using namespace ps;
  CLI::App app{"Writes the generated RGB-D room as a capture folder (see make_rgbd/rgbd_room.h)"};
  make_rgbd::CaptureSpec spec;
  std::string output, projection = "360", encoding = "inverse", codec, packing = "top-bottom";
  app.add_option("-o,--output", output, "the capture folder to write")->required();
  app.add_option("--projection", projection, "360 or 180")->check(CLI::IsMember({"360", "180"}))->capture_default_str();
  app.add_option("--width", spec.width, "one eye's width in pixels (height: half of it for 360, all of it for 180)")
      ->check(CLI::Range(256, 8192))
      ->capture_default_str();
  app.add_option("--frames", spec.frames, "frames to write")->check(CLI::Range(std::size_t(1), std::size_t(100000)))->capture_default_str();
  app.add_option("--fps", spec.fps, "frames per second")->check(CLI::Range(1, 240))->capture_default_str();
  app.add_option("--encoding", encoding, "linear, inverse, inverse-split8 or hue")
      ->check(CLI::IsMember({"linear", "inverse", "inverse-split8", "hue"}))
      ->capture_default_str();
  app.add_option("--codec", codec, "ffv1, hevc10, hevc12 (linear, inverse) or h264 (inverse-split8, hue)")
      ->check(CLI::IsMember({"ffv1", "hevc10", "hevc12", "h264"}));
  app.add_option("--packing", packing, "top-bottom (one video) or separate (colour and depth videos)")
      ->check(CLI::IsMember({"top-bottom", "separate"}))
      ->capture_default_str();
  app.add_option("--near", spec.coding.nearM, "metres of code 1 (inverse) or 0 (linear, hue)")->capture_default_str();
  app.add_option("--far", spec.coding.farM, "metres of the far end of the code range")->capture_default_str();
  app.add_flag("--background", spec.background,
               "also write the room behind (no near box, a magenta front wall) as the room's background layer");
  app.add_flag("--stereo", spec.stereo,
               "top-bottom stereo: each eye's colour and depth from its own capture point, 64 mm apart");
  CLI11_PARSE(app, argc, argv);
  spec.projection = projection == "180" ? Projection::Equirect180 : Projection::Equirect360;
  spec.coding.encoding = *parseDepthEncoding(encoding);
  spec.packing = *parseDepthPacking(packing);
  if (codec.empty())
    codec = spec.coding.encoding == DepthEncoding::InverseSplit8 || spec.coding.encoding == DepthEncoding::Hue ? "h264" : "ffv1";
  spec.codec = *make_rgbd::parseDepthCodec(codec);
  if (auto s = make_rgbd::writeCapture(spec, output); !s) {
    std::fprintf(stderr, "ps_make_rgbd: %s\n", s.error().message().c_str());
    return 1;
  }
  return 0;
}
