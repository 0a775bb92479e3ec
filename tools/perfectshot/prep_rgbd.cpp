#include "prep_rgbd.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "make_rgbd/ffmpeg_pipe.h"
#include "make_rgbd/rgbd_picture.h"
#include "media/ffmpeg_url.h"
#include "partial_package.h"
#include "progress_bar.h"
#include "quit_signals.h"
#include "report.h"
#include "scenes/atomic_file.h"
#include "scenes/layout.h"
#include "scenes/rational.h"
#include "scenes/rgbd_depth.h"
#include "subprocess.h"

namespace ps::tools {

namespace {

constexpr int kExitInterrupted = 130;
constexpr const char* kDeliveryFile = "rgbd.mp4";
constexpr const char* kProxyFile = "rgbd_proxy.mp4";

using make_rgbd::FfmpegPipe;

struct Probe {
  int width = 0, height = 0;
  Rational rate{0, 1};
  long frames = 0;
  std::string pixFmt;
};

// What ffprobe says of the first video stream: size, rate, frames (packets counted: demuxing
// only) and pixel format.
Result<Probe> probe(const std::string& file, const std::string& url) {
  auto r = runSubprocess({"ffprobe", "-v", "error", "-select_streams", "v:0", "-count_packets", "-show_entries",
                          "stream=width,height,r_frame_rate,nb_read_packets,pix_fmt", "-of",
                          "default=noprint_wrappers=1", "-protocol_whitelist", media::kLocalProtocols, url});
  if (!r) return r.error();
  std::map<std::string, std::string> kv;
  std::istringstream lines(r->output);
  for (std::string line; std::getline(lines, line);)
    if (auto eq = line.find('='); eq != std::string::npos) kv[line.substr(0, eq)] = line.substr(eq + 1);
  if (r->exitCode != 0 || !kv.contains("width"))
    return Error{file, "has no video stream ffprobe can read", r->output.substr(0, 300)};
  Probe p;
  p.width = std::atoi(kv["width"].c_str());
  p.height = std::atoi(kv["height"].c_str());
  p.frames = std::atol(kv["nb_read_packets"].c_str());
  p.pixFmt = kv["pix_fmt"];
  const std::string rate = kv["r_frame_rate"];
  if (auto slash = rate.find('/'); slash != std::string::npos)
    p.rate = {std::atoi(rate.substr(0, slash).c_str()), std::atoi(rate.substr(slash + 1).c_str())};
  if (p.width <= 0 || p.height <= 0 || p.frames <= 0 || !p.rate.valid())
    return Error{file, fmt::format("ffprobe found {}x{}, {} frames at {}: not a usable video", p.width, p.height,
                                   p.frames, rate),
                 ""};
  return p;
}

// The bits of a video's samples from its pixel format's name: yuv420p10le 10, gray16le 16, gray 8.
int sampleBits(const std::string& pixFmt) {
  for (int bits : {16, 14, 12, 10, 9})
    if (pixFmt.find(std::to_string(bits)) != std::string::npos) return bits;
  return 8;
}

// The grey format that holds `bits` bits exactly, for reading a depth plane as it is.
std::string greyFormat(int bits) { return bits == 8 ? "gray" : fmt::format("gray{}le", bits); }

std::string rateText(Rational r) { return fmt::format("{}/{}", r.num, r.den); }

// The master must be one picture size, rate and length for colour and depth.
Status checkMatch(const RgbdPrepArgs& a, const Probe& colour, const Probe& depth) {
  const std::string why = "the depth video must have the colour video's size, frame rate and frame count";
  if (depth.width != colour.width || depth.height != colour.height)
    return Error{a.depth, fmt::format("is {}x{}, but the colour is {}x{}", depth.width, depth.height, colour.width, colour.height), why};
  if (!(depth.rate == colour.rate))
    return Error{a.depth, fmt::format("runs at {} fps, but the colour at {}", rateText(depth.rate), rateText(colour.rate)), why};
  if (depth.frames != colour.frames)
    return Error{a.depth, fmt::format("has {} frames, but the colour has {}", depth.frames, colour.frames), why};
  return ok();
}

std::vector<std::string> readerArgs(const std::string& url, const std::string& crop, const std::string& pixFmt) {
  std::vector<std::string> a = {"ffmpeg", "-hide_banner", "-nostdin", "-v", "error"};
  for (auto& s : media::cliInput(url)) a.push_back(std::move(s));
  a.insert(a.end(), {"-map", "0:v:0"});
  if (!crop.empty()) a.insert(a.end(), {"-vf", crop});
  a.insert(a.end(), {"-f", "rawvideo", "-pix_fmt", pixFmt, "pipe:1"});
  return a;
}

std::vector<std::string> writerArgs(const RgbdPrepArgs& a, const make_rgbd::Picture& p, Rational rate, bool proxy,
                                    const std::filesystem::path& file) {
  std::vector<std::string> v = {"ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "rawvideo",
                                "-pix_fmt", make_rgbd::pixelFormatName(p.chroma, p.bits), "-s",
                                fmt::format("{}x{}", p.width, p.height), "-framerate", rateText(rate),
                                "-color_range", "tv", "-i", "pipe:0"};
  const int gop = std::max(1, static_cast<int>(std::lround(rate.toDouble())));
  const std::string keyint = proxy ? "1" : std::to_string(gop);
  if (a.delivery == "hevc10") {
    // Lossless: even CRF 0 moves 10-bit depth codes by 2 to 5 on the generated room (an inverse
    // code of 4 is 17 mm at 1.5 m, 19 cm at 5 m), which shows as parallax that swims.
    v.insert(v.end(), {"-c:v", "libx265", "-preset", proxy ? "veryfast" : a.preset, "-x265-params",
                       fmt::format("lossless=1:keyint={}:min-keyint={}:bframes={}:log-level=error", keyint, keyint,
                                   proxy ? 0 : 3),
                       "-tag:v", "hvc1"});
  } else {
    // Split bytes must arrive exactly: lossless.
    v.insert(v.end(), {"-c:v", "libx264", "-preset", proxy ? "veryfast" : a.preset, "-qp", "0", "-g", keyint, "-bf",
                       proxy ? "0" : "2"});
  }
  v.insert(v.end(), {"-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
                     "-movflags", "+faststart"});
  for (auto& s : media::cliOutput(file)) v.push_back(std::move(s));
  return v;
}

std::string shotJson(const RgbdPrepArgs& a, Projection projection, const DepthCoding& coding, int bits, Rational rate,
                     long frames) {
  using Json = nlohmann::ordered_json;
  Json depth = {{"packing", "top-bottom"},
                {"encoding", std::string(toString(coding.encoding))},
                {"near_m", coding.nearM},
                {"far_m", coding.farM},
                {"bits", bits}};
  Json medium = {{"id", "rgbd"},
                 {"kind", "rgbd"},
                 {"src", kDeliveryFile},
                 {"projection", std::string(toString(projection))},
                 {"stereo", "mono"},
                 {"proxy", kProxyFile},
                 {"depth", depth}};
  Json shot = {{"format", "perfectshot/1"}};
  if (!a.title.empty()) shot["title"] = a.title;
  shot["media"] = Json::array({medium});
  shot["timeline"] = {{"fps", rateText(rate)}, {"in", 0.0}, {"out", static_cast<double>(frames) / rate.toDouble()}};
  return shot.dump(2) + "\n";
}

// Full-size chroma from a 4:2:0 plane (each sample to its 2 x 2 pixels), so that the picture's
// own 4:2:0 averaging gives the same samples back.
void upsampleInto(std::vector<std::uint16_t>& to, const std::uint16_t* from, int w, int h) {
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      to[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)] =
          from[static_cast<std::size_t>(y / 2) * static_cast<std::size_t>(w / 2) + static_cast<std::size_t>(x / 2)];
}

}  // namespace

