#include "gltf_data_uri.h"

#include <array>

#include "scenes/printable.h"

namespace ps::media::gltf {

using scenes::quote;

namespace {

// The media types tinygltf's IsDataURI recognises.
constexpr std::array kMediaTypes = {"application/octet-stream", "application/gltf-buffer", "image/jpeg",
                                    "image/png", "image/bmp", "image/gif", "text/plain"};

bool base64Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

}  // namespace

bool isDataUri(const std::string& uri) { return uri.rfind("data:", 0) == 0; }

Result<std::uint64_t> checkDataUri(const std::string& uri, const Context& ctx, const std::string& at) {
  const std::size_t comma = uri.find(',');
  if (comma == std::string::npos) return ctx.error(at, "data URI has no \",\" before its data");
  const std::string head = uri.substr(5, comma - 5);  // "mediatype;base64"
  constexpr std::string_view kBase64 = ";base64";
  if (head.size() < kBase64.size() || head.compare(head.size() - kBase64.size(), kBase64.size(), kBase64) != 0)
    return ctx.error(at, "data URI " + quote(uri.substr(0, comma + 1)) + " is not base64; only base64 data URIs are read");
  const std::string type = head.substr(0, head.size() - kBase64.size());
  bool known = false;
  for (const char* t : kMediaTypes) known = known || type == t;
  if (!known) return ctx.error(at, "data URI has media type " + quote(type) + ", which is not read");
  const std::size_t begin = comma + 1;
  const std::size_t n = uri.size() - begin;
  std::size_t padding = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = uri[begin + i];
    if (c == '=') {
      ++padding;
      continue;
    }
    if (padding > 0 || !base64Char(c))
      return ctx.error(at, "data URI's base64 has " + quote(std::string(1, c)) + " at character " +
                               std::to_string(i) + " of its data, outside the base64 alphabet");
  }
  if (n % 4 != 0 || padding > 2)
    return ctx.error(at, "data URI's base64 is " + std::to_string(n) + " characters long with " +
                             std::to_string(padding) + " \"=\"; base64 comes in groups of 4");
  return std::uint64_t(n / 4 * 3 - padding);
}

}  // namespace ps::media::gltf
