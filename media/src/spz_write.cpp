// Writing .spz: quantised as the format says, gzip for versions 2 and 3, zstd streams with a
// table of contents for version 4.
#include <cmath>

#include "media/splat_files.h"
#include "scenes/atomic_file.h"
#include "splat_bytes.h"
#include "splat_inflate.h"
#include "spz_body.h"

namespace ps::media {

Result<std::string> spzBytes(const scenes::SplatCloud& cloud, int version) {
  if (version < 2 || version > 4)
    return Error{"", "SPZ version " + std::to_string(version) + " cannot be written (2, 3 or 4)", ""};
  if (auto why = cloud.check(); !why.empty()) return Error{"", "cannot write this splat cloud: " + why, ""};
  if (cloud.empty()) return Error{"", "cannot write an empty splat cloud", ""};
  if (cloud.size() > 0xffffffffu) return Error{"", "SPZ holds at most 4294967295 splats", ""};
  splat::SpzHeader h;
  h.version = static_cast<std::uint32_t>(version);
  h.count = static_cast<std::uint32_t>(cloud.size());
  h.shDegree = cloud.shDegree;
  // 12 fractional bits (a quarter millimetre) as the reference writer uses, fewer only where a
  // position would not fit the 24 bits.
  float extent = 0.0f;
  for (const auto& p : cloud.positions) extent = std::fmax(extent, std::fmax(std::fabs(p.x), std::fmax(std::fabs(p.y), std::fabs(p.z))));
  h.fractionalBits = 12;
  while (h.fractionalBits > 0 && extent * float(1u << h.fractionalBits) >= float((1 << 23) - 1)) --h.fractionalBits;
  if (extent >= float((1 << 23) - 1))
    return Error{"", "a position lies " + std::to_string(extent) + " m from the origin, beyond what SPZ's 24 bits hold", ""};
  const auto streams = splat::encodeSpzBody(h, cloud);
  if (version < 4) {
    std::string raw = splat::spzHeaderBytes(h);
    for (const auto& s : streams) raw += s;
    return splat::gzipBytes(raw);
  }
  h.streams = cloud.shDegree > 0 ? 6 : 5;
  h.tocOffset = splat::kSpzV4HeaderBytes;
  std::string out = splat::spzHeaderBytes(h);
  std::string toc, frames;
  for (int k = 0; k < h.streams; ++k) {
    const std::string frame = splat::zstdBytes(streams[std::size_t(k)]);
    splat::putU64(toc, frame.size());
    splat::putU64(toc, streams[std::size_t(k)].size());
    frames += frame;
  }
  return out + toc + frames;
}

Status writeSpz(const scenes::SplatCloud& cloud, const std::filesystem::path& file, int version) {
  auto bytes = spzBytes(cloud, version);
  if (!bytes) return Error{file.string(), bytes.error().what, ""};
  return scenes::writeFileAtomically(file, *bytes);
}

}  // namespace ps::media
