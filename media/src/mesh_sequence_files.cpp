#include "media/mesh_sequence_files.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <system_error>

#include <nlohmann/json.hpp>

#include "scenes/printable.h"
#include "scenes/text_file.h"

namespace ps::media {

namespace fs = std::filesystem;
using scenes::quote;

namespace {

constexpr std::size_t kMaxNumberDigits = 9;  // longer runs are not frame numbers anyone wrote

// The last run of digits in the file's stem, if any and short enough to be a number.
std::optional<std::size_t> frameNumber(const fs::path& file) {
  const std::string stem = file.stem().string();
  std::size_t end = stem.size();
  while (end > 0 && !(stem[end - 1] >= '0' && stem[end - 1] <= '9')) --end;
  std::size_t begin = end;
  while (begin > 0 && stem[begin - 1] >= '0' && stem[begin - 1] <= '9') --begin;
  if (begin == end || end - begin > kMaxNumberDigits) return std::nullopt;
  return std::stoul(stem.substr(begin, end - begin));
}

bool isGlb(const fs::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".glb";
}

std::string tooMany(std::size_t maxFrames) {
  return "holds more than " + std::to_string(maxFrames) + " frames, the most a sequence may have";
}

Result<MeshSequenceFiles> listFolder(const fs::path& dir, std::size_t maxFrames) {
  std::map<std::size_t, fs::path> numbered;
  std::error_code ec;
  std::size_t seen = 0;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& file = it->path();
    if (!isGlb(file)) continue;
    if (++seen > maxFrames) return Error{dir.string(), tooMany(maxFrames), ""};
    const auto number = frameNumber(file);
    if (!number)
      return Error{file.string(), "a file of a mesh sequence needs a frame number in its name", "e.g. frame_0001.glb"};
    auto [at, inserted] = numbered.emplace(*number, file);
    if (!inserted)
      return Error{dir.string(),
                   "two files have frame number " + std::to_string(*number) + ": " +
                       quote(at->second.filename().string()) + " and " + quote(file.filename().string()),
                   ""};
  }
  if (ec) return Error{dir.string(), "cannot read the folder: " + ec.message(), ""};
  if (numbered.empty()) return Error{dir.string(), "holds no .glb frames", "a mesh sequence is a folder of numbered GLB files"};
  MeshSequenceFiles out;
  out.packageRoot = dir;
  out.firstNumber = numbered.begin()->first;
  std::size_t expected = out.firstNumber;
  for (auto& [number, file] : numbered) {
    if (number != expected)
      return Error{dir.string(),
                   "frame number " + std::to_string(expected) + " is missing (the numbers jump from " +
                       std::to_string(expected - 1) + " to " + std::to_string(number) + ")",
                   "a mesh sequence needs every frame; renumber the files or supply the missing one"};
    out.frames.push_back(std::move(file));
    ++expected;
  }
  return out;
}

Result<MeshSequenceFiles> listListing(const fs::path& listing, std::size_t maxFrames) {
  auto text = scenes::readTextFile(listing);
  if (!text) return text.error();
  const auto doc = nlohmann::json::parse(*text, nullptr, false);
  if (doc.is_discarded()) return Error{listing.string(), "is not valid JSON", ""};
  const auto where = [&](const std::string& pointer) { return listing.string() + "#" + pointer; };
  if (!doc.is_object() || !doc.contains("frames") || !doc["frames"].is_array())
    return Error{where(""), "expected an object with \"frames\", an array of GLB file names", ""};
  const auto& frames = doc["frames"];
  if (frames.empty()) return Error{where("/frames"), "expected at least one frame", ""};
  if (frames.size() > maxFrames) return Error{where("/frames"), tooMany(maxFrames), ""};
  MeshSequenceFiles out;
  out.packageRoot = listing.parent_path().empty() ? fs::path(".") : listing.parent_path();
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const std::string pointer = "/frames/" + std::to_string(i);
    // A name, or what `perfectshot prep` writes: {"file", "bytes", "triangles", "bounds"}.
    const auto& name = frames[i].is_object() && frames[i].contains("file") ? frames[i]["file"] : frames[i];
    if (!name.is_string() || name.template get<std::string>().empty())
      return Error{where(pointer), "expected a file name, or an object with \"file\"", ""};
    const fs::path rel(name.template get<std::string>());
    const bool escapes = std::any_of(rel.begin(), rel.end(), [](const fs::path& p) { return p == ".."; });
    if (rel.is_absolute() || rel.has_root_name() || escapes)
      return Error{where(pointer), quote(rel.string()) + " leads out of the listing's folder", "give paths inside it"};
    out.frames.push_back(out.packageRoot / rel);
  }
  return out;
}

}  // namespace

Result<MeshSequenceFiles> listMeshSequence(const fs::path& src, std::size_t maxFrames) {
  std::error_code ec;
  if (fs::is_directory(src, ec)) return listFolder(src, maxFrames);
  if (fs::is_regular_file(src, ec)) return listListing(src, maxFrames);
  return Error{src.string(), "does not exist", "a mesh sequence is a folder of numbered GLB files or a listing file"};
}

}  // namespace ps::media
