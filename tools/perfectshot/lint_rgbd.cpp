#include "lint_rgbd.h"

#include "media/depth_track.h"
#include "media/rgbd_frames.h"
#include "media/video_source.h"
#include "player/rgbd_background.h"
#include "scenes/printable.h"

namespace ps::tools {

std::vector<scenes::Problem> lintRgbd(const scenes::MediaRef& m) {
  std::vector<scenes::Problem> out;
  if (!m.rgbd || m.path.empty()) return out;
  const scenes::RgbdMedia& rgbd = *m.rgbd;
  const media::DepthDeclared declared{rgbd.coding.encoding, rgbd.bits};
  const media::DecodeOptions options{.threads = 1, .strict = true, .manifestLayout = {}};
  auto colour = media::VideoSource::open(m.path.string(), options);
  if (!colour) return out;
  if (rgbd.packing == DepthPacking::Separate) {
    if (rgbd.depthPath.empty()) return out;
    auto depth = media::DepthTrack::open(rgbd.depthPath.string(), colour->info(), declared, options);
    if (!depth) {
      out.push_back({m.pointer + "/depth/src", scenes::quote(rgbd.depthSrc) + ": " + depth.error().what});
      return out;
    }
    if (auto first = (*depth)->frame(0); !first) out.push_back({m.pointer + "/depth", first.error().message()});
    return out;
  }
  auto first = colour->next();
  if (!first || !first.value()) return out;
  const std::string where = m.src + "@frame 0";
  auto split = media::splitTopBottom((*first.value()).view(), where);
  if (!split) {
    out.push_back({m.pointer + "/src", split.error().message()});
    return out;
  }
  if (const Status s = media::checkDepthPicture(split->depth, declared, where); !s)
    out.push_back({m.pointer + "/depth", s.error().message()});
  return out;
}

std::vector<scenes::Problem> lintRgbdBackground(const scenes::Shot& shot, const scenes::MediaRef& m) {
  std::vector<scenes::Problem> out;
  if (!m.rgbd || m.rgbd->background.empty() || m.path.empty()) return out;
  const scenes::MediaRef* bg = nullptr;
  for (const scenes::MediaRef& other : shot.media)
    if (other.id == m.rgbd->background && other.kind == scenes::MediaKind::Rgbd && !other.path.empty()) bg = &other;
  if (bg == nullptr) return out;  // the shot's own checks say why
  const media::DecodeOptions options{.threads = 1, .strict = true, .manifestLayout = {}};
  auto plate = media::VideoSource::open(m.path.string(), options);
  auto behind = media::VideoSource::open(bg->path.string(), options);
  if (!plate || !behind) return out;
  if (auto why = player::backgroundMismatch(behind->info(), plate->info()))
    out.push_back({m.pointer + "/background", scenes::quote(bg->src) + " against " + scenes::quote(m.src) + ": " + *why});
  return out;
}

}  // namespace ps::tools
