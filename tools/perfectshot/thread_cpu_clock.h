#pragma once
// CPU time the calling thread has run (CLOCK_THREAD_CPUTIME_ID), in seconds.
//
// The player loop's "app CPU per frame" is this clock's advance between beginFrame's return
// and endFrame's call: time the loop thread spends blocked (a fence wait on the renderer, a
// mutex) does not count, and neither does GPU work, which lavapipe runs on its own threads.
// Wall time over the same span is kept apart so the blocked share stays visible.
namespace ps::tools {

// Seconds of CPU time of the calling thread since an unspecified start; only differences
// between two calls on the same thread mean anything. Throws std::system_error if the clock
// cannot be read.
double threadCpuSeconds();

}  // namespace ps::tools
