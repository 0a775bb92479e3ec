// The lint command's file path, without the video decoding check (media/ is not
// linked here): the input is written as a package's shot.json, read back from the
// file, taken as a playlist or a shot as lint decides, every problem formatted as
// a lint line, and a playlist's shots linted in turn. Lint must report an error
// for anything the player refuses to load.
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>

#include "fuzz_package.h"
#include "scenes/playlist.h"
#include "scenes/problem.h"
#include "scenes/shot_loader.h"

using namespace ps;
namespace fs = std::filesystem;

namespace {

// The steps of tools/perfectshot/lint_command.cpp's Linter that do not decode video.
class Lint {
 public:
  void path(const fs::path& arg) {
    const fs::path file = scenes::shotFile(arg);
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(file, ec);
    if (!linted_.insert(ec ? file : canonical).second) return;
    auto text = scenes::readTextFile(file);
    if (!text) return print(file, {"", text.error().what});
    if (scenes::looksLikePlaylist(text.value())) {
      const scenes::PlaylistParse parse = scenes::parsePlaylist(text.value(), file);
      for (const auto& p : parse.problems) print(file, p);
      for (const auto& item : parse.playlist.items)
        if (const auto* shot = std::get_if<scenes::PlaylistShot>(&item)) path(shot->path);
      return;
    }
    for (const auto& p : scenes::parseShot(text.value(), file).problems) print(file, p);
  }

  int errors() const { return errors_; }

 private:
  void print(const fs::path& file, const scenes::Problem& p) {
    if (p.severity == scenes::Severity::Error) ++errors_;
    // One problem, one line, whatever the keys and values hold: nothing can forge a second.
    const std::string line = scenes::diagnosticLine(file.string(), p);
    if (line.find_first_of("\n\r") != std::string::npos) std::abort();
    out_ << line << "\n";
  }

  std::set<fs::path> linted_;
  std::ostringstream out_;
  int errors_ = 0;
};

}  // namespace

// loadShot logs a shot's warnings; once per input would be all the fuzzer does.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = fuzz::text(data, size);
  fuzz::writeFile("shot.json", text);
  Lint lint;
  lint.path(fuzz::package());
  // What play does with the same package (a shot; playlists go through loadPlaylist).
  if (scenes::looksLikePlaylist(text)) {
    if (!scenes::loadPlaylist(fuzz::package() / "shot.json") && lint.errors() == 0)
      fuzz::fail("play refuses the playlist, lint reports no error");
  } else if (auto shot = scenes::loadShot(fuzz::package()); !shot && lint.errors() == 0) {
    fuzz::fail("play refuses the shot (" + shot.error().message() + "), lint reports no error");
  }
  return 0;
}
