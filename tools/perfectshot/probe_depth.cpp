#include "probe_depth.h"

#include <spdlog/fmt/fmt.h>

#include "media/depth_track.h"
#include "media/rgbd_frames.h"
#include "scenes/printable.h"

namespace ps::tools {

namespace {

std::string describeCoding(const scenes::RgbdMedia& rgbd) {
  std::string s = fmt::format("{}, {}..{} m", toString(rgbd.coding.encoding), rgbd.coding.nearM, rgbd.coding.farM);
  s += rgbd.bits ? fmt::format(", {}-bit declared", *rgbd.bits) : std::string(", bit depth not declared");
  return s;
}

std::string told(const scenes::RgbdMedia& rgbd, const media::StreamInfo& colour) {
  if (rgbd.packing == DepthPacking::TopBottom)
    return fmt::format("top-bottom (told by the shot): colour {}x{} over depth {}x{}; {}", colour.width,
                       colour.height / 2, colour.width, colour.height / 2, describeCoding(rgbd));
  std::string s = fmt::format("separate (told by the shot): {}", scenes::printable(rgbd.depthSrc));
  media::DecodeOptions options;
  options.threads = 1;
  auto track = media::DepthTrack::open(rgbd.depthPath.string(), colour, {rgbd.coding.encoding, rgbd.bits}, options);
  if (!track) return s + " (refused: " + scenes::printable(track.error().what) + "); " + describeCoding(rgbd);
  const media::StreamInfo& d = (*track)->info();
  return s + fmt::format(" ({} {}x{}); {}", d.pixelFormatName, d.width, d.height, describeCoding(rgbd));
}

}  // namespace

std::string describeDepth(player::OpenedPlate& plate) {
  const media::StreamInfo& info = plate.source.info();
  if (const auto& rgbd = plate.input.rgbd) {
    std::string s = told(*rgbd, info);
    if (rgbd->stereoBaselineM) s += fmt::format("; stereo baseline {} m", *rgbd->stereoBaselineM);
    if (!rgbd->background.empty()) s += "; background layer " + scenes::quote(rgbd->background);
    return s;
  }
  if (plate.input.shot) return "";  // an equirect medium: no depth, and nothing to find
  auto first = plate.source.next();
  if (!first || !first.value() || !media::looksLikeStackedDepth((*first.value()).view())) return "";
  return fmt::format("top-bottom (found: the bottom half is grey): colour {}x{} over depth {}x{}; encoding and range "
                     "unknown (an rgbd medium in shot.json says them)",
                     info.width, info.height / 2, info.width, info.height / 2);
}

}  // namespace ps::tools
