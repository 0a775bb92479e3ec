#include "media/listener.h"

#include "al_check.h"
#include "al_handles.h"

namespace ps::media {

Status setListener(const AudioOutput& output, const ListenerPose& pose) {
  ThreadContext current(output.handles().context.get());
  const HeadOrientation& o = pose.orientation;
  const ALfloat orientation[6] = {o.forward[0], o.forward[1], o.forward[2], o.up[0], o.up[1], o.up[2]};
  if (Status st = PS_AL_CHECK(alListenerfv(AL_ORIENTATION, orientation)); !st) return st;
  return PS_AL_CHECK(alListener3f(AL_POSITION, pose.position[0], pose.position[1], pose.position[2]));
}

Status setListenerGain(const AudioOutput& output, float gain) {
  ThreadContext current(output.handles().context.get());
  return PS_AL_CHECK(alListenerf(AL_GAIN, gain));
}

}  // namespace ps::media
