#include "event_queue.h"

namespace ps::sim {

void EventQueue::pushBuffer(const XrEventDataBuffer& buf) {
  if (events_.size() >= kCapacity) {
    events_.pop_front();
    ++lost_;
  }
  events_.push_back(buf);
}

XrResult EventQueue::poll(XrEventDataBuffer& out) {
  if (lost_ > 0) {
    auto lost = xrStruct<XrEventDataEventsLost>(XR_TYPE_EVENT_DATA_EVENTS_LOST);
    lost.lostEventCount = lost_;
    lost_ = 0;
    std::memcpy(&out, &lost, sizeof(lost));
    return XR_SUCCESS;
  }
  if (events_.empty()) return XR_EVENT_UNAVAILABLE;
  out = events_.front();
  events_.pop_front();
  return XR_SUCCESS;
}

}  // namespace ps::sim
