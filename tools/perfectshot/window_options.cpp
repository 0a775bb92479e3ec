#include "window_options.h"

#include "png_writer.h"

namespace ps::tools {

void addWindowOptions(CLI::App& command, WindowArgs& args) {
  command.add_option("--window-width", args.width, "window width in pixels (--display window)")
      ->check(CLI::Range(64, 8192))
      ->capture_default_str();
  command.add_option("--window-height", args.height, "window height in pixels (--display window)")
      ->check(CLI::Range(64, 8192))
      ->capture_default_str();
  command.add_option("--input-script", args.inputScript,
                     "replay keyboard, mouse and window events from this file, and take screenshots\n"
                     "(--display window; the format is in xr/include/xr/window_input_script.h)");
}

Result<xr::WindowDisplayOptions> windowDisplayOptions(const WindowArgs& args) {
  xr::WindowDisplayOptions options;
  options.size = {args.width, args.height};
  if (!args.inputScript.empty()) {
    auto script = xr::InputScript::load(args.inputScript);
    if (!script) return script.error();
    options.script = std::move(script).value();
  }
  options.onScreenshot = [](const std::filesystem::path& file, const engine::RgbaImage& image,
                            const xr::ScreenshotInfo&) { return writePng(file, image); };
  return options;
}

}  // namespace ps::tools
