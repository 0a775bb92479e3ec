#pragma once
// OpenAL Soft handles in unique_ptr, and the scope that makes a context current
// for the calling thread only.
#define AL_ALEXT_PROTOTYPES
#include <AL/al.h>
#include <AL/alc.h>
#include <AL/alext.h>

#include <memory>

#include "media/audio_output.h"

namespace ps::media {

struct ALCdeviceDeleter {
  void operator()(ALCdevice* d) const { alcCloseDevice(d); }
};
struct ALCcontextDeleter {
  void operator()(ALCcontext* c) const {
    if (alcGetThreadContext() == c) alcSetThreadContext(nullptr);
    alcDestroyContext(c);
  }
};
using ALCdevicePtr = std::unique_ptr<ALCdevice, ALCdeviceDeleter>;
using ALCcontextPtr = std::unique_ptr<ALCcontext, ALCcontextDeleter>;

struct AudioOutput::Handles {
  ALCdevicePtr device;    // destroyed after the context (declared first)
  ALCcontextPtr context;
  int sampleRate = 0;     // Hz
  bool loopback = false;
  bool hrtf = false;      // ALC_HRTF_STATUS_SOFT said enabled
};

// Makes context current on this thread for the scope's life, then restores.
class ThreadContext {
 public:
  explicit ThreadContext(ALCcontext* c) : previous_(alcGetThreadContext()) { alcSetThreadContext(c); }
  ~ThreadContext() { alcSetThreadContext(previous_); }
  ThreadContext(const ThreadContext&) = delete;
  ThreadContext& operator=(const ThreadContext&) = delete;

 private:
  ALCcontext* previous_;
};

}  // namespace ps::media
