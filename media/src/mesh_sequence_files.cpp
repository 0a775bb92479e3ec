#include "media/mesh_sequence_files.h"

#include <string>

#include <nlohmann/json.hpp>

#include "media/numbered_files.h"
#include "scenes/printable.h"
#include "scenes/text_file.h"

namespace ps::media {

namespace fs = std::filesystem;
using scenes::quote;

namespace {

std::string tooMany(std::size_t maxFrames) {
  return "holds more than " + std::to_string(maxFrames) + " frames, the most a sequence may have";
}

Result<MeshSequenceFiles> listFolder(const fs::path& dir, std::size_t maxFrames) {
  auto numbered = listNumberedFiles(dir, {".glb"}, "frames", maxFrames);
  if (!numbered) return numbered.error();
  MeshSequenceFiles out;
  out.packageRoot = dir;
  out.firstNumber = numbered->firstNumber;
  out.frames = std::move(numbered->files);
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
