#include "scenes/rgbd_depth.h"

#include <algorithm>

namespace ps {

std::string_view toString(DepthPacking p) { return p == DepthPacking::TopBottom ? "top-bottom" : "separate"; }

std::string_view toString(DepthEncoding e) {
  switch (e) {
    case DepthEncoding::Linear: return "linear";
    case DepthEncoding::Inverse: return "inverse";
    case DepthEncoding::InverseSplit8: return "inverse-split8";
    case DepthEncoding::Hue: return "hue";
  }
  return "?";
}

std::optional<DepthPacking> parseDepthPacking(std::string_view s) {
  if (s == "top-bottom") return DepthPacking::TopBottom;
  if (s == "separate") return DepthPacking::Separate;
  return std::nullopt;
}

std::optional<DepthEncoding> parseDepthEncoding(std::string_view s) {
  for (DepthEncoding e : {DepthEncoding::Linear, DepthEncoding::Inverse, DepthEncoding::InverseSplit8, DepthEncoding::Hue}) {
    if (s == toString(e)) return e;
  }
  return std::nullopt;
}

namespace {

// Depthkit's decoded hue runs over [-1/6, 5/6): a hue past 5/6 is one just below red (0).
constexpr double kHueCarried = 5.0 / 6.0;

}  // namespace

double depthMetres(const DepthCoding& coding, double v) {
  v = std::clamp(v, 0.0, 1.0);
  switch (coding.encoding) {
    case DepthEncoding::Linear: return coding.nearM + v * (coding.farM - coding.nearM);
    case DepthEncoding::Hue:
      // Below red (negative hue) Depthkit extrapolates past near; read as near.
      if (v > kHueCarried) v = 0.0;
      return coding.nearM + v * (coding.farM - coding.nearM);
    case DepthEncoding::Inverse:
    case DepthEncoding::InverseSplit8:
      return 1.0 / (1.0 / coding.farM + v * (1.0 / coding.nearM - 1.0 / coding.farM));
  }
  return coding.farM;
}

double depthCode(const DepthCoding& coding, double metres) {
  metres = std::clamp(metres, coding.nearM, coding.farM);
  switch (coding.encoding) {
    case DepthEncoding::Linear: return (metres - coding.nearM) / (coding.farM - coding.nearM);
    case DepthEncoding::Hue:
      // A hue past 5/6 would wrap round to red and read as near.
      return std::min((metres - coding.nearM) / (coding.farM - coding.nearM), kHueCarried);
    case DepthEncoding::Inverse:
    case DepthEncoding::InverseSplit8:
      return (1.0 / metres - 1.0 / coding.farM) / (1.0 / coding.nearM - 1.0 / coding.farM);
  }
  return 1.0;
}

}  // namespace ps
