#include "media/numbered_files.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <system_error>

#include "scenes/printable.h"

namespace ps::media {

namespace fs = std::filesystem;
using scenes::quote;

namespace {

constexpr std::size_t kMaxNumberDigits = 9;

std::optional<std::size_t> frameNumber(const fs::path& file) {
  const std::string stem = file.stem().string();
  std::size_t end = stem.size();
  while (end > 0 && !std::isdigit(static_cast<unsigned char>(stem[end - 1]))) --end;
  std::size_t begin = end;
  while (begin > 0 && std::isdigit(static_cast<unsigned char>(stem[begin - 1]))) --begin;
  if (begin == end || end - begin > kMaxNumberDigits) return std::nullopt;
  return std::stoul(stem.substr(begin, end - begin));
}

std::string lowerExtension(const fs::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

std::string joined(const std::vector<std::string>& extensions) {
  std::string out;
  for (const auto& e : extensions) out += (out.empty() ? "" : ", ") + e;
  return out;
}

}  // namespace

Result<NumberedFiles> listNumberedFiles(const fs::path& dir, const std::vector<std::string>& extensions,
                                        const std::string& what, std::size_t maxFiles) {
  std::map<std::size_t, fs::path> numbered;
  NumberedFiles out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& file = it->path();
    const std::string ext = lowerExtension(file);
    if (std::find(extensions.begin(), extensions.end(), ext) == extensions.end()) continue;
    if (!it->is_regular_file(ec)) return Error{file.string(), "is not a regular file", ""};
    if (out.extension.empty()) out.extension = ext;
    if (ext != out.extension)
      return Error{dir.string(), "holds both " + out.extension + " and " + ext + " " + what,
                   "a sequence is of one kind; move the others out"};
    if (numbered.size() >= maxFiles)
      return Error{dir.string(), "holds more than " + std::to_string(maxFiles) + " " + what, ""};
    const auto number = frameNumber(file);
    if (!number) return Error{file.string(), "needs a frame number in its name", "e.g. frame_0001" + ext};
    auto [at, inserted] = numbered.emplace(*number, file);
    if (!inserted)
      return Error{dir.string(),
                   "two files have frame number " + std::to_string(*number) + ": " +
                       quote(at->second.filename().string()) + " and " + quote(file.filename().string()),
                   ""};
  }
  if (ec) return Error{dir.string(), "cannot read the folder: " + ec.message(), ""};
  if (numbered.empty()) return Error{dir.string(), "holds no " + what, "expected numbered " + joined(extensions) + " files"};
  out.firstNumber = numbered.begin()->first;
  std::size_t expected = out.firstNumber;
  for (auto& [number, file] : numbered) {
    if (number != expected)
      return Error{dir.string(),
                   "frame number " + std::to_string(expected) + " is missing (the numbers jump from " +
                       std::to_string(expected - 1) + " to " + std::to_string(number) + ")",
                   "a sequence needs every frame; renumber the files or supply the missing one"};
    out.files.push_back(std::move(file));
    ++expected;
  }
  return out;
}

}  // namespace ps::media
