#include "sequence_forms.h"

#include <fmt/format.h>

#include <fstream>
#include <system_error>

#include "capture_frame.h"
#include "capture_glb.h"

namespace ps::tools {

namespace fs = std::filesystem;

std::string_view toString(FrameForm form) {
  switch (form) {
    case FrameForm::Draco: return "draco";
    case FrameForm::Meshopt: return "meshopt";
    case FrameForm::Plain: return "plain";
  }
  return "?";
}

Result<std::uintmax_t> writeFrameForm(const std::vector<fs::path>& frames, FrameForm form, const fs::path& out) {
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) return Error{out.string(), "cannot be created: " + ec.message(), ""};
  std::uintmax_t total = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    auto frame = readCaptureFrame(frames[i]);
    if (!frame) return frame.error();
    auto bytes = form == FrameForm::Plain     ? encodePlainGlb(*frame)
                 : form == FrameForm::Meshopt ? encodeCaptureGlb(*frame, MeshCompression::Meshopt)
                                              : encodeCaptureGlb(*frame, MeshCompression::Draco);
    if (!bytes) return Error{frames[i].string(), bytes.error().message(), ""};
    const fs::path file = out / fmt::format("frame_{:06}.glb", i);
    std::ofstream stream(file, std::ios::binary | std::ios::trunc);
    stream.write(reinterpret_cast<const char*>(bytes->data()), static_cast<std::streamsize>(bytes->size()));
    stream.close();
    if (!stream) return Error{file.string(), "cannot be written", "check the free space"};
    total += bytes->size();
  }
  return total;
}

}  // namespace ps::tools
