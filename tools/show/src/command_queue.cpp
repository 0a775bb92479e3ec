#include "show/command_queue.h"

#include <utility>

namespace ps::show {

std::string_view commandName(CommandKind kind) {
  switch (kind) {
    case CommandKind::Play: return "play";
    case CommandKind::Pause: return "pause";
    case CommandKind::Seek: return "seek";
    case CommandKind::Load: return "load";
    case CommandKind::Next: return "next";
    case CommandKind::Previous: return "previous";
    case CommandKind::Volume: return "volume";
    case CommandKind::Recenter: return "recenter";
    case CommandKind::Attract: return "attract";
    case CommandKind::Step: return "step";
  }
  return "?";
}

bool CommandQueue::push(ShowCommand command) {
  std::lock_guard lock(commandsMutex_);
  if (commands_.size() >= capacity_) return false;
  commands_.push_back(std::move(command));
  return true;
}

void CommandQueue::tryDrain(std::vector<ShowCommand>& out) {
  out.clear();
  std::unique_lock lock(commandsMutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;
  out.swap(commands_);
}

void CommandQueue::reply(ShowReply reply) {
  std::lock_guard lock(repliesMutex_);
  // A reply nobody collects (the network thread gone) must not grow without end either.
  if (replies_.size() < 4 * capacity_) replies_.push_back(std::move(reply));
}

void CommandQueue::takeReplies(std::vector<ShowReply>& out) {
  out.clear();
  std::lock_guard lock(repliesMutex_);
  out.swap(replies_);
}

}  // namespace ps::show
