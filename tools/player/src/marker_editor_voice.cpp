// The marker editor's voice note: "Record voice" in the headset menu records from the voice
// input until "Stop recording"; the take goes into the package and becomes the marker's
// narration clip (marker_editor.h).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "media/wav_file.h"
#include "player/marker_editor.h"

namespace ps::player {

namespace {

namespace fs = std::filesystem;

// Shorter than this is a grip pressed twice, not something said.
constexpr double kShortestVoiceSeconds = 0.2;

// "voice/<id>-<n>.wav" in the package, the first n whose file does not exist yet; the id's
// characters that a file name might not take are underscores.
std::string freeVoiceFile(const fs::path& package, const std::string& id) {
  std::string stem = id;
  std::replace_if(stem.begin(), stem.end(), [](unsigned char c) { return !std::isalnum(c) && c != '-' && c != '_'; },
                  '_');
  for (int n = 1;; ++n) {
    std::string rel = fmt::format("voice/{}-{}.wav", stem, n);
    std::error_code ec;
    if (!fs::exists(package / rel, ec) && !ec) return rel;
  }
}

}  // namespace

void MarkerEditor::startRecording() {
  if (!selected_) return;
  if (!voice_) {
    // Tried again at each "Record voice": a microphone plugged in meanwhile is found.
    Result<std::unique_ptr<media::VoiceInput>> opened = openVoice_();
    if (!opened) {
      changed(opened.error().message(), Outcome::Refused);
      return;
    }
    voice_ = std::move(*opened);
  }
  recorder_.emplace(*voice_);
  if (Status s = recorder_->start(now_); !s) {
    recorder_.reset();
    changed("cannot record: " + s.error().message(), Outcome::Failed);
    return;
  }
  recordingFor_ = *selected_;
  if (menu_) menu_->highlighted = 0;
  spdlog::info("editor: recording a voice for \"{}\" from {}", recordingFor_, voice_->name());
}

void MarkerEditor::pollRecording() {
  if (Status s = recorder_->poll(now_); !s) {
    recorder_.reset();
    changed(fmt::format("the voice for \"{}\" stopped recording: {}", recordingFor_, s.error().message()),
            Outcome::Failed);
  }
  if (menu_) showMenu();  // the seconds recorded
}

void MarkerEditor::stopRecording() {
  Result<media::VoiceTake> take = recorder_->stop(now_);
  recorder_.reset();
  const std::string id = recordingFor_;
  if (!take) {
    changed(fmt::format("the voice for \"{}\" is lost: {}", id, take.error().message()), Outcome::Failed);
    return;
  }
  if (take->seconds() < kShortestVoiceSeconds) {
    changed(fmt::format("a voice of {:.2f} s is too short to keep; \"{}\" keeps its narration", take->seconds(), id),
            Outcome::Refused);
    return;
  }
  // The clip is on disk before the shot names it: a crash in between leaves a file nobody names,
  // never a shot naming a file that is not there.
  const fs::path package = doc_.file().parent_path();
  const std::string rel = freeVoiceFile(package, id);
  std::error_code ec;
  fs::create_directories(package / "voice", ec);
  if (ec) {
    changed(fmt::format("cannot keep the voice for \"{}\": {}: {}", id, (package / "voice").string(), ec.message()),
            Outcome::Failed);
    return;
  }
  if (Status s = media::writeWavAtomically(package / rel, take->sampleRate, take->samples); !s) {
    changed(fmt::format("cannot keep the voice for \"{}\": {}", id, s.error().message()), Outcome::Failed);
    return;
  }
  scenes::MarkerEdit edit;
  edit.audio = rel;
  const auto& markers = doc_.shot().markers;
  const auto m = std::find_if(markers.begin(), markers.end(), [&](const scenes::Marker& x) { return x.id == id; });
  // The captions of the clip before do not caption this one.
  if (m != markers.end() && m->narration && !m->narration->captionsSrc.empty()) edit.captions = "";
  headsetEdited(doc_.editMarker(id, edit),
                fmt::format("recorded {:.2f} s of voice for \"{}\" into {}", take->seconds(), id, rel));
}

}  // namespace ps::player
