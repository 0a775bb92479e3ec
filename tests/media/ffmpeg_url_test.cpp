// Paths reach FFmpeg as local files only: a name that looks like a protocol is a file,
// a URL is refused without any connection, and a FIFO or a device is refused at once
// instead of blocking the open or feeding it without end.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <future>
#include <thread>

#include "loopback_listener.h"
#include "media/audio_source.h"
#include "media/ffmpeg_url.h"
#include "test_media.h"

namespace ps::media::test {
namespace {

namespace fs = std::filesystem;

// A fresh folder of its own under the system's temp folder, removed at the end.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "ps_ffmpeg_url_XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// Runs in another folder, and with stdin at its end, while it lives: a name read as
// "pipe:0" finds nothing there instead of waiting on a terminal.
struct InFolderWithoutStdin {
  fs::path previous = fs::current_path();
  int savedStdin = ::dup(STDIN_FILENO);
  explicit InFolderWithoutStdin(const fs::path& dir) {
    fs::current_path(dir);
    const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    ::dup2(null, STDIN_FILENO);
    ::close(null);
  }
  ~InFolderWithoutStdin() {
    fs::current_path(previous);
    ::dup2(savedStdin, STDIN_FILENO);
    ::close(savedStdin);
  }
};

// Runs open on another thread; when it has not returned within a second, the FIFO is
// opened for writing and closed, which releases a reader blocked in open(), and the
// test fails. Returns the error, empty when it opened.
template <typename Source>
std::optional<Error> openWithin1s(const fs::path& fifo, const std::function<Result<Source>()>& open) {
  auto done = std::async(std::launch::async, [&] {
    Result<Source> s = open();
    return s ? std::optional<Error>() : std::optional<Error>(s.error());
  });
  if (done.wait_for(std::chrono::seconds(1)) != std::future_status::ready) {
    ADD_FAILURE() << fifo << ": the open did not return within a second";
    const int w = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (w >= 0) ::close(w);
  }
  return done.get();
}

TEST(FfmpegUrl, TellsUrlsFromPaths) {
  EXPECT_TRUE(isUrl("tcp://127.0.0.1:9/x"));
  EXPECT_TRUE(isUrl("srt://host:1"));
  EXPECT_TRUE(isUrl("file:///tmp/x.mp4"));
  EXPECT_FALSE(isUrl("pipe:0"));
  EXPECT_FALSE(isUrl("tcp:127.0.0.1:9"));
  EXPECT_FALSE(isUrl("./a://b"));
  EXPECT_FALSE(isUrl("-y"));
  EXPECT_EQ(fileUrl("/a/b.mp4"), "file:/a/b.mp4");
  EXPECT_EQ(fileUrl("-y"), "file:" + (fs::current_path() / "-y").string());
  EXPECT_EQ(filePatternUrl("/a/100%", "t-%05d.png"), "file:/a/100%%/t-%05d.png");
}

TEST(FfmpegUrl, AFileNamedLikeAProtocolIsReadAsAFile) {
  TempDir dir;
  for (const char* name : {"pipe:0", "tcp:127.0.0.1:1"}) {
    fs::copy_file(mediaFile("gop30_bf3.mp4"), dir.path / name);
    InFolderWithoutStdin in(dir.path);
    Result<VideoSource> s = VideoSource::open(name);
    ASSERT_TRUE(s) << name << ": " << s.error().message();
    EXPECT_EQ(s->info().width, openOrFail("gop30_bf3.mp4").info().width);
    EXPECT_TRUE(s->next()) << name;
  }
}

TEST(FfmpegUrl, AFileUrlIsItsPath) {
  Result<VideoSource> s = VideoSource::open("file://" + fs::absolute(mediaFile("gop30_bf3.mp4")).string());
  ASSERT_TRUE(s) << s.error().message();
}

TEST(FfmpegUrl, ANetworkUrlIsRefusedWithoutConnecting) {
  ps::test::LoopbackListener listener;
  const std::string url = "tcp://127.0.0.1:" + std::to_string(listener.port()) + "/x.mp4";
  Result<VideoSource> v = VideoSource::open(url);
  ASSERT_FALSE(v);
  EXPECT_NE(v.error().message().find("is a URL; only local files are read"), std::string::npos)
      << v.error().message();
  Result<AudioSource> a = AudioSource::open(url);
  ASSERT_FALSE(a);
  EXPECT_NE(a.error().message().find("is a URL"), std::string::npos) << a.error().message();
  EXPECT_FALSE(listener.connected(100)) << "something connected to " << url;
}

TEST(FfmpegUrl, AFifoIsRefusedAtOnce) {
  TempDir dir;
  const fs::path fifo = dir.path / "plate.mp4";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto video = openWithin1s<VideoSource>(fifo, [&] { return VideoSource::open(fifo.string()); });
  ASSERT_TRUE(video);
  EXPECT_NE(video->message().find(fifo.string() + ": is a FIFO (named pipe), not a regular file"), std::string::npos)
      << video->message();
  const auto audio = openWithin1s<AudioSource>(fifo, [&] { return AudioSource::open(fifo.string()); });
  ASSERT_TRUE(audio);
  EXPECT_NE(audio->message().find("is a FIFO (named pipe), not a regular file"), std::string::npos) << audio->message();
}

TEST(FfmpegUrl, ADeviceOrAFolderIsRefused) {
  // /dev/zero would be read without end.
  Result<AudioSource> a = AudioSource::open("/dev/zero");
  ASSERT_FALSE(a);
  EXPECT_NE(a.error().message().find("/dev/zero: is a character device, not a regular file"), std::string::npos)
      << a.error().message();
  Result<VideoSource> v = VideoSource::open(mediaDir());
  ASSERT_FALSE(v);
  EXPECT_NE(v.error().message().find("is a folder, not a file"), std::string::npos) << v.error().message();
}

}  // namespace
}  // namespace ps::media::test
