#pragma once
// What every step of the glTF loader shares: the file's name for messages, where its URIs may
// resolve, the limits, and the warnings gathered so far.
#include <cstddef>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "gltf_compression.h"
#include "media/gltf_loader.h"
#include "scenes/problem.h"
#include "scenes/result.h"

namespace ps::media::gltf {

struct Context {
  std::string file;                    // as messages name it
  std::filesystem::path baseDir;       // relative URIs resolve against it
  std::filesystem::path packageRoot;   // and must stay inside it
  GltfLimits limits;
  std::vector<scenes::Problem> warnings;
  std::set<std::string> warnedKinds;   // so that each kind of unread content is told once
  Compression compression;             // what the prepass found compressed, for after the parse

  // An Error at `pointer` ("" for the whole file); `what` may hold quote()d values.
  Error error(const std::string& pointer, std::string what) const;
  // A warning at `pointer`; with a `kind`, only the first of that kind is kept.
  void warn(const std::string& pointer, std::string what, const std::string& kind = {});
};

// "/name/index" and "/name/index/member": JSON pointers into the glTF document.
std::string pointer(const char* array, std::size_t index);
std::string pointer(const char* array, std::size_t index, const char* member);

}  // namespace ps::media::gltf
