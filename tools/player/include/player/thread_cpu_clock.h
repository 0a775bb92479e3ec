#pragma once
// CPU clocks: the calling thread's (CLOCK_THREAD_CPUTIME_ID) and the whole process's.
//
// The player loop's "app CPU per frame" is this clock's advance between beginFrame's return
// and endFrame's call: time the loop thread spends blocked (a fence wait on the renderer, a
// mutex) does not count, and neither does GPU work, which lavapipe runs on its own threads.
// Wall time over the same span is kept apart so the blocked share stays visible.
namespace ps::player {

// Seconds of CPU time of the calling thread since an unspecified start; only differences
// between two calls on the same thread mean anything. Throws std::system_error if the clock
// cannot be read.
double threadCpuSeconds();

// CPU time of every thread of this process together (CLOCK_PROCESS_CPUTIME_ID), in seconds:
// the decoder's threads and a CPU Vulkan driver's threads included. Same rules as above.
double processCpuSeconds();

}  // namespace ps::player
