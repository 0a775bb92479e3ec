#include "make_rgbd/rgbd_capture.h"

#include <fmt/format.h>
#include <glm/geometric.hpp>
#include <glm/vec2.hpp>

#include <nlohmann/json.hpp>

#include "make_rgbd/ffmpeg_pipe.h"
#include "make_rgbd/rgbd_picture.h"
#include "scenes/atomic_file.h"

namespace ps::make_rgbd {

namespace {

constexpr int kStampBits = 16, kStampBlock = 16;  // as tools/media/stamp.sh

bool wantsH264(DepthEncoding e) { return e == DepthEncoding::InverseSplit8 || e == DepthEncoding::Hue; }

int planeBits(DepthCodec c) {
  switch (c) {
    case DepthCodec::Ffv1: return 16;
    case DepthCodec::Hevc10: return 10;
    case DepthCodec::Hevc12: return 12;
    case DepthCodec::H264: return 8;
  }
  return 8;
}

std::string extension(DepthCodec c) { return c == DepthCodec::Ffv1 ? ".mkv" : ".mp4"; }

// The picture one video of the capture carries.
Picture videoPicture(const CaptureSpec& spec, bool colour, bool depth) {
  const int h = eyeHeight(spec) * (colour && depth ? 2 : 1) * (spec.stereo ? 2 : 1);
  if (spec.codec == DepthCodec::H264) return Picture(depth ? Chroma::Yuv444 : Chroma::Yuv420, 8, spec.width, h);
  if (spec.codec == DepthCodec::Ffv1) {
    if (!depth) return Picture(Chroma::Yuv420, 8, spec.width, h);
    return Picture(colour ? Chroma::Yuv420 : Chroma::Gray, 16, spec.width, h);
  }
  return Picture(Chroma::Yuv420, planeBits(spec.codec), spec.width, h);
}

std::vector<std::string> writerArgs(const std::string& ffmpeg, const CaptureSpec& spec, const Picture& p,
                                    bool fullRange, const std::filesystem::path& out) {
  std::vector<std::string> a = {ffmpeg, "-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "rawvideo",
                                "-pix_fmt", pixelFormatName(p.chroma, p.bits), "-s",
                                fmt::format("{}x{}", p.width, p.height), "-framerate", std::to_string(spec.fps),
                                // The input's range as the output's: no range conversion of the codes.
                                "-color_range", fullRange ? "pc" : "tv", "-i", "pipe:0"};
  for (auto& s : encoderArgs(spec.codec, spec.fps, false)) a.push_back(std::move(s));
  a.insert(a.end(), {"-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range",
                     fullRange ? "pc" : "tv", out.string()});
  return a;
}

}  // namespace

std::string_view toString(DepthCodec c) {
  switch (c) {
    case DepthCodec::Ffv1: return "ffv1";
    case DepthCodec::Hevc10: return "hevc10";
    case DepthCodec::Hevc12: return "hevc12";
    case DepthCodec::H264: return "h264";
  }
  return "?";
}

std::optional<DepthCodec> parseDepthCodec(std::string_view s) {
  for (DepthCodec c : {DepthCodec::Ffv1, DepthCodec::Hevc10, DepthCodec::Hevc12, DepthCodec::H264})
    if (s == toString(c)) return c;
  return std::nullopt;
}

int eyeHeight(const CaptureSpec& spec) { return spec.projection == Projection::Equirect180 ? spec.width : spec.width / 2; }

int depthBits(const CaptureSpec& spec) {
  if (spec.coding.encoding == DepthEncoding::InverseSplit8) return 16;
  return planeBits(spec.codec);
}

Status checkSpec(const CaptureSpec& spec) {
  const std::string where = "rgbd capture";
  if (spec.width < kStampBits * kStampBlock || spec.width % 4 != 0)
    return Error{where, fmt::format("width {} must be a multiple of 4 and at least {}", spec.width, kStampBits * kStampBlock), ""};
  if (spec.frames == 0 || spec.fps <= 0) return Error{where, "needs at least one frame and a positive rate", ""};
  if (!(spec.coding.nearM > 0 && spec.coding.nearM < spec.coding.farM))
    return Error{where, fmt::format("near {} m and far {} m: need 0 < near < far", spec.coding.nearM, spec.coding.farM), ""};
  if (wantsH264(spec.coding.encoding) != (spec.codec == DepthCodec::H264))
    return Error{where,
                 fmt::format("depth encoding {} does not go with codec {}", ps::toString(spec.coding.encoding),
                             toString(spec.codec)),
                 "inverse-split8 and hue take h264; linear and inverse take ffv1, hevc10 or hevc12"};
  return ok();
}

glm::dvec3 eyeRayOrigin(const CaptureSpec& spec, int eye, const glm::dvec3& dir) {
  if (!spec.stereo) return glm::dvec3(0.0);
  const double side = eye == 0 ? -kIpdMetres / 2 : kIpdMetres / 2;  // to the right of the ray
  if (spec.projection == Projection::Equirect180) return glm::dvec3(side, 0.0, 0.0);
  // The ray's right, level: for a ray at longitude L (sin L, ., -cos L), (cos L, 0, sin L).
  const glm::dvec2 level(dir.x, dir.z);
  const double length = glm::length(level);
  if (length < 1e-12) return glm::dvec3(0.0);  // straight up or down: the circle's centre
  return side * glm::dvec3(-level.y / length, 0.0, level.x / length);
}

RoomFrame renderRoom(const CaptureSpec& spec, std::size_t frame, bool behind, int eye) {
  const int w = spec.width, h = eyeHeight(spec);
  RoomFrame f;
  f.rgb.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
  f.metres.resize(f.rgb.size());
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const glm::dvec3 ray = pixelRay(spec.projection, x, y, w, h);
      const RoomHit hit = castRay(ray, frame, behind, eyeRayOrigin(spec, eye, ray));
      const std::size_t i = static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x);
      f.rgb[i] = hit.rgb;
      f.metres[i] = hit.metres;
    }
  // The frame stamp over the colour's top-left (the ceiling near the pole): block k white when
  // bit k of the frame number is set.
  for (int y = 0; y < kStampBlock; ++y)
    for (int x = 0; x < kStampBits * kStampBlock; ++x) {
      const std::uint8_t v = ((frame >> (x / kStampBlock)) & 1u) ? 255 : 0;
      f.rgb[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)] = {v, v, v};
    }
  return f;
}

