#include "prep_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "media/ffmpeg_url.h"

namespace ps::tools {

namespace {

int even(double v) { return std::max(2, static_cast<int>(std::lround(v / 2)) * 2); }

Size scaledToWidth(const media::StreamInfo& m, int width) {
  return {even(width), even(static_cast<double>(width) * m.height / m.width)};
}

// The crop that keeps the left eye (top half, left half) of a stereo frame.
std::string leftEyeCrop(StereoLayout s) {
  if (s == StereoLayout::TopBottom) return "crop=iw:ih/2:0:0,";
  if (s == StereoLayout::LeftRight) return "crop=iw/2:ih:0:0,";
  return "";
}

std::string fps(const Rational& r) { return fmt::format("{}/{}", r.num, r.den); }

void append(std::vector<std::string>& to, const std::vector<std::string>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

}  // namespace

PrepPlan planPrep(const media::StreamInfo& m, const FrameLayout& layout, const PrepOptions& options) {
  PrepPlan plan;
  if (options.playbackWidth > 0) plan.playback = {even(options.playbackWidth), even(options.playbackHeight)};
  else if (options.maxWidth == kFullWidth) plan.playback = scaledToWidth(m, m.width);
  else plan.playback = scaledToWidth(m, std::min(m.width, options.maxWidth > 0 ? options.maxWidth : kPlaybackMaxWidth));
  int proxyWidth = m.width;
  while (proxyWidth > kProxyMaxWidth) proxyWidth /= 2;
  plan.proxy = scaledToWidth(m, proxyWidth);

  // One eye, 256 wide: enough for a preview above a timeline cursor.
  const double eyeAspect = static_cast<double>(m.width) / m.height *
                           (layout.stereo == StereoLayout::TopBottom ? 2.0
                            : layout.stereo == StereoLayout::LeftRight ? 0.5
                                                                         : 1.0);
  plan.thumbnail = {256, even(256 / eyeAspect)};
  // One a second, at most about 120 in all: a strip that fits a texture.
  const double duration = std::max(m.durationSeconds, 1e-3);
  plan.thumbnailInterval = std::max(1.0, std::ceil(duration / 120));
  plan.thumbnailCount = std::max(1, static_cast<int>(std::ceil(duration / plan.thumbnailInterval - 1e-9)));
  plan.thumbnailColumns = std::min(10, plan.thumbnailCount);
  plan.gop = std::max(1, static_cast<int>(std::lround(m.frameRate.valid() ? m.frameRate.toDouble() : 30)));
  return plan;
}

std::vector<std::string> prepFfmpegArgs(const std::string& masterUrl, const media::StreamInfo& info,
                                        const FrameLayout& layout, const PrepPlan& plan, const PrepOptions& options,
                                        const std::filesystem::path& dir) {
  // One decode of the master feeds all three outputs. The thumbnails come out one file
  // each (tiled by stripFfmpegArgs afterwards): ffmpeg reports no progress until every
  // output has written something, and a tile filter writes only at the end.
  // HEVC keeps a 10-bit master's depth (Main 10); H.264 plays everywhere in 8 bits.
  const bool deep =
      options.codec == PlaybackCodec::Hevc && info.pixelFormat && bitsPerSample(*info.pixelFormat) > 8;
  const std::string playbackFormat = deep ? "yuv420p10le" : "yuv420p";
  const std::string graph = fmt::format(
      "[0:v:0]split=3[p][x][t];"
      "[p]scale={}:{}:flags=lanczos,format={}[playback];"
      "[x]scale={}:{}:flags=bicubic,format=yuv420p[proxy];"
      "[t]fps=1/{}:eof_action=pass,{}scale={}:{}[thumbs]",
      plan.playback.width, plan.playback.height, playbackFormat, plan.proxy.width, plan.proxy.height, plan.thumbnailInterval,
      leftEyeCrop(layout.stereo), plan.thumbnail.width, plan.thumbnail.height);
  std::vector<std::string> a = {"ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-v", "error", "-progress",
                                 "pipe:1", "-stats_period", "0.25"};
  append(a, media::cliInput(masterUrl));
  a.insert(a.end(), {"-filter_complex", graph});
  // The master's colour tags, which a scale or format filter would otherwise leave unset.
  std::vector<std::string> colour;
  if (!info.matrixAssumed && info.matrixTag != "unknown") colour.insert(colour.end(), {"-colorspace", info.matrixTag});
  if (!info.rangeAssumed && info.rangeTag != "unknown") colour.insert(colour.end(), {"-color_range", info.rangeTag});
  const std::string rate = info.frameRate.valid() ? fps(info.frameRate) : "30";
  const std::string gop = std::to_string(plan.gop);

  // Playback: one-second GOP so a seek decodes at most a second; B-frames for size.
  if (options.codec == PlaybackCodec::Hevc) {
    // "hvc1" is the tag Apple's and Android's MP4 readers want. x265's CRF 22 looks as x264's
    // 20 does, a third smaller.
    a.insert(a.end(), {"-map", "[playback]", "-map", "0:a:0?", "-r", rate, "-c:v", "libx265", "-preset", options.preset,
                       "-crf", "22", "-g", gop, "-keyint_min", gop, "-bf", "2", "-x265-params", "log-level=error",
                       "-tag:v", "hvc1", "-pix_fmt", playbackFormat});
  } else {
    a.insert(a.end(), {"-map", "[playback]", "-map", "0:a:0?", "-r", rate, "-c:v", "libx264", "-preset", options.preset,
                       "-crf", "20", "-g", gop, "-keyint_min", gop, "-bf", "2", "-pix_fmt", "yuv420p"});
  }
  a.insert(a.end(), colour.begin(), colour.end());
  if (plan.ambisonic)  // Opus channel mapping family 2: ambisonics, ACN/SN3D (RFC 8486)
    a.insert(a.end(), {"-c:a", "libopus", "-mapping_family", "2", "-b:a", "256k"});
  else
    a.insert(a.end(), {"-c:a", "aac", "-b:a", "192k"});
  a.insert(a.end(), {"-movflags", "+faststart"});
  append(a, media::cliOutput(dir / kPlaybackFile));

  // Proxy: every frame a keyframe and no B-frames, so any frame decodes alone; slices
  // so its decoder can spread one frame over the cores.
  a.insert(a.end(), {"-map", "[proxy]", "-an", "-r", rate, "-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
                     "-g", "1", "-bf", "0", "-slices", "4", "-pix_fmt", "yuv420p"});
  a.insert(a.end(), colour.begin(), colour.end());
  a.insert(a.end(), {"-movflags", "+faststart"});
  append(a, media::cliOutput(dir / kProxyFile));

  a.insert(a.end(), {"-map", "[thumbs]", "-f", "image2", "-protocol_whitelist", media::kLocalProtocols,
                     media::filePatternUrl(dir, kThumbnailPattern)});
  return a;
}

std::vector<std::string> stripFfmpegArgs(const PrepPlan& plan, const std::filesystem::path& dir) {
  const int rows = (plan.thumbnailCount + plan.thumbnailColumns - 1) / plan.thumbnailColumns;
  std::vector<std::string> a = {"ffmpeg", "-hide_banner", "-nostdin", "-nostats", "-v", "error", "-progress", "pipe:1",
                                 "-f", "image2"};
  append(a, media::cliInput(media::filePatternUrl(dir, kThumbnailPattern)));
  a.insert(a.end(), {"-vf", fmt::format("tile={}x{}", plan.thumbnailColumns, rows), "-frames:v", "1", "-update", "1"});
  append(a, media::cliOutput(dir / kStripFile));
  return a;
}

std::string prepShotJson(const media::StreamInfo& info, const FrameLayout& layout, const PrepPlan& plan,
                         const PrepOptions& options) {
  using Json = nlohmann::ordered_json;
  Json media = {{"id", "plate"},
                {"kind", "equirect"},
                {"src", kPlaybackFile},
                {"projection", std::string(toString(layout.projection))},
                {"stereo", std::string(toString(layout.stereo))},
                {"proxy", kProxyFile},
                {"thumbnails",
                 {{"src", kStripFile},
                  {"interval_s", plan.thumbnailInterval},
                  {"columns", plan.thumbnailColumns},
                  {"count", plan.thumbnailCount},
                  {"width", plan.thumbnail.width},
                  {"height", plan.thumbnail.height}}}};
  if (plan.ambisonic) media["audio"] = {{"ambisonic", "ambix"}};
  Json timeline = {{"fps", info.frameRate.valid() ? fps(info.frameRate) : "30"}, {"in", 0.0}};
  if (info.durationSeconds > 0) timeline["out"] = info.durationSeconds;
  Json shot = {{"format", "perfectshot/1"}};
  if (!options.title.empty()) shot["title"] = options.title;
  shot["media"] = Json::array({media});
  shot["timeline"] = timeline;
  return shot.dump(2) + "\n";
}

}  // namespace ps::tools
