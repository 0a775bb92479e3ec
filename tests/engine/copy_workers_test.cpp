// The copy workers that fill a picture's planes at once: every job runs exactly once per
// batch, batch after batch, an exception reaches the caller, and batches from several threads
// do not mix.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "copy_workers.h"

namespace ps::engine {
namespace {

TEST(CopyWorkers, EveryJobRunsOncePerBatch) {
  std::vector<std::atomic<int>> runs(6);
  std::vector<std::function<void()>> jobs;
  for (std::size_t i = 0; i < runs.size(); ++i) jobs.emplace_back([&runs, i] { ++runs[i]; });
  for (int batch = 1; batch <= 200; ++batch) {
    runCopyJobs(jobs);
    for (std::size_t i = 0; i < runs.size(); ++i) ASSERT_EQ(runs[i].load(), batch) << "job " << i;
  }
}

TEST(CopyWorkers, AJobsExceptionReachesTheCallerAfterTheOthersRan) {
  std::atomic<int> ran{0};
  std::vector<std::function<void()>> jobs{[&] { ++ran; }, [] { throw std::runtime_error("plane 1"); },
                                          [&] { ++ran; }, [&] { ++ran; }};
  EXPECT_THROW(runCopyJobs(jobs), std::runtime_error);
  EXPECT_EQ(ran.load(), 3);
  jobs.erase(jobs.begin() + 1);
  runCopyJobs(jobs);  // the workers carry on
  EXPECT_EQ(ran.load(), 6);
}

TEST(CopyWorkers, BatchesFromTwoThreadsEachFinishWhole) {
  std::atomic<int> a{0}, b{0};
  std::vector<std::function<void()>> jobsA(5, [&] { ++a; });
  std::vector<std::function<void()>> jobsB(3, [&] { ++b; });
  std::thread other([&] {
    for (int i = 0; i < 100; ++i) runCopyJobs(jobsB);
  });
  for (int i = 0; i < 100; ++i) {
    runCopyJobs(jobsA);
    EXPECT_EQ(a.load() % 5, 0) << "a batch returned before all its jobs ran";
  }
  other.join();
  EXPECT_EQ(a.load(), 500);
  EXPECT_EQ(b.load(), 300);
}

}  // namespace
}  // namespace ps::engine
