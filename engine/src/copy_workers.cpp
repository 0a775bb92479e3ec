#include "copy_workers.h"

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

namespace ps::engine {

namespace {

class CopyWorkers {
 public:
  explicit CopyWorkers(unsigned count) {
    for (unsigned i = 0; i < count; ++i)
      threads_.emplace_back([this](std::stop_token stop) { work(stop); });
  }
  CopyWorkers(const CopyWorkers&) = delete;
  CopyWorkers& operator=(const CopyWorkers&) = delete;
  ~CopyWorkers() {
    for (std::jthread& t : threads_) t.request_stop();
    wake_.notify_all();
  }

  void run(std::span<const std::function<void()>> jobs) {
    const std::lock_guard batch(batchMutex_);
    {
      const std::lock_guard lock(mutex_);
      jobs_ = jobs;
      next_ = 0;
      unfinished_ = jobs.size();
      error_ = nullptr;
    }
    wake_.notify_all();
    runJobs();
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return unfinished_ == 0; });
    jobs_ = {};
    if (error_) std::rethrow_exception(error_);
  }

 private:
  void work(std::stop_token stop) {
    for (;;) {
      {
        std::unique_lock lock(mutex_);
        if (!wake_.wait(lock, stop, [this] { return next_ < jobs_.size(); })) return;  // stopped
      }
      runJobs();
    }
  }

  // Takes jobs until none is left to take.
  void runJobs() {
    for (;;) {
      std::size_t index = 0;
      {
        const std::lock_guard lock(mutex_);
        if (next_ >= jobs_.size()) return;
        index = next_++;
      }
      std::exception_ptr error;
      try {
        jobs_[index]();
      } catch (...) {
        error = std::current_exception();
      }
      const std::lock_guard lock(mutex_);
      if (error && !error_) error_ = error;
      if (--unfinished_ == 0) done_.notify_all();
    }
  }

  std::mutex batchMutex_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::condition_variable done_;
  std::span<const std::function<void()>> jobs_;
  std::size_t next_ = 0;
  std::size_t unfinished_ = 0;
  std::exception_ptr error_;
  std::vector<std::jthread> threads_;  // last: they stop and join before the rest goes
};

}  // namespace

void runCopyJobs(std::span<const std::function<void()>> jobs) {
  if (jobs.size() <= 1) {
    for (const auto& job : jobs) job();
    return;
  }
  // Up to three helpers beside the caller: a stereo picture has at most six planes, and the
  // decoder's threads want the rest of the cores.
  static CopyWorkers workers(std::min(3u, std::max(1u, std::thread::hardware_concurrency()) - 1));
  workers.run(jobs);
}

}  // namespace ps::engine
