#include "splat_prep.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <string>
#include <vector>

#include "media/splat_files.h"
#include "media/splat_sequence.h"
#include "media/splat_video.h"
#include "partial_package.h"
#include "splat_video_write.h"

namespace ps::tools {

namespace fs = std::filesystem;

namespace {

std::string lowerExtension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

// A .ply holds splats when its header (plain text up to end_header) names what only splat
// files have: INRIA's f_dc_0, or the compressed form's packed_position.
bool plyHeaderNamesSplats(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string header(4096, '\0');
  in.read(header.data(), static_cast<std::streamsize>(header.size()));
  header.resize(static_cast<std::size_t>(in.gcount()));
  const auto end = header.find("end_header");
  if (header.rfind("ply", 0) != 0 || end == std::string::npos) return false;
  header.resize(end);
  return header.find(" f_dc_0") != std::string::npos || header.find(" packed_position") != std::string::npos;
}

bool isSplatFile(const fs::path& file) {
  const std::string ext = lowerExtension(file);
  return ext == ".spz" || (ext == ".ply" && plyHeaderNamesSplats(file));
}

std::uintmax_t sizeOf(const fs::path& file) {
  std::error_code ec;
  const auto n = fs::file_size(file, ec);
  return ec ? 0 : n;
}

// Writes one frame and reads it back as the player will.
Status writeFrame(const scenes::SplatCloud& cloud, const fs::path& file, int version, SplatPrepOutcome& out) {
  if (auto s = media::writeSpz(cloud, file, version); !s) return s.error();
  auto back = media::readSplatFile(file);
  if (!back) return Error{file.string(), "the SPZ written does not read back: " + back.error().message(), ""};
  if (back->cloud.size() != cloud.size())
    return Error{file.string(), fmt::format("the SPZ written reads back {} splats of {}", back->cloud.size(), cloud.size()),
                 ""};
  out.bytes += sizeOf(file);
  return ok();
}

}  // namespace

bool isSplatInput(const fs::path& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return isSplatFile(path);
  if (!fs::is_directory(path, ec)) return false;
  auto frames = media::listSplatSequence(path);
  return frames && !frames->empty() && isSplatFile(frames->front());
}

Result<SplatPrepOutcome> prepSplats(const SplatPrepOptions& o, const std::function<void(double)>& progress,
                                    const std::function<bool()>& shouldStop) {
  if (o.spzVersion < 2 || o.spzVersion > 4)
    return Error{"--spz-version", fmt::format("{} is not an SPZ version this writes (2, 3 or 4)", o.spzVersion), ""};
  SplatPrepOutcome out;
  std::vector<fs::path> inputs;
  std::error_code ec;
  out.sequence = fs::is_directory(o.input, ec);
  if (out.sequence) {
    auto frames = media::listSplatSequence(o.input);
    if (!frames) return frames.error();
    inputs = std::move(*frames);
  } else {
    inputs.push_back(o.input);
  }
  if (o.video && !out.sequence)
    return Error{"--splat-form", "video is for a 4D capture (a folder of frames), not one capture", ""};
  auto package = PartialPackage::create(o.out, o.force);
  if (!package) return package.error();
  if (o.video) {
    auto written = writeSplatVideo(
        inputs.size(),
        [&](std::size_t i) -> Result<scenes::SplatCloud> {
          auto read = media::readSplatFile(inputs[i]);
          if (!read) return read.error();
          return std::move(read->cloud);
        },
        package->dir(), o.fps, progress, shouldStop);
    if (!written) return written.error();
    if (written->interrupted) {
      out.interrupted = true;
      return out;
    }
    // Read every frame back through the player's reader: the package holds what it will get.
    auto video = media::SplatVideo::open(package->dir());
    if (!video) return Error{o.out.string(), "the splat video written does not open: " + video.error().message(), ""};
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      auto back = (*video)->frame(i);
      if (!back) return Error{o.out.string(), "the splat video written does not read back: " + back.error().message(), ""};
      out.splats += back->size();
      out.shDegree = std::max(out.shDegree, back->shDegree);
    }
    for (const auto& f : inputs) out.inputBytes += sizeOf(f);
    for (const auto& e : fs::directory_iterator(package->dir())) out.bytes += e.is_regular_file() ? e.file_size() : 0;
    out.frames = inputs.size();
    if (auto s = package->commit(); !s) return s.error();
    return out;
  }
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (shouldStop()) {
      out.interrupted = true;
      return out;  // the package's destructor removes the partial folder
    }
    auto read = media::readSplatFile(inputs[i]);
    if (!read) return read.error();
    out.inputBytes += sizeOf(inputs[i]);
    out.splats += read->cloud.size();
    out.shDegree = std::max(out.shDegree, read->cloud.shDegree);
    const fs::path file = package->dir() / (out.sequence ? fmt::format("frame_{:06}.spz", i) : std::string(kSplatsFile));
    if (auto s = writeFrame(read->cloud, file, o.spzVersion, out); !s) return s.error();
    ++out.frames;
    progress(static_cast<double>(i + 1) / static_cast<double>(inputs.size()));
  }
  if (shouldStop()) {
    out.interrupted = true;
    return out;
  }
  if (auto s = package->commit(); !s) return s.error();
  return out;
}

}  // namespace ps::tools
