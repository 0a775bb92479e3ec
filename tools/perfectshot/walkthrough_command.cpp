// perfectshot walkthrough: the directors' walkthroughs of a shot package (recorded by
// `play --record-walkthrough`): list them, trim one to a span, cut a span out of one. Each edit
// reads the whole recording (refused with the place and the problem when it is malformed) and
// saves it atomically over itself.
#include <spdlog/fmt/fmt.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli_numbers.h"
#include "commands.h"
#include "report.h"
#include "scenes/shot_loader.h"
#include "scenes/walkthrough.h"

namespace ps::tools {

namespace {

namespace fs = std::filesystem;

struct WalkthroughCommandArgs {
  std::string shot;
  std::string name;
  double from = 0, to = 0;
};

Result<fs::path> packageOf(const std::string& shot) {
  const fs::path file = scenes::shotFile(shot);
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    return Error{shot, "not a shot package (no shot.json there)", "give the package folder or its shot.json"};
  return file.parent_path();
}

int list(const WalkthroughCommandArgs& args) {
  auto root = packageOf(args.shot);
  if (!root) return reportError(root.error());
  const std::vector<std::string> names = scenes::walkthroughNames(*root);
  if (names.empty()) std::cout << "no walkthroughs in " << args.shot << "\n";
  for (const std::string& name : names) {
    auto w = scenes::readWalkthrough(*root, name);
    if (!w) {
      std::cout << name << ": unreadable: " << w.error().message() << "\n";
      continue;
    }
    std::cout << fmt::format("{}: {:.2f} s, {} samples, {} timeline events{}\n", name, w->durationSeconds,
                             w->samples.size(), w->events.size(),
                             w->voice.empty() ? "" : fmt::format(", voice {}", w->voice.front().src));
  }
  return 0;
}

int edit(const WalkthroughCommandArgs& args, bool cut) {
  auto root = packageOf(args.shot);
  if (!root) return reportError(root.error());
  auto w = scenes::readWalkthrough(*root, args.name);
  if (!w) return reportError(w.error());
  auto edited = cut ? scenes::cutWalkthrough(*w, args.from, args.to) : scenes::trimWalkthrough(*w, args.from, args.to);
  if (!edited) return reportError(edited.error());
  if (auto saved = scenes::writeWalkthrough(*root, *edited); !saved) return reportError(saved.error());
  std::cout << fmt::format("{}: {:.2f} s, {} samples, {} timeline events (was {:.2f} s)\n", args.name,
                           edited->durationSeconds, edited->samples.size(), edited->events.size(), w->durationSeconds);
  return 0;
}

void addSpan(CLI::App& cmd, WalkthroughCommandArgs& args, const char* what) {
  cmd.add_option("shot", args.shot, "the shot package (folder or shot.json)")->required();
  cmd.add_option("name", args.name, "the walkthrough's name")->required();
  cmd.add_option("--from", args.from, std::string("recording seconds where the span ") + what + " begins")
      ->required()
      ->check(finiteIn(0, 1e6));
  cmd.add_option("--to", args.to, std::string("recording seconds where it ends"))->required()->check(finiteIn(0, 1e6));
}

}  // namespace

void addWalkthroughCommand(CLI::App& app, CommandOutcome& outcome) {
  auto args = std::make_shared<WalkthroughCommandArgs>();
  CLI::App* cmd = app.add_subcommand("walkthrough",
                                     "The directors' walkthroughs of a shot (play --record-walkthrough): list, trim, cut.");
  cmd->require_subcommand(1);
  CLI::App* ls = cmd->add_subcommand("list", "Lists the shot's walkthroughs: duration, samples, timeline events, voice.");
  ls->add_option("shot", args->shot, "the shot package (folder or shot.json)")->required();
  ls->callback([args, &outcome] { outcome.exitCode = list(*args); });
  CLI::App* trim = cmd->add_subcommand("trim", "Keeps only --from..--to of a walkthrough, starting it at 0 (saved atomically).");
  addSpan(*trim, *args, "kept");
  trim->callback([args, &outcome] { outcome.exitCode = edit(*args, false); });
  CLI::App* cut = cmd->add_subcommand(
      "cut", "Deletes --from..--to of a walkthrough; what follows moves earlier (saved atomically).");
  addSpan(*cut, *args, "deleted");
  cut->callback([args, &outcome] { outcome.exitCode = edit(*args, true); });
}

}  // namespace ps::tools
