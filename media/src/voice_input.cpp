#include "media/voice_input.h"

namespace ps::media {

Status VoiceRecorder::start(double nowSeconds) {
  take_ = VoiceTake{input_.sampleRate(), nowSeconds, {}};
  if (Status s = input_.start(nowSeconds); !s) return s;
  recording_ = true;
  return ok();
}

Status VoiceRecorder::poll(double nowSeconds) {
  if (!recording_) return ok();
  Result<VoiceChunk> chunk = input_.take(nowSeconds);
  if (!chunk) {
    input_.stop();
    recording_ = false;
    return chunk.error();
  }
  if (take_.samples.empty()) take_.firstSampleSeconds = chunk->firstSampleSeconds;
  take_.samples.insert(take_.samples.end(), chunk->samples.begin(), chunk->samples.end());
  return ok();
}

Result<VoiceTake> VoiceRecorder::stop(double nowSeconds) {
  const Status last = poll(nowSeconds);
  input_.stop();
  recording_ = false;
  if (!last) return last.error();
  return std::move(take_);
}

}  // namespace ps::media
