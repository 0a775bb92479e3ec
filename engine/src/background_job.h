#pragma once
// One thread that runs a fixed job when asked: a picture's planes copied ahead of the display
// frame that shows it, while the loop thread waits for its next display slot. One run at a
// time: start() after the previous run was waited for. The thread is made on the first start()
// and joined by the destructor, which waits for a run in progress.
// Thread: one owner thread calls start() and wait().
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>

namespace ps::engine {

class BackgroundJob {
 public:
  explicit BackgroundJob(std::function<void()> job) : job_(std::move(job)) {}
  BackgroundJob(const BackgroundJob&) = delete;
  BackgroundJob& operator=(const BackgroundJob&) = delete;
  ~BackgroundJob() = default;  // the thread stops (after a run in progress) and is joined

  // Runs the job once on the thread. Throws std::logic_error while a run is not waited for.
  void start();
  // Blocks until the run started last has ended and rethrows what it threw; at once when none.
  void wait();

 private:
  void work(std::stop_token stop);

  std::function<void()> job_;
  bool started_ = false;  // the owner's: start() without wait()
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::condition_variable done_;
  bool requested_ = false;
  bool finished_ = false;
  std::exception_ptr error_;
  std::jthread thread_;  // last: it stops and joins before the rest goes
};

}  // namespace ps::engine
