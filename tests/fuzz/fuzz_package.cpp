#include "fuzz_package.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace ps::fuzz {

namespace fs = std::filesystem;

namespace {

const char* const kShot = R"({
  "format": "perfectshot/1", "title": "Fuzz",
  "media": [ { "id": "plate", "kind": "equirect", "src": "plate.mp4", "proxy": "proxy.mp4" } ],
  "timeline": { "fps": "30", "in": 0, "out": 10, "chapters": [ { "t": 0, "title": "Start" } ] },
  "markers": [ { "id": "lens", "t_in": 1, "t_out": 4, "at": { "yaw_deg": 30, "pitch_deg": -5, "distance_m": 3 },
                 "title": "Lens", "category": "camera", "audio": "narration/lens.ogg", "captions": "narration/lens.vtt" } ],
  "camera": { "hfov_deg": 40, "aspect": 2.39, "clip": { "src": "film.mp4", "offset": 0 } }
}
)";

class Package {
 public:
  Package() {
    std::string pattern = (fs::temp_directory_path() / "ps_fuzz_XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed for " + pattern);
    root_ = pattern;
    for (const char* media : {"plate.mp4", "film.mp4", "proxy.mp4", "plate_tb.mp4", "narration/lens.ogg"})
      write(media, "not decoded by scenes");
    write("narration/lens.vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\nThe lens.\n");
    write("narration/lens.srt", "1\n00:00:00,000 --> 00:00:02,000\nThe lens.\n");
    write("shot.json", kShot);
    write("shots/a/shot.json", kShot);
    write("shots/a/plate.mp4", "not decoded by scenes");
    fs::create_directories(root_ / "shots/empty");
  }
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;
  ~Package() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  const fs::path& root() const { return root_; }

  void write(const std::string& relative, const std::string& content) const {
    const fs::path p = root_ / relative;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out.flush()) fail("cannot write " + p.string());
  }

 private:
  fs::path root_;
};

const Package& instance() {
  static const Package package;
  return package;
}

}  // namespace

const fs::path& package() { return instance().root(); }

void writeFile(const std::string& relative, const std::string& content) { instance().write(relative, content); }

void fail(const std::string& message) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", message.c_str());
  std::abort();
}

}  // namespace ps::fuzz
