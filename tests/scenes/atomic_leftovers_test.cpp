// What an atomic save leaves and what it writes through: a save killed between its write and
// its rename leaves ".shot.json.XXXXXX.tmp"; a later save removes such leftovers (regular files
// of exactly that pattern, old enough not to be another save in flight), never through a link.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/time.h>

#include <filesystem>
#include <fstream>

#include "package_fixture.h"
#include "scenes/atomic_file.h"

namespace ps::scenes {
namespace {

namespace fs = std::filesystem;

using test::readFile;

// Sets a file's (or a link's own) modification time `seconds` into the past.
void age(const fs::path& p, int seconds) {
  timeval times[2];
  ::gettimeofday(&times[0], nullptr);
  times[0].tv_sec -= seconds;
  times[1] = times[0];
  ASSERT_EQ(::lutimes(p.c_str(), times), 0) << p;
}

TEST(AtomicLeftovers, ALaterSaveRemovesOldLeftoversOfItsOwnNameOnly) {
  test::TempPackage pkg("leftovers");
  const fs::path file = pkg.write("shot.json", "old");
  const fs::path stale = pkg.write(".shot.json.Ab12Cd.tmp", "killed mid-save");
  const fs::path fresh = pkg.write(".shot.json.Zz99Yy.tmp", "another save in flight");
  const fs::path otherName = pkg.write(".other.json.Ab12Cd.tmp", "not ours");
  const fs::path longer = pkg.write(".shot.json.Ab12Cd7.tmp", "not the pattern");
  const fs::path victim = pkg.write("victim.txt", "keep me");
  const fs::path link = pkg.root() / ".shot.json.Lnk000.tmp";
  fs::create_symlink(victim, link);
  for (const fs::path& p : {stale, otherName, longer, victim, link}) age(p, 3600);

  EXPECT_EQ(atomicWriteLeftovers(file).size(), 2u);  // stale and fresh: the link is not one
  ASSERT_TRUE(writeFileAtomically(file, "new").ok());
  EXPECT_EQ(readFile(file), "new");
  EXPECT_FALSE(fs::exists(fs::symlink_status(stale))) << "an hour-old leftover stays";
  EXPECT_TRUE(fs::exists(fresh)) << "a temporary file written just now may be another process's save";
  EXPECT_TRUE(fs::exists(otherName));
  EXPECT_TRUE(fs::exists(longer));
  EXPECT_TRUE(fs::is_symlink(link)) << "a link is never removed";
  EXPECT_EQ(readFile(victim), "keep me");
  EXPECT_EQ(atomicWriteLeftovers(file), std::vector<fs::path>{fresh});
}

TEST(AtomicLeftovers, ALinkAtTheTargetIsReplacedNotWrittenThrough) {
  test::TempPackage pkg("atomic_target_link");
  const fs::path victim = pkg.write("victim.txt", "keep me");
  const fs::path file = pkg.root() / "out.png";
  fs::create_symlink(victim, file);
  ASSERT_TRUE(writeFileAtomically(file, "picture").ok());
  EXPECT_EQ(readFile(victim), "keep me");
  EXPECT_FALSE(fs::is_symlink(file));
  EXPECT_EQ(readFile(file), "picture");
}

}  // namespace
}  // namespace ps::scenes
