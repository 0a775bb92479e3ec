#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "media/splat_video.h"
#include "scenes/printable.h"

namespace ps::media {

namespace {

using Json = nlohmann::ordered_json;

Json vec(const glm::vec3& v) { return Json::array({v.x, v.y, v.z}); }

}  // namespace

std::string splatVideoManifestJson(const SplatVideoLayout& l) {
  const Json j = {{"format", kSplatVideoFormat},
                  {"video", l.video},
                  {"frames", l.frames},
                  {"slots", l.slots},
                  {"width", l.width},
                  {"rows", l.rows},
                  {"sh_degree", l.shDegree},
                  {"gop", l.gop},
                  {"position_min", vec(l.positionMin)},
                  {"position_max", vec(l.positionMax)},
                  {"colour_min", vec(l.colourMin)},
                  {"colour_max", vec(l.colourMax)},
                  {"log_scale_min", vec(l.logScaleMin)},
                  {"log_scale_max", vec(l.logScaleMax)},
                  {"sh_max", l.shMax}};
  return j.dump(2) + "\n";
}

Result<SplatVideoLayout> readSplatVideoManifest(const std::filesystem::path& manifest) {
  const std::string where = manifest.string();
  std::ifstream in(manifest, std::ios::binary);
  if (!in) return Error{where, "cannot be opened", ""};
  std::ostringstream text;
  text << in.rdbuf();
  const Json j = Json::parse(text.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error{where, "is not a JSON object", ""};
  if (j.value("format", "") != kSplatVideoFormat)
    return Error{where, fmt::format("format is not \"{}\"", kSplatVideoFormat), ""};
  SplatVideoLayout l;
  const auto whole = [&](const char* key, std::uint64_t lo, std::uint64_t hi) -> Result<std::uint64_t> {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number_unsigned() || it->get<std::uint64_t>() < lo || it->get<std::uint64_t>() > hi)
      return Error{where + "#/" + key, fmt::format("expected a whole number in [{}, {}]", lo, hi), ""};
    return it->get<std::uint64_t>();
  };
  const auto three = [&](const char* key, glm::vec3& out) -> Status {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_array() || it->size() != 3)
      return Error{where + "#/" + key, "expected an array of three numbers", ""};
    for (int a = 0; a < 3; ++a) {
      const Json& v = (*it)[static_cast<std::size_t>(a)];
      if (!v.is_number() || !std::isfinite(v.get<double>()))
        return Error{where + "#/" + key, "expected an array of three finite numbers", ""};
      out[a] = v.get<float>();
    }
    return ok();
  };
  auto frames = whole("frames", 1, 1u << 20);
  auto slots = whole("slots", 1, 1u << 26);
  auto width = whole("width", 16, 16384);
  auto rows = whole("rows", 2, 16384);
  auto degree = whole("sh_degree", 0, 3);
  auto gop = whole("gop", 1, 1000);
  for (const auto* r : {&frames, &slots, &width, &rows, &degree, &gop})
    if (!*r) return r->error();
  l.frames = *frames, l.slots = static_cast<std::uint32_t>(*slots), l.width = static_cast<std::uint32_t>(*width),
  l.rows = static_cast<std::uint32_t>(*rows), l.shDegree = static_cast<int>(*degree), l.gop = static_cast<int>(*gop);
  if (l.width % 16 != 0 || l.rows % 2 != 0)
    return Error{where, "width must be a multiple of 16 and rows even", ""};
  if (static_cast<std::uint64_t>(l.width) * l.rows < l.slots)
    return Error{where, fmt::format("{} slots do not fit a tile of {}x{}", l.slots, l.width, l.rows), ""};
  if (static_cast<std::uint64_t>(l.rows) * static_cast<std::uint64_t>(l.tiles()) > 16384)
    return Error{where, fmt::format("{} tiles of {} rows make a picture taller than 16384", l.tiles(), l.rows), ""};
  for (auto [key, out] : {std::pair{"position_min", &l.positionMin}, std::pair{"position_max", &l.positionMax},
                          std::pair{"colour_min", &l.colourMin}, std::pair{"colour_max", &l.colourMax},
                          std::pair{"log_scale_min", &l.logScaleMin}, std::pair{"log_scale_max", &l.logScaleMax}})
    if (auto s = three(key, *out); !s) return s.error();
  const auto sh = j.find("sh_max");
  if (sh == j.end() || !sh->is_number() || !(sh->get<double>() > 0) || !std::isfinite(sh->get<double>()))
    return Error{where + "#/sh_max", "expected a positive number", ""};
  l.shMax = sh->get<float>();
  const auto video = j.find("video");
  if (video == j.end() || !video->is_string()) return Error{where + "#/video", "expected a file name", ""};
  l.video = video->get<std::string>();
  const std::filesystem::path name(l.video);
  if (l.video.empty() || name.has_parent_path() || name.is_absolute() || l.video == "." || l.video == "..")
    return Error{where + "#/video", "must name a file beside the manifest, not " + scenes::quote(l.video), ""};
  return l;
}

}  // namespace ps::media
