#pragma once
// An instance's queue of events for xrPollEvent. Bounded: when full, the oldest
// are dropped and an XrEventDataEventsLost is delivered first.
#include <cstdint>
#include <cstring>
#include <deque>

#include "xr_headers.h"

namespace ps::sim {

class EventQueue {
 public:
  template <typename T>
  void push(const T& event) {
    static_assert(sizeof(T) <= sizeof(XrEventDataBuffer));
    XrEventDataBuffer buf{};
    std::memcpy(&buf, &event, sizeof(T));
    pushBuffer(buf);
  }
  // XR_EVENT_UNAVAILABLE when empty.
  XrResult poll(XrEventDataBuffer& out);
  bool empty() const { return events_.empty() && lost_ == 0; }

 private:
  void pushBuffer(const XrEventDataBuffer& buf);
  static constexpr std::size_t kCapacity = 64;
  std::deque<XrEventDataBuffer> events_;
  std::uint32_t lost_ = 0;
};

}  // namespace ps::sim
