#include "sequence_atlas.h"

#include <fmt/format.h>

#include <system_error>

#include "media/ffmpeg_url.h"
#include "media/mesh_sequence_files.h"
#include "media/numbered_files.h"
#include "sequence_prep.h"

namespace ps::tools {

namespace fs = std::filesystem;

Result<AtlasInput> atlasInput(const std::string& atlas, double fps, const fs::path& staging) {
  AtlasInput in;
  std::error_code ec;
  if (!fs::is_directory(atlas, ec)) {
    auto url = media::inputFileUrl(atlas);
    if (!url) return url.error();
    in.ffmpegInput = media::cliInput(*url);
    return in;
  }
  auto images = media::listNumberedFiles(atlas, {".png", ".jpg", ".jpeg"}, "atlas images", media::kMaxSequenceFrames);
  if (!images) return images.error();
  fs::create_directories(staging, ec);
  if (ec) return Error{staging.string(), "cannot create the folder: " + ec.message(), ""};
  for (std::size_t i = 0; i < images->files.size(); ++i) {
    const fs::path link = staging / fmt::format("{:07}{}", i, images->extension);
    fs::create_hard_link(images->files[i], link, ec);
    if (ec) fs::copy_file(images->files[i], link, ec);  // across file systems
    if (ec) return Error{images->files[i].string(), "cannot be staged for the encode: " + ec.message(), ""};
  }
  in.frames = images->files.size();
  in.ffmpegInput = {"-f", "image2", "-framerate", fmt::format("{}", fps), "-start_number", "0"};
  const auto rest = media::cliInput(media::filePatternUrl(staging, "%07d" + images->extension));
  in.ffmpegInput.insert(in.ffmpegInput.end(), rest.begin(), rest.end());
  return in;
}

std::vector<std::string> atlasFfmpegArgs(const AtlasInput& input, double fps, std::size_t frames,
                                         const std::string& preset, const fs::path& dir) {
  std::vector<std::string> a = {"ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-v", "error", "-progress",
                                "pipe:1", "-stats_period", "0.25"};
  a.insert(a.end(), input.ffmpegInput.begin(), input.ffmpegInput.end());
  // Frame i at i / fps: the atlas follows the mesh frames by index, not by the input's clock.
  const std::string rate = fmt::format("{}", fps);
  const std::string graph = fmt::format(
      "[0:v:0]setpts=N/({}*TB),scale=trunc(iw/2)*2:trunc(ih/2)*2:out_color_matrix=bt709:out_range=tv,"
      "format=yuv420p,split=2[atlas][proxy]",
      rate);
  // Tagged as converted, so the player's decoder reads the texture's colours back as they were.
  const std::vector<std::string> colour = {"-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709",
                                           "-color_range", "tv"};
  a.insert(a.end(), {"-filter_complex", graph});
  const std::string count = std::to_string(frames);
  const std::string gop = std::to_string(kAtlasGop);
  a.insert(a.end(), {"-map", "[atlas]", "-an", "-frames:v", count, "-r", rate, "-c:v", "libx264", "-preset", preset,
                     "-crf", "18", "-g", gop, "-keyint_min", gop, "-bf", "0", "-pix_fmt", "yuv420p", "-movflags",
                     "+faststart"});
  a.insert(a.end(), colour.begin(), colour.end());
  const auto atlasOut = media::cliOutput(dir / kAtlasFile);
  a.insert(a.end(), atlasOut.begin(), atlasOut.end());
  a.insert(a.end(), {"-map", "[proxy]", "-an", "-frames:v", count, "-r", rate, "-c:v", "libx264", "-preset",
                     "veryfast", "-crf", "23", "-g", "1", "-bf", "0", "-pix_fmt", "yuv420p", "-movflags", "+faststart"});
  a.insert(a.end(), colour.begin(), colour.end());
  const auto proxyOut = media::cliOutput(dir / kAtlasProxyFile);
  a.insert(a.end(), proxyOut.begin(), proxyOut.end());
  return a;
}

}  // namespace ps::tools
