#pragma once
// How a path reaches FFmpeg, in libavformat and on the ffmpeg command line.
// FFmpeg reads a name as a protocol ("pipe:0", "tcp:...") or, on its command line,
// as an option ("-y"), so every local path goes to it as an absolute file: URL with
// its protocols limited to "file". Only a regular file is given to it: a FIFO or a
// device would block it in open() or feed it without end.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "scenes/result.h"

namespace ps::media {

// The protocols FFmpeg may use: avformat_open_input's "protocol_whitelist", the
// CLI's -protocol_whitelist. No command reads network or live input.
inline constexpr const char* kLocalProtocols = "file";

// Whether arg is a URL ("scheme://..."). "pipe:0", "tcp:x" and "./a://b" are paths.
bool isUrl(std::string_view arg);

// path, made absolute, as a file: URL; for outputs (nothing is checked).
std::string fileUrl(const std::filesystem::path& path);

// An input as a user or a manifest named it, as FFmpeg opens it: the file: URL of
// an existing regular file. A file:// URL is taken as its path; any other URL is
// refused. The error's where is arg.
Result<std::string> inputFileUrl(const std::string& arg);

// A folder or file to be written, named by the user: refused when it is a URL.
// what names the argument in the error ("the package folder").
Status requireLocalPath(const std::string& arg, std::string_view what);

// The ffmpeg CLI's arguments that read url (from inputFileUrl): the protocol
// whitelist, then -i.
std::vector<std::string> cliInput(const std::string& url);
// ... that write path: the protocol whitelist, then its file: URL, which no
// option parser can take for an option.
std::vector<std::string> cliOutput(const std::filesystem::path& path);

// A file: URL for a pattern of image2 ("thumb-%05d.png") in folder dir: a '%' in
// the folder's name is escaped so it is not read as part of the pattern.
std::string filePatternUrl(const std::filesystem::path& dir, std::string_view pattern);

}  // namespace ps::media