int runRgbdPrep(const RgbdPrepArgs& a) {
  QuitSignals quit;
  const auto encoding = parseDepthEncoding(a.encoding);
  if (!encoding || (*encoding != DepthEncoding::Linear && *encoding != DepthEncoding::Inverse))
    return reportError(Error{"--depth-encoding", fmt::format("'{}': a master's depth is a grey plane, linear or inverse", a.encoding), ""});
  if (!(a.nearM > 0 && a.nearM < a.farM))
    return reportError(Error{"--near/--far", fmt::format("near {} m and far {} m: need 0 < near < far", a.nearM, a.farM), ""});
  if (auto s = media::requireLocalPath(a.out, "the package folder"); !s) return reportError(s.error());
  auto package = PartialPackage::create(a.out, a.force);
  if (!package) return reportError(package.error());

  auto colourUrl = media::inputFileUrl(a.colour);
  if (!colourUrl) return reportError(colourUrl.error());
  auto depthUrl = a.stacked ? colourUrl : media::inputFileUrl(a.depth);
  if (!depthUrl) return reportError(depthUrl.error());
  auto colour = probe(a.colour, *colourUrl);
  if (!colour) return reportError(colour.error());
  int eyeW = colour->width, eyeH = colour->height;
  std::string depthPixFmt = colour->pixFmt;
  if (a.stacked) {
    if (colour->height % 2 != 0)
      return reportError(Error{a.colour, fmt::format("is {} rows high: a top-bottom master has an even height", colour->height), ""});
    eyeH /= 2;
  } else {
    auto depth = probe(a.depth, *depthUrl);
    if (!depth) return reportError(depth.error());
    if (auto s = checkMatch(a, *colour, *depth); !s) return reportError(s.error());
    depthPixFmt = depth->pixFmt;
  }
  if (eyeW % 2 != 0 || eyeH % 2 != 0)
    return reportError(Error{a.colour, fmt::format("its picture is {}x{}: RGB-D delivery needs an even size", eyeW, eyeH), ""});
  if (!a.projection.empty() && a.projection != "360" && a.projection != "180")
    return reportError(Error{"--projection", fmt::format("'{}': an RGB-D master is 360 or 180", a.projection), ""});
  Projection projection;
  if (a.projection == "360" || (a.projection.empty() && eyeW == 2 * eyeH)) projection = Projection::Equirect360;
  else if (a.projection == "180" || (a.projection.empty() && eyeW == eyeH)) projection = Projection::Equirect180;
  else
    return reportError(Error{a.colour, fmt::format("a {}x{} picture is neither 2:1 (360) nor 1:1 (180)", eyeW, eyeH), "give --projection"});

  const DepthCoding master{*encoding, a.nearM, a.farM};
  const bool split8 = a.delivery == "h264-split8";
  const DepthCoding delivery{split8 ? DepthEncoding::InverseSplit8 : *encoding, a.nearM, a.farM};
  const int bits = split8 ? 8 : 10;
  const make_rgbd::Chroma chroma = split8 ? make_rgbd::Chroma::Yuv444 : make_rgbd::Chroma::Yuv420;
  make_rgbd::Picture picture(chroma, bits, eyeW, 2 * eyeH);

  const std::string colourFmt = split8 ? "yuv444p" : "yuv420p10le";
  auto colourIn = FfmpegPipe::start(readerArgs(*colourUrl, a.stacked ? "crop=iw:ih/2:0:0" : "", colourFmt), FfmpegPipe::Direction::FromChild);
  if (!colourIn) return reportError(colourIn.error());
  // The depth's luma plane as it is (extractplanes: no range or bit-depth conversion), read at
  // its own bits: a 10-bit plane widened to 16 would be off by up to a 10-bit step.
  const int masterBits = sampleBits(depthPixFmt);
  const double masterMax = std::ldexp(1.0, masterBits) - 1;
  auto depthIn = FfmpegPipe::start(
      readerArgs(*depthUrl, std::string(a.stacked ? "crop=iw:ih/2:0:ih/2," : "") + "extractplanes=y", greyFormat(masterBits)),
      FfmpegPipe::Direction::FromChild);
  if (!depthIn) return reportError(depthIn.error());
  auto out = FfmpegPipe::start(writerArgs(a, picture, colour->rate, false, package->dir() / kDeliveryFile), FfmpegPipe::Direction::ToChild);
  if (!out) return reportError(out.error());
  auto proxy = FfmpegPipe::start(writerArgs(a, picture, colour->rate, true, package->dir() / kProxyFile), FfmpegPipe::Direction::ToChild);
  if (!proxy) return reportError(proxy.error());

  const auto lumaSamples = static_cast<std::size_t>(eyeW) * static_cast<std::size_t>(eyeH);
  const std::size_t bytesPerSample = bits > 8 ? 2 : 1;
  const std::size_t chromaSamples = split8 ? lumaSamples : lumaSamples / 4;
  std::vector<std::uint8_t> colourBytes((lumaSamples + 2 * chromaSamples) * bytesPerSample);
  const std::size_t depthSampleBytes = masterBits > 8 ? 2 : 1;
  std::vector<std::uint8_t> depthBytes(lumaSamples * depthSampleBytes);
  std::vector<std::uint16_t> words(lumaSamples);
  std::vector<double> metres(lumaSamples);
  ProgressBar bar("prep");
  long frames = 0;
  for (;; ++frames) {
    if (quit.received()) {
      spdlog::warn("prep: interrupted; nothing was written to {}", a.out);
      return kExitInterrupted;
    }
    const bool gotColour = colourIn->read(colourBytes);
    const bool gotDepth = depthIn->read(depthBytes);
    if (!gotColour || !gotDepth) {
      if (gotColour != gotDepth)
        return reportError(Error{gotColour ? (a.stacked ? a.colour : a.depth) : a.colour,
                                 fmt::format("ended at frame {} while the {} went on", frames, gotColour ? "colour" : "depth"),
                                 "colour and depth must have the same frames"});
      break;
    }
    // Colour: the top half, its planes as read.
    const auto sample = [&](std::size_t i) -> std::uint16_t {
      return bytesPerSample == 1 ? colourBytes[i] : static_cast<std::uint16_t>(colourBytes[2 * i] | (colourBytes[2 * i + 1] << 8));
    };
    for (std::size_t i = 0; i < lumaSamples; ++i) picture.y[i] = sample(i);
    for (int plane = 0; plane < 2; ++plane) {
      std::vector<std::uint16_t>& to = plane == 0 ? picture.cb : picture.cr;
      const std::size_t base = lumaSamples + static_cast<std::size_t>(plane) * chromaSamples;
      if (split8) {
        for (std::size_t i = 0; i < lumaSamples; ++i) to[i] = sample(base + i);
      } else {
        for (std::size_t i = 0; i < chromaSamples; ++i) words[i] = sample(base + i);
        upsampleInto(to, words.data(), eyeW, eyeH);
      }
    }
    // Depth: the master's codes to metres, and into the delivery's coding below the colour.
    for (std::size_t i = 0; i < lumaSamples; ++i)
      metres[i] = depthMetres(master, (depthSampleBytes == 1 ? depthBytes[i] : depthBytes[2 * i] | (depthBytes[2 * i + 1] << 8)) / masterMax);
    make_rgbd::putDepth(picture, eyeH, metres, delivery);
    const std::vector<std::uint8_t> bytes = make_rgbd::frameBytes(picture);
    if (!out->write(bytes) || !proxy->write(bytes)) break;  // finish() below says why
    bar.update(static_cast<double>(frames + 1) / static_cast<double>(colour->frames));
  }
  for (auto* p : {&*colourIn, &*depthIn})
    if (auto s = p->finish(); !s) return reportError(Error{a.colour, "ffmpeg could not decode the master", s.error().message()});
  if (auto s = out->finish(); !s) return reportError(Error{a.out, "ffmpeg could not encode the delivery video", s.error().message()});
  if (auto s = proxy->finish(); !s) return reportError(Error{a.out, "ffmpeg could not encode the proxy", s.error().message()});
  if (frames == 0) return reportError(Error{a.colour, "no frame could be decoded", ""});
  bar.finish();

  const int depthBits = split8 ? 16 : 10;
  if (auto s = scenes::writeFileAtomically(package->dir() / "shot.json",
                                           shotJson(a, projection, delivery, depthBits, colour->rate, frames));
      !s)
    return reportError(s.error());
  if (auto s = package->commit(); !s) return reportError(s.error());
  std::cout << fmt::format("prep: wrote {} (RGB-D {}x{} per half, {} frames, {} with {} depth; proxy all-intra)\n", a.out,
                           eyeW, eyeH, frames, a.delivery, toString(delivery.encoding));
  return 0;
}

}  // namespace ps::tools