CaptureFiles captureFiles(const CaptureSpec& spec, bool behind) {
  const std::string ext = extension(spec.codec);
  const std::string prefix = behind ? "behind_" : "";
  if (spec.packing == DepthPacking::TopBottom) return {prefix + "rgbd" + ext, ""};
  return {prefix + "colour" + ext, prefix + "depth" + ext};
}

namespace {

nlohmann::ordered_json mediumJson(const CaptureSpec& spec, bool behind) {
  using Json = nlohmann::ordered_json;
  const CaptureFiles files = captureFiles(spec, behind);
  Json depth = {{"packing", std::string(ps::toString(spec.packing))}};
  if (!files.depth.empty()) depth["src"] = files.depth;
  depth["encoding"] = std::string(ps::toString(spec.coding.encoding));
  depth["near_m"] = spec.coding.nearM;
  depth["far_m"] = spec.coding.farM;
  depth["bits"] = depthBits(spec);
  Json medium = {{"id", behind ? "behind" : "room"},
                 {"kind", "rgbd"},
                 {"src", files.colour},
                 {"projection", std::string(toString(spec.projection))},
                 {"stereo", spec.stereo ? "top-bottom" : "mono"},
                 {"depth", depth}};
  if (spec.background && !behind) medium["background"] = "behind";
  return medium;
}

}  // namespace

