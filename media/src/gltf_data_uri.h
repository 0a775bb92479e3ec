#pragma once
// Data URIs ("data:image/png;base64,..."), checked before tinygltf decodes them: its decoder
// skips characters outside the base64 alphabet instead of refusing them, and it reads only the
// media types listed below (anything else it would take for a file name).
#include <cstdint>
#include <optional>
#include <string>

#include "gltf_context.h"

namespace ps::media::gltf {

bool isDataUri(const std::string& uri);  // starts with "data:"

// The decoded length of a well-formed base64 data URI of a media type tinygltf reads; an error
// at `at` otherwise (not base64, a character outside the alphabet, bad padding).
Result<std::uint64_t> checkDataUri(const std::string& uri, const Context& ctx, const std::string& at);

}  // namespace ps::media::gltf
