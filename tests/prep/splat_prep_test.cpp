// perfectshot prep and lint on splat captures: a .ply into SPZ, a 4D folder into per-frame SPZ
// or the compact video form, each read back; options of the other branches refused; a shot
// naming the results lints clean, and a broken capture is reported at its medium.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "make_splats/object_set.h"
#include "make_splats/splat_sequence.h"
#include "media/splat_files.h"
#include "media/splat_sequence.h"
#include "process.h"
#include "temp_dir.h"

namespace {

namespace fs = std::filesystem;
using ps::test::run;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";

ps::make_splats::ObjectSetSpec small() {
  ps::make_splats::ObjectSetSpec spec;
  spec.splats = 400;
  return spec;
}

TEST(PrepSplats, APlyBecomesAnSpzThatReadsBackTheSameSplats) {
  ps::test::TempDir dir("prep_splats");
  const auto cloud = ps::make_splats::objectSetSplats(small());
  ASSERT_TRUE(ps::media::writeSplatPly(cloud, dir.path() / "objects.ply").ok());
  const auto r = run({kPerfectshot, "prep", (dir.path() / "objects.ply").string(), "-o", (dir.path() / "pkg").string()});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("splats.spz is the splats medium's src"), std::string::npos) << r.output;
  auto back = ps::media::readSplatFile(dir.path() / "pkg" / "splats.spz");
  ASSERT_TRUE(back.ok()) << back.error().message();
  EXPECT_EQ(back->cloud.size(), cloud.size());
  EXPECT_EQ(back->format, ps::media::SplatFileFormat::Spz);
  EXPECT_EQ(back->version, 3);
  // Again without --force: the package is kept.
  const auto again = run({kPerfectshot, "prep", (dir.path() / "objects.ply").string(), "-o", (dir.path() / "pkg").string()});
  EXPECT_NE(again.exitCode, 0);
  EXPECT_NE(again.output.find("already exists"), std::string::npos) << again.output;
}

TEST(PrepSplats, A4DFolderBecomesPerFrameSpzOrTheVideoFormAndPlaysExactFrames) {
  ps::test::TempDir dir("prep_splats");
  ASSERT_TRUE(ps::make_splats::writeSplatSequence(dir.path() / "capture", 6, 30.0, small()).ok());
  for (const char* form : {"spz", "video"}) {
    const fs::path out = dir.path() / (std::string("pkg-") + form);
    const auto r = run({kPerfectshot, "prep", (dir.path() / "capture").string(), "-o", out.string(), "--splat-form", form});
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("the folder is the splat-sequence's src"), std::string::npos) << r.output;
    EXPECT_EQ(fs::exists(out / "splat-video.json"), std::string(form) == "video");
    ps::media::SplatSequenceOptions o;
    o.fps = 30;
    o.prefetch = ps::media::Prefetch::Manual;
    auto seq = ps::media::SplatSequence::openFolder(out, o);
    ASSERT_TRUE(seq.ok()) << seq.error().message();
    ASSERT_EQ((*seq)->frameCount(), 6u) << form;
    for (int i : {5, 0, 3}) {
      (*seq)->show(i / 30.0);
      (*seq)->pump();
      const auto f = (*seq)->show(i / 30.0);
      ASSERT_TRUE(f.cloud) << form;
      EXPECT_EQ(ps::make_splats::decodeFrameCode(*f.cloud), std::optional<std::uint32_t>(i)) << form;
    }
  }
}

TEST(PrepSplats, OptionsOfAnotherKindAreRefusedNotIgnored) {
  ps::test::TempDir dir("prep_splats");
  ASSERT_TRUE(ps::media::writeSplatPly(ps::make_splats::objectSetSplats(small()), dir.path() / "objects.ply").ok());
  const std::string ply = (dir.path() / "objects.ply").string(), out = (dir.path() / "pkg").string();
  auto r = run({kPerfectshot, "prep", ply, "-o", out, "--splat-form", "video"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("--splat-form: video is for a 4D capture"), std::string::npos) << r.output;
  r = run({kPerfectshot, "prep", ply, "-o", out, "--compression", "draco"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("--compression: is not for a splat capture"), std::string::npos) << r.output;
  r = run({kPerfectshot, "prep", ply, "-o", out, "--preset", "fast"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_FALSE(fs::exists(out));
}

TEST(LintSplats, AShotOfSplatsLintsCleanAndABrokenCaptureIsNamedAtItsMedium) {
  ps::test::TempDir dir("prep_splats");
  const fs::path pkg = dir.path() / "shot";
  fs::create_directories(pkg);
  ASSERT_TRUE(ps::media::writeSplatPly(ps::make_splats::objectSetSplats(small()), pkg / "objects.ply").ok());
  ASSERT_TRUE(ps::make_splats::writeSplatSequence(pkg / "capture", 3, 30.0, small()).ok());
  const auto shot = [&](const std::string& splatsSrc) {
    std::ofstream(pkg / "shot.json", std::ios::trunc)
        << R"({"format": "perfectshot/1", "title": "t", "media": [
             {"id": "objects", "kind": "splats", "src": ")"
        << splatsSrc << R"("},
             {"id": "moving", "kind": "splat-sequence", "src": "capture", "fps": 30}],
           "timeline": {"fps": "30", "in": 0, "out": 1}})";
  };
  shot("objects.ply");
  auto r = run({kPerfectshot, "lint", (pkg / "shot.json").string()});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  std::ofstream(pkg / "broken.ply", std::ios::binary) << "ply\nformat binary_little_endian 1.0\nelement vertex 1000\n"
                                                      << "property float x\nend_header\n";
  shot("broken.ply");
  r = run({kPerfectshot, "lint", (pkg / "shot.json").string()});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("#/media/0/src: error: "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("broken.ply"), std::string::npos) << r.output;
}

}  // namespace
