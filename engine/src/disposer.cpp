#include "engine/disposer.h"

#include <algorithm>

namespace ps::engine {

std::size_t Disposer::collect(std::uint64_t completedSerial) {
  // Entries arrive in nearly increasing serial order, but not strictly (a layer may hand over
  // a resource last used a frame earlier), so look at all of them.
  std::size_t freed = 0;
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (it->lastUse <= completedSerial) {
      it->release();
      it = pending_.erase(it);
      ++freed;
    } else {
      ++it;
    }
  }
  return freed;
}

void Disposer::releaseAll() {
  while (!pending_.empty()) {
    pending_.front().release();
    pending_.pop_front();
  }
}

}  // namespace ps::engine
