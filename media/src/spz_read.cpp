// Reading .spz: the container (one gzip member for versions 2 and 3; plain header, table of
// contents and zstd streams for version 4) with every size checked before it is inflated.
#include <numeric>
#include <vector>

#include "splat_bytes.h"
#include "splat_inflate.h"
#include "splat_readers.h"
#include "spz_body.h"

namespace ps::media::splat {
namespace {

// Extension records (vendor data: camera limits, quantisation hints) are small; a gzip SPZ may
// inflate by this much past its attribute arrays, and no more.
constexpr std::uint64_t kMaxExtensionBytes = 1 << 20;

std::uint64_t total(const std::array<std::uint64_t, kSpzStreams>& sizes) {
  return std::accumulate(sizes.begin(), sizes.end(), std::uint64_t(0));
}

// Extension records are [u32 type][u32 byte length][payload]; they must tile `region` exactly.
// Unknown to PerfectShot, they are skipped and said in the notes.
std::string walkExtensions(std::span<const std::uint8_t> region, Notes& notes) {
  std::size_t at = 0;
  std::string types;
  while (at < region.size()) {
    if (region.size() - at < 8) return "an extension record is cut short";
    const std::uint32_t type = readU32(region.data() + at);
    const std::uint32_t length = readU32(region.data() + at + 4);
    if (length > region.size() - at - 8) return "an extension record runs past its space";
    at += 8 + std::size_t(length);
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08x", type);
    types += (types.empty() ? "" : ", ") + std::string(hex);
  }
  if (!types.empty()) notes.push_back("extension records skipped (types " + types + ")");
  return {};
}

void noteFlags(const SpzHeader& h, Notes& notes) {
  if (h.flags & kSpzFlagAntialiased)
    notes.push_back("trained with antialiasing (mip-splatting); drawn without its opacity compensation");
}

Result<SplatFile> readGzipSpz(std::span<const std::uint8_t> bytes, const std::string& name, const SplatLimits& limits,
                              Notes& notes) {
  GzipInflater in(bytes);
  std::string why;
  std::uint8_t head[kSpzHeaderBytes];
  const std::size_t got = in.read(head, why);
  if (got == 0 && why.empty()) return fileError(name, std::nullopt, "the gzip stream holds nothing (a zero-length payload)");
  if (got < kSpzHeaderBytes)
    return fileError(name, std::nullopt, why.empty() ? "the SPZ header is cut short" : why);
  auto h = parseSpzHeader(head, /*plain=*/false, limits);
  if (!h) return fileError(name, std::nullopt, h.error().what);
  const auto sizes = spzStreamSizes(*h);
  const std::uint64_t body = total(sizes);
  const std::uint64_t extra = (h->flags & kSpzFlagExtensions) ? kMaxExtensionBytes : 0;
  // Checked before a byte of the body is inflated: what the header claims must be within the
  // limits and within what the compressed size can hold at all.
  if (kSpzHeaderBytes + body > limits.maxInflatedBytes)
    return fileError(name, std::nullopt, std::to_string(h->count) + " splats inflate to " +
                                             std::to_string(kSpzHeaderBytes + body) + " bytes, over the limit of " +
                                             std::to_string(limits.maxInflatedBytes));
  if (body > deflateMaxInflated(bytes.size()))
    return fileError(name, std::nullopt, "its header claims " + std::to_string(h->count) + " splats, more than " +
                                             std::to_string(bytes.size()) + " compressed bytes can hold");
  std::vector<std::uint8_t> data(body + extra + 1);
  const std::size_t n = in.read(data, why);
  if (!why.empty()) return fileError(name, std::nullopt, why);
  if (n > body + extra)
    return fileError(name, std::nullopt, "the gzip stream inflates past the " + std::to_string(kSpzHeaderBytes + body + extra) +
                                             " bytes its header implies");
  if (n < body)
    return fileError(name, std::nullopt, "the gzip stream holds " + std::to_string(n) + " bytes of splat data; its header's " +
                                             std::to_string(h->count) + " splats need " + std::to_string(body));
  if (!in.ended()) return fileError(name, std::nullopt, "the gzip stream does not end where its data does");
  if (in.trailing() > 0)
    return fileError(name, std::nullopt, std::to_string(in.trailing()) + " bytes follow the gzip stream");
  const std::size_t extensionBytes = n - body;
  if (extensionBytes > 0 && !(h->flags & kSpzFlagExtensions))
    return fileError(name, std::nullopt, "the gzip stream inflates past the bytes its header implies");
  if (auto e = walkExtensions(std::span(data.data(), extensionBytes), notes); !e.empty())
    return fileError(name, std::nullopt, e);
  noteFlags(*h, notes);
  SplatFile out;
  out.format = SplatFileFormat::Spz;
  out.version = int(h->version);
  out.cloud = decodeSpzBody(*h, std::span(data.data() + extensionBytes, body));
  return out;
}

Result<SplatFile> readZstdSpz(std::span<const std::uint8_t> bytes, const std::string& name, const SplatLimits& limits,
                              Notes& notes) {
  auto h = parseSpzHeader(bytes, /*plain=*/true, limits);
  if (!h) return fileError(name, std::nullopt, h.error().what);
  const std::uint64_t tocEnd = std::uint64_t(h->tocOffset) + std::uint64_t(h->streams) * 16;
  if (tocEnd > bytes.size())
    return fileError(name, h->tocOffset, "the table of contents runs past the end of the file");
  if (auto e = walkExtensions(bytes.subspan(kSpzV4HeaderBytes, h->tocOffset - kSpzV4HeaderBytes), notes); !e.empty())
    return fileError(name, kSpzV4HeaderBytes, e);
  const auto sizes = spzStreamSizes(*h);
  const std::uint64_t body = total(sizes);
  if (body > limits.maxInflatedBytes)
    return fileError(name, std::nullopt, std::to_string(h->count) + " splats inflate to " + std::to_string(body) +
                                             " bytes, over the limit of " + std::to_string(limits.maxInflatedBytes));
  // Every stream's sizes are checked against the header and the file before any is inflated.
  std::uint64_t at = tocEnd;
  std::uint64_t compressed[kSpzStreams] = {};
  for (int k = 0; k < h->streams; ++k) {
    const std::uint8_t* entry = bytes.data() + h->tocOffset + std::size_t(k) * 16;
    const std::uint64_t csize = readU64(entry), usize = readU64(entry + 8);
    const std::uint64_t entryByte = h->tocOffset + std::uint64_t(k) * 16;
    const std::string stream = std::string("stream ") + std::to_string(k) + " (" + kSpzStreamNames[k] + ")";
    if (usize != sizes[std::size_t(k)])
      return fileError(name, entryByte, stream + " inflates to " + std::to_string(usize) + " bytes by the table of contents; " +
                                            std::to_string(h->count) + " splats need " + std::to_string(sizes[std::size_t(k)]));
    if (csize > bytes.size() - at)
      return fileError(name, entryByte, stream + " runs past the end of the file");
    if (usize > zstdMaxInflated(csize))
      return fileError(name, entryByte, stream + ": " + std::to_string(csize) + " compressed bytes cannot hold " +
                                            std::to_string(usize));
    compressed[k] = csize;
    at += csize;
  }
  if (at != bytes.size())
    return fileError(name, at, std::to_string(bytes.size() - at) + " bytes follow the last stream");
  std::vector<std::uint8_t> data(body);
  at = tocEnd;
  std::uint64_t out = 0;
  for (int k = 0; k < h->streams; ++k) {
    const std::size_t usize = sizes[std::size_t(k)];
    if (auto e = zstdInflateExactly(bytes.subspan(at, compressed[k]), std::span(data.data() + out, usize)); !e.empty())
      return fileError(name, at, std::string("stream ") + std::to_string(k) + " (" + kSpzStreamNames[k] + "): " + e);
    at += compressed[k];
    out += usize;
  }
  noteFlags(*h, notes);
  SplatFile file;
  file.format = SplatFileFormat::Spz;
  file.version = 4;
  file.cloud = decodeSpzBody(*h, data);
  return file;
}

}  // namespace

Result<SplatFile> readSpz(std::span<const std::uint8_t> bytes, const std::string& name, const SplatLimits& limits,
                          Notes& notes) {
  auto file = bytes.size() >= 4 && readU32(bytes.data()) == kSpzMagic ? readZstdSpz(bytes, name, limits, notes)
                                                                       : readGzipSpz(bytes, name, limits, notes);
  if (file)
    if (auto why = file->cloud.check(); !why.empty()) return fileError(name, std::nullopt, why);
  return file;
}

}  // namespace ps::media::splat
