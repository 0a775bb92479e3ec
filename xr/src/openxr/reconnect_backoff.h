#pragma once
// When to try reconnecting after the runtime was lost: the first try `minSeconds` after
// the loss, each failed try doubling the wait up to `maxSeconds`. Time is passed in
// (seconds on any monotonic clock), so tests step it instead of sleeping.
namespace ps::xr::openxr {

class ReconnectBackoff {
 public:
  ReconnectBackoff(double minSeconds, double maxSeconds);

  // The connection was lost at `now`: the first try is due after the minimum wait.
  void lost(double now);
  // A try may be made now (false while connected).
  bool due(double now) const;
  // The try made at `now` failed: wait twice as long (capped) before the next.
  void failed(double now);
  // A try succeeded: nothing is due until the next loss.
  void connected();

  bool waiting() const { return waiting_; }
  double nextAttempt() const { return nextAttempt_; }  // meaningful while waiting()
  double delay() const { return delay_; }              // seconds between the last failure or loss and nextAttempt

 private:
  double min_;
  double max_;
  double delay_ = 0;
  double nextAttempt_ = 0;
  bool waiting_ = false;
};

}  // namespace ps::xr::openxr
