#include "kill_mid_save.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

namespace ps::test {

bool killMidSave(const std::function<bool()>& saveOnce, std::chrono::microseconds window, std::mt19937& rng) {
  int progress[2];
  if (::pipe(progress) != 0) throw std::runtime_error("killMidSave: pipe failed");
  const pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("killMidSave: fork failed");
  if (child == 0) {
    ::close(progress[0]);
    // Tell the parent after each save, so that it can let a few through before the kill.
    for (;;) {
      if (!saveOnce()) ::_exit(2);
      const char tick = 1;
      if (::write(progress[1], &tick, 1) != 1) ::_exit(3);
    }
  }
  ::close(progress[1]);
  const int saves = std::uniform_int_distribution<int>(0, 3)(rng);
  char tick = 0;
  for (int k = 0; k < saves; ++k)
    if (::read(progress[0], &tick, 1) != 1) break;  // the child is gone: waitpid says how
  const auto most = static_cast<unsigned>(window.count() > 0 ? window.count() : 0);
  ::usleep(std::uniform_int_distribution<unsigned>(0, most)(rng));
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(progress[0]);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

}  // namespace ps::test
