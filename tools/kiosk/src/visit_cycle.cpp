#include "kiosk/visit_cycle.h"

namespace ps::kiosk {

const char* visitStateName(VisitState state) {
  switch (state) {
    case VisitState::Attract: return "attract";
    case VisitState::Visit: return "visit";
    case VisitState::Lifted: return "lifted";
    case VisitState::Finished: return "finished";
  }
  return "?";
}

VisitStep VisitCycle::startVisit() {
  VisitStep step;
  state_ = VisitState::Visit;
  absentSince_.reset();
  ++visits_;
  step.startProgramme = true;
  step.recentre = true;
  return step;
}

VisitStep VisitCycle::endVisit() {
  VisitStep step;
  state_ = VisitState::Attract;
  absentSince_.reset();
  ++ended_;
  step.startAttract = true;
  step.visitEnded = true;
  return step;
}

VisitStep VisitCycle::onPresence(bool present, double t) {
  const bool was = present_;
  present_ = present;
  if (!present) waitForAbsence_ = false;
  switch (state_) {
    case VisitState::Attract:
      if (present && !waitForAbsence_) return startVisit();
      return {};
    case VisitState::Visit:
    case VisitState::Finished:
      if (!present && was) {
        VisitStep step;
        step.pauseProgramme = state_ == VisitState::Visit;
        resumeTo_ = state_;
        state_ = VisitState::Lifted;
        absentSince_ = t;
        return step;
      }
      return {};
    case VisitState::Lifted:
      if (present) {
        VisitStep step;
        state_ = resumeTo_;
        step.resumeProgramme = state_ == VisitState::Visit;
        absentSince_.reset();
        return step;
      }
      return {};
  }
  return {};
}

VisitStep VisitCycle::onTick(double t) {
  if (state_ == VisitState::Lifted && absentSince_ && t - *absentSince_ >= rules_.timeoutSeconds) return endVisit();
  return {};
}

VisitStep VisitCycle::toAttract() {
  if (state_ == VisitState::Attract) return {};
  waitForAbsence_ = present_;
  return endVisit();
}

VisitStep VisitCycle::onProgrammeOver(double t) {
  (void)t;
  if (state_ != VisitState::Visit) return {};
  switch (rules_.atEnd) {
    case AtEnd::Stop:
      state_ = VisitState::Finished;
      return {};
    case AtEnd::Loop: {
      VisitStep step;
      step.startProgramme = true;
      return step;
    }
    case AtEnd::Attract:
      waitForAbsence_ = present_;
      return endVisit();
  }
  return {};
}

}  // namespace ps::kiosk
