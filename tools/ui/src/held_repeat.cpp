#include "ui/held_repeat.h"

#include <cmath>

namespace ps::ui {

int HeldRepeat::steps(int push, int held, double nowS) {
  if (push != 0) {
    direction_ = push > 0 ? 1 : -1;
    since_ = nowS;
    repeated_ = 0;
    return push;
  }
  if (direction_ == 0 || held != direction_) {
    direction_ = 0;
    return 0;
  }
  const double after = nowS - since_ - rules_.delayS;
  if (after < 0 || rules_.rateHz <= 0) return 0;
  // Counted from the push, not from the last call: the rate does not depend on the frame rate.
  const auto due = static_cast<long long>(std::floor(after * rules_.rateHz)) + 1;
  const long long now = due - repeated_;
  repeated_ = due;
  return static_cast<int>(now) * direction_;
}

}  // namespace ps::ui
