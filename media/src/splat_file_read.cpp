// Reading a splat file: the format told by its first bytes, the file's size checked before it
// is read, the reader's notes said once in the log.
#include <fstream>
#include <mutex>
#include <set>

#include "log.h"
#include "media/splat_files.h"
#include "splat_readers.h"

namespace ps::media {

const char* toString(SplatFileFormat f) {
  switch (f) {
    case SplatFileFormat::InriaPly: return "INRIA .ply";
    case SplatFileFormat::CompressedPly: return "compressed .ply";
    case SplatFileFormat::Spz: return "SPZ";
  }
  return "?";
}

namespace splat {

Error fileError(const std::string& name, std::optional<std::uint64_t> byte, std::string what) {
  return Error{byte ? name + "@byte " + std::to_string(*byte) : name, std::move(what), ""};
}

}  // namespace splat

namespace {

// A splat sequence's frames are files of their own: a note is said for the first file that
// has it, not for every frame.
void sayOnce(const std::string& name, const std::string& note) {
  static std::mutex mutex;
  static std::set<std::string> said;
  std::lock_guard lock(mutex);
  if (said.insert(note).second) log().warn("{}: {} (said once)", name, note);
}

}  // namespace

Result<SplatFile> readSplatBytes(std::span<const std::uint8_t> bytes, const std::string& name,
                                 const SplatLimits& limits) {
  using splat::fileError;
  if (bytes.empty()) return fileError(name, std::nullopt, "the file is empty");
  if (bytes.size() > limits.maxFileBytes)
    return fileError(name, std::nullopt, std::to_string(bytes.size()) + " bytes is over the limit of " +
                                             std::to_string(limits.maxFileBytes));
  auto startsWith = [&](std::string_view s) {
    return bytes.size() >= s.size() && std::equal(s.begin(), s.end(), reinterpret_cast<const char*>(bytes.data()));
  };
  if (startsWith("ply\n") || startsWith("ply\r\n")) {
    auto header = splat::parsePlyHeader(bytes, name);
    if (!header) return header.error();
    return splat::isCompressedPly(*header) ? splat::readCompressedPly(bytes, *header, name, limits)
                                           : splat::readInriaPly(bytes, *header, name, limits);
  }
  if (startsWith("\x1f\x8b") || startsWith("NGSP")) {
    splat::Notes notes;
    auto file = splat::readSpz(bytes, name, limits, notes);
    if (file)
      for (const auto& n : notes) sayOnce(name, n);
    return file;
  }
  return fileError(name, std::nullopt,
                   "not a splat file: neither a PLY (\"ply\") nor an SPZ (gzip, or \"NGSP\") by its first bytes");
}

Result<SplatFile> readSplatFile(const std::filesystem::path& file, const SplatLimits& limits) {
  const std::string name = file.string();
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return Error{name, "cannot read the splat file: " + ec.message(), ""};
  if (size > limits.maxFileBytes)
    return Error{name, std::to_string(size) + " bytes is over the limit of " + std::to_string(limits.maxFileBytes), ""};
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error{name, "cannot open the splat file", ""};
  std::vector<std::uint8_t> bytes(size);
  if (size > 0 && !in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size)))
    return Error{name, "cannot read the splat file (it changed while being read?)", ""};
  return readSplatBytes(bytes, name, limits);
}

}  // namespace ps::media
