#pragma once
// Between the network threads and the player loop: commands in, replies out. Both sides hold
// the lock only to move a few small items; the loop never waits for it (tryDrain gives up and
// leaves the commands for the next frame when a network thread holds it). Bounded: a flood
// of commands is refused at the door rather than growing without end.
#include <cstddef>
#include <mutex>
#include <vector>

#include "show/show_command.h"

namespace ps::show {

class CommandQueue {
 public:
  explicit CommandQueue(std::size_t capacity = 64) : capacity_(capacity) {}

  // Network threads. False when full (the command is not queued).
  bool push(ShowCommand command);
  // Player loop, once per frame: the commands waiting, in order, into `out` (cleared first);
  // none when a network thread holds the lock at that moment.
  void tryDrain(std::vector<ShowCommand>& out);

  // Player loop: a reply to send. Network thread: the replies waiting, into `out` (cleared).
  void reply(ShowReply reply);
  void takeReplies(std::vector<ShowReply>& out);

 private:
  std::size_t capacity_;
  std::mutex commandsMutex_;
  std::vector<ShowCommand> commands_;
  std::mutex repliesMutex_;
  std::vector<ShowReply> replies_;
};

}  // namespace ps::show