std::string captureShotJson(const CaptureSpec& spec) {
  using Json = nlohmann::ordered_json;
  Json media = Json::array({mediumJson(spec, false)});
  if (spec.background) media.push_back(mediumJson(spec, true));
  Json shot = {{"format", "perfectshot/1"}, {"title", spec.title}, {"media", media}};
  shot["timeline"] = {{"fps", fmt::format("{}/1", spec.fps)},
                      {"in", 0.0},
                      {"out", static_cast<double>(spec.frames) / spec.fps}};
  return shot.dump(2) + "\n";
}

std::vector<std::string> encoderArgs(DepthCodec codec, int fps, bool allIntra) {
  const std::string gop = allIntra ? "1" : std::to_string(fps);
  switch (codec) {
    case DepthCodec::Ffv1: return {"-c:v", "ffv1", "-level", "3", "-g", "1", "-slices", "4"};
    case DepthCodec::Hevc10:
    case DepthCodec::Hevc12:
      return {"-c:v", "libx265", "-preset", "fast", "-x265-params",
              fmt::format("lossless=1:keyint={}:min-keyint={}:log-level=error", gop, gop), "-tag:v", "hvc1"};
    case DepthCodec::H264:
      return {"-c:v", "libx264", "-preset", "veryfast", "-qp", "0", "-g", gop, "-bf", allIntra ? "0" : "2"};
  }
  return {};
}

namespace {

// One layer's videos: the room's, or the room behind's.
Status writeVideos(const CaptureSpec& spec, const std::filesystem::path& dir, const std::string& ffmpeg, bool behind) {
  const CaptureFiles files = captureFiles(spec, behind);
  const bool stacked = spec.packing == DepthPacking::TopBottom;
  Picture colour = videoPicture(spec, true, stacked);
  std::optional<Picture> depth;
  if (!stacked) depth = videoPicture(spec, false, true);

  auto colourPipe = FfmpegPipe::start(writerArgs(ffmpeg, spec, colour, false, dir / files.colour), FfmpegPipe::Direction::ToChild);
  if (!colourPipe) return colourPipe.error();
  std::optional<FfmpegPipe> depthPipe;
  if (depth) {
    auto p = FfmpegPipe::start(writerArgs(ffmpeg, spec, *depth, true, dir / files.depth), FfmpegPipe::Direction::ToChild);
    if (!p) return p.error();
    depthPipe.emplace(std::move(*p));
  }
  const int h = eyeHeight(spec);
  const int eyes = spec.stereo ? 2 : 1;  // top-bottom: left over right, colour and depth alike
  for (std::size_t i = 0; i < spec.frames; ++i) {
    for (int e = 0; e < eyes; ++e) {
      const RoomFrame f = renderRoom(spec, i, behind, e);
      putColour(colour, e * h, f.rgb);
      if (stacked) putDepth(colour, (eyes + e) * h, f.metres, spec.coding);
      else putDepth(*depth, e * h, f.metres, spec.coding);
    }
    if (!colourPipe->write(frameBytes(colour))) break;
    if (depth && !depthPipe->write(frameBytes(*depth))) break;
  }
  if (auto s = colourPipe->finish(); !s) return Error{(dir / files.colour).string(), "ffmpeg failed: " + s.error().message(), ""};
  if (depthPipe)
    if (auto s = depthPipe->finish(); !s) return Error{(dir / files.depth).string(), "ffmpeg failed: " + s.error().message(), ""};
  return ok();
}

}  // namespace

Status writeCapture(const CaptureSpec& spec, const std::filesystem::path& dir, const std::string& ffmpeg) {
  if (auto s = checkSpec(spec); !s) return s;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error{dir.string(), "cannot be created: " + ec.message(), ""};
  if (auto s = writeVideos(spec, dir, ffmpeg, false); !s) return s;
  if (spec.background)
    if (auto s = writeVideos(spec, dir, ffmpeg, true); !s) return s;
  return scenes::writeFileAtomically(dir / "shot.json", captureShotJson(spec));
}

}  // namespace ps::make_rgbd
