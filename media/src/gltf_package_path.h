#pragma once
// A glTF URI naming a file, resolved inside the package folder: percent-decoded as tinygltf
// decodes it, then refused when it is absolute, has a scheme, climbs out with "..", or resolves
// (through symlinks) outside the package.
#include <cstdint>
#include <filesystem>
#include <string>

#include "gltf_context.h"

namespace ps::media::gltf {

struct PackageFile {
  std::filesystem::path path;  // canonical
  std::uint64_t size = 0;
};

// The file `uri` names; an error at `at` when it escapes, does not exist or is not a file.
Result<PackageFile> resolveUri(const std::string& uri, const Context& ctx, const std::string& at);

// Whether `path` resolves (symlinks followed) to a place inside `root`.
bool insidePackage(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace ps::media::gltf
