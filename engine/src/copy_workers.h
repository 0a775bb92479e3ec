#pragma once
// Runs a few independent CPU jobs at once (a picture's eyes and planes copied into mapped
// images on a CPU driver) and returns when all are done. The calling thread runs jobs too, so
// nothing waits on a busy pool; the workers are made once, on first use, and kept. Without
// spare cores the jobs run on the caller, one after another.
// Thread: any caller; one batch at a time (callers are serialised).
#include <functional>
#include <span>

namespace ps::engine {

void runCopyJobs(std::span<const std::function<void()>> jobs);

}  // namespace ps::engine
