#include "json_text.h"
#include "scenes/printable.h"
#include "shot_reader.h"

namespace ps::scenes {

namespace {

constexpr const char* kDepthExpected = "an object with packing, encoding, near_m and far_m";

// "depth": {packing, src (separate only), encoding, near_m, far_m, bits}.
void readDepth(JsonReader& r, const Json& d, const std::string& ptr, RgbdMedia& out) {
  r.unknownMembers(d, ptr, {"packing", "src", "encoding", "near_m", "far_m", "bits"});
  std::optional<DepthPacking> packing;
  if (auto name = r.string(d, ptr, "packing", true)) {
    packing = parseDepthPacking(*name);
    if (packing) out.packing = *packing;
    else r.error(child(ptr, "packing"), "unknown depth packing " + quote(*name) + " (expected \"top-bottom\" or \"separate\")");
  }
  if (packing == DepthPacking::Separate) {
    if (d.contains("src")) out.depthPath = r.file(d, ptr, "src", true, &out.depthSrc);
    else r.error(ptr, "missing required field \"src\": a \"separate\" depth is a video of its own");
  } else if (packing == DepthPacking::TopBottom && d.contains("src")) {
    r.error(child(ptr, "src"), "a \"top-bottom\" depth is the bottom half of the colour video; \"src\" is only for \"separate\"");
  }
  if (auto encoding = r.string(d, ptr, "encoding", true)) {
    if (auto e = parseDepthEncoding(*encoding)) out.coding.encoding = *e;
    else
      r.error(child(ptr, "encoding"), "unknown depth encoding " + quote(*encoding) +
                                          " (expected \"linear\", \"inverse\", \"inverse-split8\" or \"hue\")");
  }
  const auto nearM = r.positive(d, ptr, "near_m", true, "metres > 0");
  const auto farM = r.positive(d, ptr, "far_m", true, "metres > 0");
  if (nearM) out.coding.nearM = *nearM;
  if (farM) out.coding.farM = *farM;
  if (nearM && farM && *nearM >= *farM)
    r.error(child(ptr, "far_m"), "far_m (" + formatNumber(*farM) + " m) must be greater than near_m (" +
                                     formatNumber(*nearM) + " m)");
  if (const Json* bits = r.member(d, ptr, "bits", false)) {
    const bool known = bits->is_number_integer() && (*bits == 8 || *bits == 10 || *bits == 12 || *bits == 16);
    if (!known) r.error(child(ptr, "bits"), "expected 8, 10, 12 or 16 (bits per depth sample)");
    else out.bits = bits->get<int>();
    if (known && out.coding.encoding == DepthEncoding::InverseSplit8 && *bits != 8)
      r.error(child(ptr, "bits"), "\"inverse-split8\" carries its code in two 8-bit channels; its bits are 8");
  }
}

}  // namespace

void readRgbdMembers(JsonReader& r, const Json& e, const std::string& ptr, MediaRef& m) {
  if (m.kind != MediaKind::Rgbd) {
    for (const char* key : {"depth", "discontinuity", "head_box_m", "stereo_baseline_m", "background"})
      if (e.contains(key)) r.error(child(ptr, key), quote(key) + " is only for an \"rgbd\" medium");
    return;
  }
  RgbdMedia rgbd;
  if (const Json* d = r.object(e, ptr, "depth", false, kDepthExpected)) readDepth(r, *d, child(ptr, "depth"), rgbd);
  else if (!e.contains("depth")) r.error(ptr, std::string("missing required field \"depth\": an rgbd medium needs ") + kDepthExpected);
  rgbd.discontinuity = r.positive(e, ptr, "discontinuity", false, "a relative depth step > 0").value_or(kDefaultDiscontinuity);
  rgbd.headBoxM = r.positive(e, ptr, "head_box_m", false, "metres > 0").value_or(kDefaultHeadBoxM);
  rgbd.stereoBaselineM = r.positive(e, ptr, "stereo_baseline_m", false, "metres > 0");
  rgbd.background = r.string(e, ptr, "background", false).value_or("");
  m.rgbd = std::move(rgbd);
}

void checkRgbdBackgrounds(JsonReader& r, const std::vector<MediaRef>& media) {
  for (const MediaRef& m : media) {
    if (!m.rgbd || m.rgbd->background.empty()) continue;
    const std::string ptr = child(m.pointer, "background");
    const std::string& id = m.rgbd->background;
    const MediaRef* bg = nullptr;
    for (const MediaRef& other : media)
      if (other.id == id) bg = &other;
    if (!bg) r.error(ptr, "no medium has the id " + quote(id) + "; a background is the id of another rgbd medium");
    else if (bg == &m) r.error(ptr, "an rgbd medium cannot be its own background");
    else if (bg->kind != MediaKind::Rgbd) r.error(ptr, "the background " + quote(id) + " is not an rgbd medium");
    else if (bg->rgbd && !bg->rgbd->background.empty())
      r.error(ptr, "the background " + quote(id) + " has a background of its own; one layer behind is drawn, no more");
  }
}

}  // namespace ps::scenes
