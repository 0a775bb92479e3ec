// prep builds its package in "<target>.partial-<pid>", a name anyone can predict. A link
// planted there (here by the shell that then becomes prep, so the pid is known) must never
// be written through: the folder prep writes into is one it made itself, exclusively.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "process.h"

namespace ps::test {
namespace {

namespace fs = std::filesystem;

const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";
const std::string kMedia = PS_TEST_MEDIA_DIR "/prep";

TEST(PrepStaging, APlantedLinkAtThePartialNameIsNeverWrittenThrough) {
  std::string templ = (fs::temp_directory_path() / "ps_staging_XXXXXX").string();
  ASSERT_NE(::mkdtemp(templ.data()), nullptr);
  const fs::path dir = templ;
  const fs::path victim = dir / "victim", target = dir / "pkg";
  fs::create_directory(victim);
  // $$ is the shell's pid, which exec hands on to prep.
  const auto r = runShell("ln -s " + victim.string() + " " + target.string() + ".partial-$$ && exec " + kPerfectshot +
                          " --log-level warn prep " + kMedia + "/master.mp4 -o " + target.string());
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_TRUE(fs::is_empty(victim)) << "prep wrote through the planted link";
  EXPECT_TRUE(fs::is_directory(fs::symlink_status(target)));
  EXPECT_TRUE(fs::exists(target / "shot.json"));
  for (const auto& e : fs::directory_iterator(dir))
    EXPECT_EQ(e.path().filename().string().find(".partial-"), std::string::npos) << e.path();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ps::test
