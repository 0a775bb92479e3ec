#pragma once
// A writer killed (SIGKILL) at a random moment of its work: for tests that a save leaves the
// old file or the new one, whenever it is cut short.
#include <chrono>
#include <functional>
#include <random>

namespace ps::test {

// Forks a child that calls saveOnce() for ever (it exits with status 2 once saveOnce returns
// false), lets it finish 0 to 3 saves, then kills it at a random moment of the next `window`
// (two saves' time, say). Returns true when the kill ended the child, false when it stopped by
// itself. Throws std::runtime_error when it cannot fork or make its pipe.
bool killMidSave(const std::function<bool()>& saveOnce, std::chrono::microseconds window, std::mt19937& rng);

}  // namespace ps::test
