#include "media/ffmpeg_url.h"

#include <sys/stat.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "scenes/text_file.h"

namespace ps::media {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kFileScheme = "file://";

// RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
bool isScheme(std::string_view s) {
  if (s.empty() || std::isalpha(static_cast<unsigned char>(s[0])) == 0) return false;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '+' && c != '-' && c != '.') return false;
  return true;
}

}  // namespace

bool isUrl(std::string_view arg) {
  const auto colon = arg.find("://");
  return colon != std::string_view::npos && isScheme(arg.substr(0, colon));
}

std::string fileUrl(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) absolute = path;  // no working folder: FFmpeg will say it cannot open it
  return "file:" + absolute.string();
}

Result<std::string> inputFileUrl(const std::string& arg) {
  std::string path = arg;
  if (isUrl(arg)) {
    std::string_view rest(arg);
    if (!rest.starts_with(kFileScheme)) {
      return Error{arg, "is a URL; only local files are read (no command takes network or live input)",
                   "give the path of a local file"};
    }
    rest.remove_prefix(kFileScheme.size());
    if (rest.starts_with("localhost/")) rest.remove_prefix(std::string_view("localhost").size());
    if (!rest.starts_with('/')) return Error{arg, "a file:// URL names a file on another host", "give a local path"};
    path = std::string(rest);
  }
  if (path.empty()) return Error{arg, "an empty path", ""};
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return Error{arg, "file not found", "check the path"};
    return Error{arg, std::string("cannot open: stat: ") + std::strerror(errno), ""};
  }
  if (!S_ISREG(st.st_mode)) return Error{arg, scenes::notRegularFile(st.st_mode), "give a video or audio file"};
  return fileUrl(path);
}

Status requireLocalPath(const std::string& arg, std::string_view what) {
  if (isUrl(arg))
    return Error{arg, std::string(what) + " must be a local path, not a URL", "give a folder on this machine"};
  return ok();
}

std::vector<std::string> cliInput(const std::string& url) { return {"-protocol_whitelist", kLocalProtocols, "-i", url}; }

std::vector<std::string> cliOutput(const fs::path& path) {
  return {"-protocol_whitelist", kLocalProtocols, fileUrl(path)};
}

std::string filePatternUrl(const fs::path& dir, std::string_view pattern) {
  std::string url;
  for (char c : fileUrl(dir)) {
    url += c;
    if (c == '%') url += '%';
  }
  if (!url.ends_with('/')) url += '/';
  return url + std::string(pattern);
}

}  // namespace ps::media
