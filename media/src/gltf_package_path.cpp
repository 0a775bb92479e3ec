#include "gltf_package_path.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <system_error>

#include "scenes/printable.h"

namespace ps::media::gltf {

namespace fs = std::filesystem;
using scenes::quote;

namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percentDecode(const std::string& uri) {
  std::string out;
  out.reserve(uri.size());
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] != '%') {
      out += uri[i];
      continue;
    }
    if (i + 2 >= uri.size()) return std::nullopt;
    const int hi = hexValue(uri[i + 1]), lo = hexValue(uri[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

// RFC 3986: a scheme is a letter, then letters, digits, "+", "-" or ".", then ":".
bool hasScheme(const std::string& uri) {
  const std::size_t colon = uri.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(uri[0]))) return false;
  return std::all_of(uri.begin(), uri.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
  });
}

bool startsWith(const fs::path& path, const fs::path& prefix) {
  auto [p, f] = std::mismatch(prefix.begin(), prefix.end(), path.begin(), path.end());
  return p == prefix.end();
}

}  // namespace

bool insidePackage(const fs::path& path, const fs::path& root) {
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(root, ec);
  if (ec) return false;
  const fs::path full = fs::weakly_canonical(path, ec);
  return !ec && startsWith(full, base);
}

Result<PackageFile> resolveUri(const std::string& uri, const Context& ctx, const std::string& at) {
  if (uri.empty()) return ctx.error(at, "the URI is empty");
  if (hasScheme(uri))
    return ctx.error(at, quote(uri) + " has a URI scheme; only files inside the package and base64 data URIs are read");
  // Only "%" followed by two hex digits is an escape; anything else is refused rather than guessed.
  const std::optional<std::string> decoded = percentDecode(uri);
  if (!decoded) return ctx.error(at, quote(uri) + " has a \"%\" that is not followed by two hex digits");
  if (decoded->find('\0') != std::string::npos) return ctx.error(at, quote(uri) + " holds a NUL character");
  const fs::path rel(*decoded);
  if (rel.is_absolute() || decoded->front() == '/')
    return ctx.error(at, quote(uri) + " is absolute; URIs must be relative to the package folder");
  for (const auto& part : rel)
    if (part == "..") return ctx.error(at, quote(uri) + " climbs out with \"..\"; URIs must stay inside the package folder");
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(ctx.packageRoot, ec);
  if (ec) return ctx.error(at, "the package folder " + quote(ctx.packageRoot.string()) + " cannot be resolved: " + ec.message());
  const fs::path full = fs::weakly_canonical(ctx.baseDir / rel, ec);
  if (ec) return ctx.error(at, quote(uri) + " cannot be resolved: " + ec.message());
  // A symlink inside the package may still point outside it: compare resolved paths.
  if (!startsWith(full, base)) return ctx.error(at, quote(uri) + " resolves outside the package folder");
  const fs::file_status status = fs::status(full, ec);
  if (ec || !fs::exists(status)) return ctx.error(at, quote(uri) + " does not exist in the package folder");
  if (!fs::is_regular_file(status)) return ctx.error(at, quote(uri) + " is not a regular file");
  const std::uint64_t size = fs::file_size(full, ec);
  if (ec) return ctx.error(at, quote(uri) + " cannot be read: " + ec.message());
  if (size > ctx.limits.maxFileBytes)
    return ctx.error(at, quote(uri) + " is " + std::to_string(size) + " bytes, over the limit of " +
                             std::to_string(ctx.limits.maxFileBytes));
  return PackageFile{full, size};
}

}  // namespace ps::media::gltf
