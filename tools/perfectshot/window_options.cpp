#include "window_options.h"

#include "png_writer.h"
#include "xr/display_factory.h"

namespace ps::tools {

void addWindowOptions(CLI::App& command, WindowArgs& args) {
  command.add_option("--window-width", args.width, "window width in pixels (--display window, and the headset's mirror)")
      ->check(CLI::Range(64, 8192))
      ->capture_default_str();
  command.add_option("--window-height", args.height, "window height in pixels (--display window, and the headset's mirror)")
      ->check(CLI::Range(64, 8192))
      ->capture_default_str();
  command.add_option("--input-script", args.inputScript,
                     "replay keyboard, mouse and window events from this file, and take screenshots\n"
                     "(--display window, or the headset's mirror window; the format is in\n"
                     "xr/include/xr/window_input_script.h)");
  command.add_option("--mirror", args.mirror,
                     "headset: show this eye in a desktop window (default: left when there is a desktop);\n"
                     "closing the window leaves the headset playing")
      ->check(CLI::IsMember({"left", "right", "none"}));
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

namespace ps::tools {

std::optional<xr::OpenXrMirrorOptions> mirrorOptions(const WindowArgs& args, const xr::WindowDisplayOptions& window,
                                                     bool headsetNamed) {
  if (args.mirror == "none" || (args.mirror.empty() && !xr::desktopAvailable())) return std::nullopt;
  xr::OpenXrMirrorOptions mirror;
  mirror.eye = args.mirror == "right" ? Eye::Right : Eye::Left;
  mirror.required = headsetNamed && !args.mirror.empty();
  mirror.window.size = window.size;
  mirror.window.script = window.script;
  mirror.window.onScreenshot = window.onScreenshot;
  return mirror;
}

}  // namespace ps::tools
