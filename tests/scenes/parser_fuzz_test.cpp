// A seeded mutation fuzzer for everything that reads untrusted text: shot.json,
// playlists, caption files, and the editor opening and editing what it read.
// Bounded for CI; PS_FUZZ_SECONDS=600 PS_FUZZ_SEED=n runs it longer or elsewhere.
// The coverage-guided fuzzers are in tests/fuzz (clang's libFuzzer); this loop stays
// because it runs in the GCC build, and it reaches what their inputs (16 KiB at most)
// do not: nesting 2^17 deep, and a time bound on one whole document.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "package_fixture.h"
#include "scenes/caption.h"
#include "scenes/playlist.h"
#include "scenes/shot_document.h"
#include "scenes/shot_loader.h"

namespace ps::scenes {
namespace {

using Clock = std::chrono::steady_clock;

double envNumber(const char* name, double fallback) {
  const char* v = std::getenv(name);
  return v ? std::strtod(v, nullptr) : fallback;
}

class Mutator {
 public:
  Mutator(std::uint32_t seed, std::vector<std::string> corpus) : rng_(seed), corpus_(std::move(corpus)) {}

  std::string next() {
    std::string s = pick(corpus_);
    const int rounds = 1 + below(4);
    for (int i = 0; i < rounds; ++i) mutate(s);
    return s;
  }

 private:
  int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  std::size_t at(const std::string& s) { return s.empty() ? 0 : static_cast<std::size_t>(below(static_cast<int>(s.size()) + 1)); }
  template <typename T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(below(static_cast<int>(v.size())))]; }

  void mutate(std::string& s) {
    static const std::vector<std::string> tokens = {
        "1e999", "-1e999", "1e-400", "123456789012345678901234567890", "-0", "NaN", "Infinity", "-Infinity",
        "0x10", "null", "true", "[]", "{}", "\"\"", "\"..\"", "\"../x\"", "\"/etc/passwd\"", "\"\\u0000\"",
        "\"\\ud800\"", "\"a\\/b\"", "\"~1\"", "18446744073709551616", "-9223372036854775809", "1.7976931348623157e308",
        "\"perfectshot/1\"", "\"perfectshot-playlist/1\"", "\"plate.mp4\"", "\"narration/lens.vtt\"", ",", ":", "\"",
        "\xff\xfe", "WEBVTT\n\n", " --> ", "00:00.000", "99:99:99,999"};
    switch (below(8)) {
      case 0:  // flip bits of a few bytes
        for (int i = below(4); i >= 0 && !s.empty(); --i) s[at(s) % s.size()] ^= static_cast<char>(1 << below(8));
        break;
      case 1:  // truncate
        s.resize(at(s));
        break;
      case 2: {  // splice: a prefix of this with a suffix of another document
        const std::string& other = pick(corpus_);
        s = s.substr(0, at(s)) + other.substr(at(other) % (other.size() + 1));
        break;
      }
      case 3: {  // deep nesting
        const int depth = 1 << below(18);
        const std::string open = below(2) ? "[" : "{\"a\":";
        std::string nest;
        for (int i = 0; i < depth; ++i) nest += open;
        s.insert(at(s), nest);
        break;
      }
      case 4:  // an odd token somewhere
        s.insert(at(s), pick(tokens));
        break;
      case 5: {  // replace a number by an odd token
        const auto digit = s.find_first_of("0123456789", at(s));
        if (digit != std::string::npos) s.replace(digit, 1 + below(3), pick(tokens));
        break;
      }
      case 6: {  // duplicate a slice
        const std::size_t a = at(s), len = std::min<std::size_t>(s.size() - std::min(a, s.size()), 1 + static_cast<std::size_t>(below(200)));
        s.insert(at(s), s.substr(std::min(a, s.size()), len));
        break;
      }
      default:  // delete a slice
        if (!s.empty()) s.erase(at(s) % s.size(), 1 + static_cast<std::size_t>(below(50)));
        break;
    }
  }

  std::mt19937 rng_;
  std::vector<std::string> corpus_;
};

TEST(ParserFuzz, NoCrashHangOrLeakOnMutatedDocuments) {
  test::TempPackage pkg("fuzz");
  pkg.write("episode/shot/shot.json", test::validShotJson());
  const auto seed = static_cast<std::uint32_t>(envNumber("PS_FUZZ_SEED", 1));
  const double seconds = envNumber("PS_FUZZ_SECONDS", 5);
  const int maxIterations = static_cast<int>(envNumber("PS_FUZZ_ITERATIONS", 1e9));
  Mutator mutator(seed, {test::validShotJson(), test::validCaptionsVtt(),
                         R"({"format":"perfectshot-playlist/1","title":"E","items":[{"shot":"episode/shot"},)"
                         R"({"title_card":{"title":"T","text":"x","seconds":3}}]})",
                         "1\n00:00:01,000 --> 00:00:02,000\nOne\n\n2\n00:00:03,000 --> 00:00:05,500\nTwo\n"});

  const auto start = Clock::now();
  double slowest = 0;
  int iterations = 0;
  std::size_t problems = 0;
  while (iterations < maxIterations && std::chrono::duration<double>(Clock::now() - start).count() < seconds) {
    const std::string text = mutator.next();
    const auto t0 = Clock::now();
    problems += parseShot(text, pkg.shotJson()).problems.size();
    problems += parsePlaylist(text, pkg.root() / "episode.json").problems.size();
    problems += parseCaptions(text, CaptionFormat::WebVtt).problems.size();
    problems += parseCaptions(text, CaptionFormat::Srt).problems.size();
    if (iterations % 16 == 0) {
      // The editor must survive whatever a file holds: open, edit, render, undo.
      pkg.write("shot.json", text);
      if (auto doc = ShotDocument::open(pkg.root())) {
        if (doc->addMarker(10, 5, 2).ok()) (void)doc->text();
        (void)doc->deleteMarker("lens");
        doc->undo();
        (void)doc->text();
      }
    }
    slowest = std::max(slowest, std::chrono::duration<double>(Clock::now() - t0).count());
    ++iterations;
  }
  RecordProperty("iterations", iterations);
  RecordProperty("problems", static_cast<int>(problems));
  EXPECT_GT(iterations, 100) << "the fuzzer hardly ran";
  EXPECT_GT(problems, 0u) << "mutations that never break a document test nothing";
  // Parsing is linear: one document must never take long, even under sanitizers.
  EXPECT_LT(slowest, 2.0) << "the slowest document took " << slowest << " s";
}

}  // namespace
}  // namespace ps::scenes
