#include "background_job.h"

#include <stdexcept>

namespace ps::engine {

void BackgroundJob::start() {
  if (started_) throw std::logic_error("BackgroundJob::start while the last run was not waited for");
  if (!thread_.joinable()) thread_ = std::jthread([this](std::stop_token stop) { work(stop); });
  {
    const std::lock_guard lock(mutex_);
    requested_ = true;
    finished_ = false;
    error_ = nullptr;
  }
  started_ = true;
  wake_.notify_one();
}

void BackgroundJob::wait() {
  if (!started_) return;
  std::exception_ptr error;
  {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return finished_; });
    error = error_;
    error_ = nullptr;
  }
  started_ = false;
  if (error) std::rethrow_exception(error);
}

void BackgroundJob::work(std::stop_token stop) {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (!wake_.wait(lock, stop, [this] { return requested_; })) return;  // stopped
      requested_ = false;
    }
    std::exception_ptr error;
    try {
      job_();
    } catch (...) {
      error = std::current_exception();
    }
    {
      const std::lock_guard lock(mutex_);
      error_ = error;
      finished_ = true;
    }
    done_.notify_all();
  }
}

}  // namespace ps::engine
