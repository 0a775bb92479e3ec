#pragma once
// A follower's estimate of how far the leader's wall clock is ahead of its own, from round
// trips (NTP's arithmetic): the follower stamps a ping when it sends it (t0), the leader when it
// receives it (t1) and answers (t2), the follower when the answer comes (t3). Then
//   offset = ((t1 - t0) + (t2 - t3)) / 2,   delay = (t3 - t0) - (t2 - t1),
// exact when the two ways take equally long; the error is at most half the delay. Of the last
// few samples the one with the least delay is kept (NTP's clock filter): a packet held in a queue
// makes a long delay and a skewed offset, and is passed over.
// This refines what the OS's own synchronisation leaves; it does not replace it: a follower
// reports the offset it measures and warns when it is over half a frame.
#include <cstddef>
#include <deque>
#include <optional>

namespace ps::sync {

struct RoundTrip {
  double sent = 0;      // t0, follower clock
  double received = 0;  // t1, leader clock
  double answered = 0;  // t2, leader clock
  double back = 0;      // t3, follower clock
};

struct OffsetEstimate {
  double offsetSeconds = 0;  // leader clock minus follower clock
  double delaySeconds = 0;   // the round trip's time on the network, of the sample kept
  std::size_t samples = 0;   // round trips held
};

class ClockOffset {
 public:
  explicit ClockOffset(std::size_t window = 16) : window_(window < 1 ? 1 : window) {}
  // A round trip that makes no sense (an answer before its ping, a negative delay beyond what
  // clock resolution explains, anything not finite) is dropped; returns whether it was kept.
  bool add(const RoundTrip& r);
  std::optional<OffsetEstimate> estimate() const;
  void clear() { samples_.clear(); }

 private:
  struct Sample {
    double offset, delay;
  };
  std::size_t window_;
  std::deque<Sample> samples_;
};

}  // namespace ps::sync
