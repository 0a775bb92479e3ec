#pragma once
// A held control repeating its step, as a keyboard's auto-repeat does: the push itself is one
// step; held past a delay, it steps again at a steady rate for as long as it stays held in the
// same direction. Time is the caller's (a frame's display time), so a test steps it; a frame
// late by several periods gets all the steps it is owed at once (the caller may apply them as
// one change). Plain logic, no input device here.
namespace ps::ui {

struct RepeatRules {
  double delayS = 0.4;  // from the push to the first repeat
  double rateHz = 10;   // repeats per second after that
};

class HeldRepeat {
 public:
  explicit HeldRepeat(RepeatRules rules = {}) : rules_(rules) {}

  // The steps to take at `nowS` (seconds, any clock that only increases): `push` the pushes
  // since the last call (+n / -n; a push restarts the delay in its direction), `held` the
  // direction held now (+1, -1, 0: let go). Negative: steps back.
  int steps(int push, int held, double nowS);
  // Forget the push in progress (its owner stopped listening: a menu closed).
  void reset() { direction_ = 0; }

 private:
  RepeatRules rules_;
  int direction_ = 0;  // of the push being held; 0: none
  double since_ = 0;   // when it was pushed
  long long repeated_ = 0;  // repeats given for it so far
};

}  // namespace ps::ui
