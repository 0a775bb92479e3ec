// The thread that copies a picture ahead: each start() runs the job once on its own thread,
// wait() returns after it and rethrows what it threw, a second start() before the wait is
// refused, and destruction waits for a run in progress.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "background_job.h"

namespace ps::engine {
namespace {

TEST(BackgroundJob, EachStartRunsTheJobOnceOnItsOwnThread) {
  std::atomic<int> runs{0};
  std::thread::id ranOn;
  BackgroundJob job([&] {
    ranOn = std::this_thread::get_id();
    ++runs;
  });
  job.wait();  // nothing started: at once
  for (int i = 1; i <= 100; ++i) {
    job.start();
    job.wait();
    ASSERT_EQ(runs.load(), i);
  }
  EXPECT_NE(ranOn, std::this_thread::get_id());
}

TEST(BackgroundJob, WaitRethrowsAndTheNextRunStartsClean) {
  bool fail = true;
  BackgroundJob job([&] {
    if (fail) throw std::runtime_error("plane 0");
  });
  job.start();
  EXPECT_THROW(job.wait(), std::runtime_error);
  fail = false;
  job.start();
  EXPECT_NO_THROW(job.wait());
}

TEST(BackgroundJob, AStartBeforeTheWaitIsRefused) {
  BackgroundJob job([] {});
  job.start();
  EXPECT_THROW(job.start(), std::logic_error);
  job.wait();
}

TEST(BackgroundJob, DestructionWaitsForARunInProgress) {
  std::atomic<bool> entered{false}, release{false}, finished{false};
  std::thread releaser;
  {
    BackgroundJob job([&] {
      entered = true;
      while (!release) std::this_thread::yield();
      finished = true;
    });
    job.start();
    while (!entered) std::this_thread::yield();
    // Released only after the job is being destroyed (give the destructor a head start).
    releaser = std::thread([&] {
      for (int i = 0; i < 10000; ++i) std::this_thread::yield();
      release = true;
    });
  }
  EXPECT_TRUE(finished.load());
  releaser.join();
}

}  // namespace
}  // namespace ps::engine
