#pragma once
// The kiosk's visit cycle as data: what a change of presence, the passing of time or the end of
// the programme asks of the one object that drives playback (kiosk_director.h). No playback,
// display or clock here, so the rules are testable with made-up events and injected time:
//   attract --present--> visit: the programme from the beginning, a fade from black, the view
//                                recentred to the visitor's facing; one visitor more
//   visit --absent--> lifted: the programme paused where it is
//   lifted --present within the timeout--> visit: resumed (a short lift is not a new visit)
//   lifted --absent for the timeout--> attract: the visit is over
//   visit --programme over--> as the config says: stop (hold, the visit goes on), loop (the
//                             programme again from the beginning), attract (back to the
//                             attract loop; the next visit needs the headset off and on again)
// Times are seconds on any one monotonic clock (the display's predicted display times).
#include <cstdint>
#include <optional>

namespace ps::kiosk {

enum class AtEnd : std::uint8_t { Stop, Loop, Attract };

enum class VisitState : std::uint8_t {
  Attract,   // nobody wears it: the attract loop plays
  Visit,     // a visitor watches the programme
  Lifted,    // the visitor took the headset off; the programme waits for the timeout
  Finished,  // the programme is over and holds (AtEnd::Stop); the visitor still wears it
};

const char* visitStateName(VisitState state);

struct VisitRules {
  double timeoutSeconds = 10;  // headset off at least this long ends the visit
  AtEnd atEnd = AtEnd::Stop;
};

struct VisitStep {
  bool startAttract = false;     // the attract loop from its start
  bool startProgramme = false;   // the programme from the beginning, with a fade from black
  bool recentre = false;         // turn the film's front to where the visitor faces (yaw only)
  bool pauseProgramme = false;   // hold where it is
  bool resumeProgramme = false;  // play on from where it held
  bool visitEnded = false;       // a visit just ended (timeout, or the programme's end to attract)
  bool any() const {
    return startAttract || startProgramme || recentre || pauseProgramme || resumeProgramme || visitEnded;
  }
};

class VisitCycle {
 public:
  explicit VisitCycle(VisitRules rules = {}) : rules_(rules) {}

  // The presence source's reading at time t; repeating the same reading is harmless.
  VisitStep onPresence(bool present, double t);
  // Time passes (once per frame): the timeout of a lifted visit.
  VisitStep onTick(double t);
  // The programme reached its end.
  VisitStep onProgrammeOver(double t);
  // Back to attract on an operator's word (a show control): a visit under way ends; a visitor
  // still wearing the headset must take it off and on again to start another.
  VisitStep toAttract();

  VisitState state() const { return state_; }
  bool present() const { return present_; }
  std::uint64_t visits() const { return visits_; }        // started since construction
  std::uint64_t visitsEnded() const { return ended_; }
  // The visitor is away since then (Lifted only).
  std::optional<double> absentSince() const { return absentSince_; }
  const VisitRules& rules() const { return rules_; }

 private:
  VisitStep startVisit();
  VisitStep endVisit();

  VisitRules rules_;
  VisitState state_ = VisitState::Attract;
  bool present_ = false;
  // In attract after the programme ended with the visitor on: the same visitor must not start
  // it again at once; only presence seen gone (and back) does.
  bool waitForAbsence_ = false;
  std::optional<double> absentSince_;
  VisitState resumeTo_ = VisitState::Visit;  // where a lift returns to: Visit or Finished
  std::uint64_t visits_ = 0;
  std::uint64_t ended_ = 0;
};

}  // namespace ps::kiosk
