// Text inputs that are not regular files, or too large: a FIFO, a device, /dev/zero behind a
// link. Each gives an error that says what the file is, at once and with bounded memory;
// none blocks. Each case runs in a child process (a death test) under alarm(): the old
// reader blocked forever on a FIFO and read /dev/zero until memory ran out.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

#include "package_fixture.h"
#include "scenes/playlist.h"
#include "scenes/shot_loader.h"
#include "scenes/text_file.h"

namespace ps::scenes {
namespace {

namespace fs = std::filesystem;

// Exits 0 when check() holds within 2 s (SIGALRM kills it otherwise), 1 when it does not.
[[noreturn]] void inTwoSeconds(const std::function<bool()>& check) {
  ::alarm(2);
  std::_Exit(check() ? 0 : 1);
}

bool mentions(const Error& e, const std::string& what) {
  const bool found = e.message().find(what) != std::string::npos;
  if (!found) std::fprintf(stderr, "%s\n", e.message().c_str());
  return found;
}

TEST(SpecialFiles, AFifoAsShotJsonIsRefusedAtOnceWithTheReason) {
  test::TempPackage pkg("special_fifo_shot");
  ASSERT_EQ(::mkfifo(pkg.shotJson().c_str(), 0644), 0);
  EXPECT_EXIT(inTwoSeconds([&] {
                auto shot = loadShot(pkg.root());
                return !shot.ok() && mentions(shot.error(), "is a FIFO (named pipe), not a regular file") &&
                       mentions(shot.error(), pkg.shotJson().string());
              }),
              ::testing::ExitedWithCode(0), "");
}

TEST(SpecialFiles, DevZeroLinkedAsShotJsonIsRefusedWithBoundedMemory) {
  test::TempPackage pkg("special_zero_shot");
  fs::create_symlink("/dev/zero", pkg.shotJson());
  EXPECT_EXIT(inTwoSeconds([&] {
                auto shot = loadShot(pkg.root());
                return !shot.ok() && mentions(shot.error(), "is a character device, not a regular file");
              }),
              ::testing::ExitedWithCode(0), "");
}

TEST(SpecialFiles, AFifoAsCaptionsIsAnErrorAtTheCaptionsPointer) {
  test::TempPackage pkg("special_fifo_captions");
  pkg.write("shot.json", test::validShotJson());
  fs::remove(pkg.root() / "narration" / "lens.vtt");
  ASSERT_EQ(::mkfifo((pkg.root() / "narration" / "lens.vtt").c_str(), 0644), 0);
  EXPECT_EXIT(inTwoSeconds([&] {
                auto shot = loadShot(pkg.root());
                return !shot.ok() && mentions(shot.error(), "/captions") && mentions(shot.error(), "FIFO");
              }),
              ::testing::ExitedWithCode(0), "");
}

TEST(SpecialFiles, ADeviceNodeAsCaptionsIsAnError) {
  test::TempPackage pkg("special_device_captions");
  pkg.write("shot.json", test::validShotJson());
  const fs::path captions = pkg.root() / "narration" / "lens.vtt";
  fs::remove(captions);
  // /dev/zero's numbers; making a device node needs CAP_MKNOD (tests usually run as root).
  if (::mknod(captions.c_str(), S_IFCHR | 0644, ::makedev(1, 5)) != 0) GTEST_SKIP() << "cannot mknod here";
  EXPECT_EXIT(inTwoSeconds([&] {
                auto shot = loadShot(pkg.root());
                return !shot.ok() && mentions(shot.error(), "character device");
              }),
              ::testing::ExitedWithCode(0), "");
}

TEST(SpecialFiles, AFifoAsAPlaylistIsRefusedAtOnce) {
  test::TempPackage pkg("special_fifo_playlist");
  const fs::path playlist = pkg.root() / "episode.json";
  ASSERT_EQ(::mkfifo(playlist.c_str(), 0644), 0);
  EXPECT_EXIT(inTwoSeconds([&] {
                auto p = loadPlaylist(playlist);
                return !p.ok() && mentions(p.error(), "FIFO");
              }),
              ::testing::ExitedWithCode(0), "");
}

TEST(TextFile, AFileOverTheCapIsRefusedWithTheLimit) {
  test::TempPackage pkg("text_cap");
  // Sparse: 9 MiB of size costs nothing on disk.
  const fs::path big = pkg.root() / "shot.json";
  { std::ofstream(big) << "{}"; }
  fs::resize_file(big, kMaxTextFileBytes + (1u << 20));
  auto text = readTextFile(big);
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.error().what.find("larger than the 8 MiB limit"), std::string::npos) << text.error().message();
  auto shot = loadShot(pkg.root());
  ASSERT_FALSE(shot.ok());
  EXPECT_NE(shot.error().message().find("8 MiB"), std::string::npos) << shot.error().message();
}

TEST(TextFile, TheCapIsExactAndHoldsForFilesThatClaimNoSize) {
  test::TempPackage pkg("text_cap_exact");
  const fs::path file = pkg.write("ten.txt", "0123456789");
  auto exact = readTextFile(file, 10);
  ASSERT_TRUE(exact.ok()) << exact.error().message();
  EXPECT_EQ(exact.value(), "0123456789");
  EXPECT_FALSE(readTextFile(file, 9).ok());
  // A /proc file says size 0 and is regular: the cap holds on what is read.
  auto proc = readTextFile("/proc/self/maps", 16);
  ASSERT_FALSE(proc.ok());
  EXPECT_NE(proc.error().what.find("16 bytes"), std::string::npos) << proc.error().message();
  EXPECT_TRUE(readTextFile("/proc/self/maps").ok());
}

TEST(TextFile, ReasonsAreKept) {
  test::TempPackage pkg("text_reasons");
  auto missing = loadShot(pkg.root() / "nothing_here");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message().find("No such file or directory"), std::string::npos) << missing.error().message();
  auto folder = readTextFile(pkg.root());
  ASSERT_FALSE(folder.ok());
  EXPECT_NE(folder.error().what.find("is a folder"), std::string::npos) << folder.error().message();
  EXPECT_EQ(describeSize(8u << 20), "8 MiB");
  EXPECT_EQ(describeSize(1536), "1536 bytes");
}

}  // namespace
}  // namespace ps::scenes
