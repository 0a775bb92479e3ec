#pragma once
// The machine's wall clock (CLOCK_REALTIME) in seconds: the clock the OS keeps in step with the
// other machines (chrony/NTP, linuxptp), so the one the headsets' states are stamped with.
namespace ps::sync {

double wallClockSeconds();

}  // namespace ps::sync
