#pragma once
// What the fuzz targets share: a shot package in a fresh temporary folder holding
// every file the seed documents name, so that paths resolve and caption files
// are read; made once per process and removed at exit.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace ps::fuzz {

// The package's folder. Holds plate.mp4, film.mp4, proxy.mp4, plate_tb.mp4,
// narration/lens.{ogg,vtt,srt}, a valid shot.json, and shots/a (a valid shot)
// and shots/empty (a folder without shot.json) for playlists.
const std::filesystem::path& package();

// Writes `content` at the package-relative path, replacing what was there.
void writeFile(const std::string& relative, const std::string& content);

inline std::string text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// Aborts with the message: a broken invariant is reported by libFuzzer as a crash.
[[noreturn]] void fail(const std::string& message);

}  // namespace ps::fuzz
