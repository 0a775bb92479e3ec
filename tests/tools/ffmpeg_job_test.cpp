// The ffmpeg job relays the child's last error lines whole: an error message never
// starts or ends in the middle of one of its lines.
#include "ffmpeg_job.h"

#include <gtest/gtest.h>

#include <string>

namespace ps::tools {
namespace {

TEST(FfmpegJob, RelaysTheLastErrorLinesWhole) {
  // 200 lines of 100 bytes: more than the job keeps, so it has to cut, at a line start.
  const std::string script =
      "i=0; while [ $i -lt 200 ]; do printf 'line %03d %090d\\n' $i 0 >&2; i=$((i+1)); done; "
      "printf 'last words without a newline' >&2; exit 3";
  auto job = runFfmpegJob({"sh", "-c", script}, [](double) {}, [] { return false; });
  ASSERT_TRUE(job) << job.error().message();
  EXPECT_EQ(job->exitCode, 3);
  ASSERT_EQ(job->errorLines.size(), 4u);
  EXPECT_EQ(job->errorLines[0], "line 197 " + std::string(90, '0'));
  EXPECT_EQ(job->errorLines[2], "line 199 " + std::string(90, '0'));
  EXPECT_EQ(job->errorLines[3], "last words without a newline");
  EXPECT_EQ(job->errorSummary().find('\n'), std::string::npos);
}

TEST(FfmpegJob, LastLinesDropsACutFirstLine) {
  EXPECT_EQ(lastLines("ut)\nwhole one\n\nwhole two\n", 4, /*partialStart=*/true),
            (std::vector<std::string>{"whole one", "whole two"}));
  EXPECT_EQ(lastLines("first\r\nsecond", 4, /*partialStart=*/false), (std::vector<std::string>{"first", "second"}));
  EXPECT_EQ(lastLines("a\nb\nc\n", 2, false), (std::vector<std::string>{"b", "c"}));
  EXPECT_TRUE(lastLines("", 4, false).empty());
}

}  // namespace
}  // namespace ps::tools
