// A splat file (.ply, compressed .ply, .spz) as readSplatBytes reads it, from any bytes: either
// an error that names the file, or a cloud that passes check() within the limits. The first
// byte picks the input's form: a valid small file of one format with the rest of the input
// applied as byte edits and a cut (so the fuzzer starts deep inside each format), the rest
// gzipped (an SPZ payload of the fuzzer's own), or the rest as it is.
#include <array>
#include <string>

#include "fuzz_package.h"
#include "media/splat_files.h"
#include "splat_test_files.h"

using namespace ps;

namespace {

void check(bool ok, const char* what) {
  if (!ok) fuzz::fail(what);
}

const std::string& validFile(int form) {
  static const std::array<std::string, 5> files = [] {
    const auto cloud = test::makeSplatCloud(5, 1, 3);
    const auto flat = test::makeSplatCloud(3, 0, 4);
    return std::array<std::string, 5>{media::splatPlyBytes(cloud), media::spzBytes(cloud, 2).value(),
                                      media::spzBytes(cloud, 3).value(), media::spzBytes(flat, 4).value(),
                                      test::compressedPlyBytes(cloud)};
  }();
  return files[std::size_t(form)];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const int form = data[0] % 8;
  const std::string rest = fuzz::text(data + 1, size - 1);
  std::string bytes;
  if (form < 5) {
    bytes = validFile(form);
    std::size_t i = 0;
    for (; i + 3 <= rest.size(); i += 3) {
      const std::size_t at = (std::uint8_t(rest[i]) | (std::size_t(std::uint8_t(rest[i + 1])) << 8)) % bytes.size();
      bytes[at] = rest[i + 2];
    }
    if (i < rest.size()) bytes.resize(bytes.size() * std::uint8_t(rest[i]) / 256);
  } else if (form == 5) {
    bytes = test::gzip(rest);
  } else {
    bytes = rest;
  }
  // Small limits keep each input fast; the caps themselves are part of what is fuzzed.
  media::SplatLimits limits;
  limits.maxSplats = 1 << 16;
  limits.maxInflatedBytes = 1 << 24;
  limits.maxFileBytes = 1 << 20;
  auto file = media::readSplatBytes(test::bytesOf(bytes), "fuzz.splat", limits);
  if (file) {
    check(file->cloud.check().empty(), "a cloud that fails its own check");
    check(!file->cloud.empty() && file->cloud.size() <= limits.maxSplats, "a cloud outside the limits");
  } else {
    check(file.error().message().find("fuzz.splat") != std::string::npos, "an error that does not name the file");
  }
  return 0;
}
